#pragma once
/// The EC2 side of an ECS cluster: its container instances, the tasks waiting for them, and the
/// launch platforms (one per capacity provider, one for the EC2 launch type) that place onto them.

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/api/container_instances.hpp"
#include "models/api/image_source.hpp"
#include "models/api/launch_platform.hpp"
#include "models/api/run_context.hpp"
#include "models/ecs/container_instance.hpp"
#include "models/ecs/placement.hpp"
#include "sim/slot_pool.hpp"

namespace fleetsim {

class ClusterCapacity;

/// Tasks placed on a cluster's instances through one capacity provider, or through the EC2 launch type.
class Ec2Platform : public LaunchPlatform {
 public:
  /// `provider` empty: the EC2 launch type (any instance; an unplaceable task fails at once).
  Ec2Platform(ClusterCapacity& cluster, std::string provider) : cluster_(cluster), provider_(std::move(provider)) {}
  void request(const TaskNeeds& needs, PlacementClient& client, Rng& rng) override;
  void withdraw(PlacementClient& client) override;
  void pull_started(std::uint32_t, SimTime) override {}  // the instance is billed, not the task
  void released(std::uint32_t ticket, SimTime now) override;
  Duration deprovisioning(Rng&) override { return Duration{}; }
  /// The capacity provider's name ("" for the launch type).
  const std::string& provider() const { return provider_; }

 private:
  ClusterCapacity& cluster_;
  std::string provider_;
};

/// What managed scaling needs to know about one capacity provider's part of the cluster.
struct ProviderLoad {
  int busy_instances = 0;                          ///< registered instances with a task
  int registered_instances = 0;                    ///< registered, not gone
  std::vector<std::pair<int, int>> waiting_tasks;  ///< (cpu units, memory MiB) of tasks waiting for capacity
};

/// One cluster's container instances.
class ClusterCapacity : public ContainerInstanceRegistry {
 public:
  /// Ephemeral host ports are [first_port, last_port].
  ClusterCapacity(RunContext& ctx, std::string name, const ImageSource& images, int first_port, int last_port);

  /// The launch platform of capacity provider `provider` ("" for the EC2 launch type), made on first use.
  Ec2Platform& platform(const std::string& provider);

  void instance_registered(const InstanceRegistration& instance) override;
  void instance_draining(const std::string& instance_id, const std::string& reason) override;
  void instance_lost(const std::string& instance_id, const std::string& reason) override;
  int tasks_on(const std::string& instance_id) const override;

  /// The load of one capacity provider, for its CapacityProviderReservation.
  ProviderLoad load(const std::string& provider) const;

  // For Ec2Platform.
  void request(Ec2Platform& platform, const TaskNeeds& needs, PlacementClient& client, Rng& rng);
  void withdraw(PlacementClient& client);
  void release(std::uint32_t ticket);

 private:
  struct Waiting {
    Ec2Platform* platform;
    TaskNeeds needs;
    PlacementClient* client;
    Rng* rng;
  };
  struct Ticket {
    ContainerInstance* instance = nullptr;
    HostedTask task;
  };
  bool try_place(Ec2Platform& platform, const TaskNeeds& needs, PlacementClient& client, Rng& rng, bool last_chance);
  void place_waiting();
  BoundPolicy& policy_for(const std::string& provider, const TaskNeeds& needs);
  void use_group(const std::string& group);
  ContainerInstance* find(const std::string& instance_id) const;
  Duration pull_time(ContainerInstance& instance, const std::string& image, bool& missing);
  void emit_instance(const ContainerInstance& instance, const char* status, const std::string& reason);

  RunContext& ctx_;
  std::string name_;
  const ImageSource& images_;
  int first_port_, last_port_;
  std::map<std::string, std::unique_ptr<Ec2Platform>> platforms_;
  std::vector<std::unique_ptr<ContainerInstance>> instances_;  // in registration order = placement index
  std::map<std::string, ContainerInstance*> by_id_;
  PlacementCluster placement_{{}};
  std::map<std::string, BoundPolicy> policies_;          // by provider + "|" + group
  std::map<std::string, std::vector<int>> group_tasks_;  // group -> tasks per instance position
  std::string current_group_;
  std::deque<Waiting> waiting_;
  CounterId pulled_mib_;  // fleetsim ImagePullMiB: what the instances downloaded
  SlotPool<Ticket> tickets_{"tasks on one cluster's instances"};
};

}  // namespace fleetsim
