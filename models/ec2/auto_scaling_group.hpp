#pragma once
/// An EC2 Auto Scaling group (CreateAutoScalingGroup shape): launches and terminates instances to keep
/// DesiredCapacity, balanced across its Availability Zones, on-demand or Spot, billed per second.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/api/container_instances.hpp"
#include "models/api/cost_ledger.hpp"
#include "models/api/instance_fleet.hpp"
#include "models/api/run_context.hpp"
#include "models/api/zone_health.hpp"
#include "models/catalog/catalog.hpp"

namespace fleetsim {

/// Everything a group needs, read from the scenario.
struct AsgConfig {
  std::string name;
  std::vector<const InstanceType*> types;  ///< launch type first (the launch configuration's, or the first override)
  std::vector<std::string> zones;          ///< AZs, in order
  std::vector<std::string> subnets;        ///< subnet of each AZ ("" when given as AvailabilityZones)
  int min_size = 0, max_size = 0, desired = 0;
  int on_demand_base = 0;                    ///< MixedInstancesPolicy OnDemandBaseCapacity
  int on_demand_percent = 100;               ///< OnDemandPercentageAboveBaseCapacity
  bool new_instances_protected = false;      ///< NewInstancesProtectedFromScaleIn
  std::string cluster = "default";           ///< x-fleetsim.cluster
  std::vector<std::string> security_groups;  ///< SecurityGroups (launch-configuration style): the instances' groups
  std::string instance_profile;              ///< IamInstanceProfile (launch-configuration style), or ""
  bool agent_spot_draining = false;          ///< x-fleetsim.spotInstanceDraining: ECS_ENABLE_SPOT_INSTANCE_DRAINING
  bool instant = false;  ///< an EC2 Fleet of type instant: launches on request only, keeps no count, replaces nothing
};

/// One Auto Scaling group and its instances; with `instant`, an instant EC2 Fleet sharing the same lifecycle.
class AutoScalingGroup : public ScalableGroup, public InstanceFleet {
 public:
  /// A group launching only into the zones `zones` reports up.
  AutoScalingGroup(RunContext& ctx, AsgConfig config, const Catalog& catalog, const std::string& region,
                   CostLedger& costs, const ZoneHealth& zones);
  ~AutoScalingGroup() override;
  /// Launches the initial DesiredCapacity.
  void start();
  /// Settles the bills of instances still running.
  void finish(SimTime end);

  int desired_capacity() const override { return config_.desired; }
  int instance_count() const override;
  int warming_instances(Duration warmup) const override;
  int min_size() const override { return config_.min_size; }
  int max_size() const override { return config_.max_size; }
  void set_desired_capacity(int desired, const std::string& reason) override;
  bool terminate_instance(const std::string& instance_id, const std::string& reason) override;
  void protect_busy_instances(const ContainerInstanceRegistry* registry) override { protection_ = registry; }
  void set_managed_draining(bool on) override { managed_draining_ = on; }
  std::pair<int, int> largest_type() const override;
  std::pair<int, int> smallest_type() const override;
  void join_cluster(ContainerInstanceRegistry* registry, const std::string& capacity_provider) override;
  std::string launch_instance(const std::string& instance_type, const std::string& zone, bool spot) override;
  std::vector<std::string> zones() const override { return config_.zones; }
  const std::string& cluster_hint() const override { return config_.cluster; }
  const std::vector<std::string>& security_groups() const override { return config_.security_groups; }
  const std::string& instance_profile() const override { return config_.instance_profile; }

  /// Spot interruption of `count` running Spot instances: a two-minute notice (the agent drains), then termination.
  void interrupt_spot(int count) override;
  /// Terminates `count` instances at once (a fault); the group replaces them.
  void terminate_instances(int count, const std::string& reason);
  /// An AZ of the group went dark (its instances are lost, replacements go to the other AZs) or came
  /// back (AZRebalance moves instances back).
  void zone_changed(const std::string& zone, bool up);

  /// Instance-hours used (billed seconds / 3600) and the most instances alive at once, in the summary's window.
  double instance_hours() const { return instance_hours_ - hours_before_window_; }
  int peak_instances() const { return peak_; }
  const std::string& name() const { return config_.name; }

 private:
  enum class State { kPending, kRunning, kShuttingDown, kTerminated };
  struct Instance {
    std::string id;
    const InstanceType* type;
    std::size_t zone;
    bool spot;
    State state = State::kPending;
    bool interrupted = false;
    bool leaving = false;                 ///< AZRebalance will terminate it once its replacement registers
    std::optional<std::size_t> replaces;  ///< AZRebalance: the instance this one takes over from
    SimTime launched, billed_from;
    double price_hour = 0;
    AutoScalingGroup* group;
    EventId timer;
  };
  bool launch();
  void launch_in(const InstanceType* type, std::size_t zone, bool spot);
  std::optional<std::size_t> emptiest_zone() const;
  std::vector<int> live_per_zone() const;
  bool may_terminate(const Instance& in) const;
  void rebalance();
  bool choose_spot() const;
  void on_running(std::uint64_t i);
  void on_registered(std::uint64_t i);
  void register_instance(const Instance& in);
  void retire(std::size_t old, std::size_t successor);
  void on_interruption_due(std::uint64_t i);
  void terminate(std::size_t i, const std::string& reason);
  void settle(Instance& instance, SimTime now);
  void emit(const Instance& instance, const char* state, const std::string& reason);
  void record_counts();
  bool alive(const Instance& i) const { return i.state == State::kPending || i.state == State::kRunning; }

  RunContext& ctx_;
  AsgConfig config_;
  const Catalog& catalog_;
  std::string region_;
  CostLedger& costs_;
  const ZoneHealth& zone_health_;
  Rng rng_;
  ContainerInstanceRegistry* registry_ = nullptr;
  const ContainerInstanceRegistry* protection_ = nullptr;
  bool managed_draining_ = false;
  std::string capacity_provider_;
  std::vector<Instance> instances_;  // every instance ever launched, in launch order
  std::uint64_t serial_ = 0;
  GaugeId desired_gauge_, in_service_gauge_;
  double instance_hours_ = 0;
  double hours_before_window_ = 0;  // billed or accrued before simulation.warmup ended
  int peak_ = 0;
};

}  // namespace fleetsim
