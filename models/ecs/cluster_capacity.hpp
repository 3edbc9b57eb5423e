#pragma once
/// The EC2 side of an ECS cluster: its container instances (a HostFleet), the tasks waiting for them,
/// and the launch platforms (one per capacity provider, one for the EC2 launch type) that place onto them.

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "models/api/container_instances.hpp"
#include "models/api/image_source.hpp"
#include "models/api/launch_platform.hpp"
#include "models/api/run_context.hpp"
#include "models/ecs/placement.hpp"
#include "models/hosts/host_fleet.hpp"

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

  /// ECS refuses RegisterContainerInstance from agents with instance profile `profile` ("": none): such instances run
  /// and are billed but never join the cluster.
  void refuse_agents_of(const std::string& profile) { refused_profiles_.insert(profile); }

  /// The load of one capacity provider, for its CapacityProviderReservation.
  ProviderLoad load(const std::string& provider) const;

  // For Ec2Platform.
  void request(Ec2Platform& platform, const TaskNeeds& needs, PlacementClient& client, Rng& rng);
  void withdraw(PlacementClient& client);
  void release(std::uint32_t ticket);

 private:
  std::set<std::string> refused_profiles_;  // instance profiles whose role may not register agents
  struct Waiting {
    Ec2Platform* platform;
    TaskNeeds needs;
    PlacementClient* client;
    Rng* rng;
  };
  bool try_place(Ec2Platform& platform, const TaskNeeds& needs, PlacementClient& client, Rng& rng, bool last_chance);
  void place_waiting();
  BoundPolicy& policy_for(const std::string& provider, const TaskNeeds& needs);
  void emit_instance(const Host& instance, const char* status, const std::string& reason);

  RunContext& ctx_;
  std::string name_;
  const ImageSource& images_;
  std::map<std::string, std::unique_ptr<Ec2Platform>> platforms_;
  HostFleet fleet_;  // the container instances, in registration order
  TaskPlacement placement_{fleet_.table()};
  std::map<std::string, BoundPolicy> policies_;  // by provider + "|" + group
  std::deque<Waiting> waiting_;
  CounterId pulled_mib_;  // fleetsim ImagePullMiB: what the instances downloaded
};

}  // namespace fleetsim
