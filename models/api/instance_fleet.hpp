#pragma once
/// EC2 CreateFleet of type `instant`, for a controller that chooses every instance itself (Karpenter launches
/// through CreateFleet, not through an Auto Scaling group): one instance of a given type, AZ and purchase option
/// on request, terminated on request, and nothing that keeps a count or replaces a lost instance. The ec2 model
/// provides InstanceFleets under the name "ec2".

#include <string>
#include <vector>

#include "models/api/container_instances.hpp"

namespace fleetsim {

/// A fleet's instances: they boot, bill per second from `running` and register with the registry the fleet
/// joined, as an Auto Scaling group's instances do (the same lifecycle and billing code).
class InstanceFleet {
 public:
  virtual ~InstanceFleet() = default;
  /// Launches one instance of `instance_type` in `zone`, Spot when `spot`. Returns its id, or empty when the
  /// zone is not one of the fleet's or is dark (the launch fails).
  virtual std::string launch_instance(const std::string& instance_type, const std::string& zone, bool spot) = 0;
  /// Terminates the instance `instance_id` with `reason`; nothing replaces it. False when it is not a live
  /// instance of the fleet.
  virtual bool terminate_instance(const std::string& instance_id, const std::string& reason) = 0;
  /// Instances register with `registry`, tagged `tag`; a Spot notice drains them.
  virtual void join_cluster(ContainerInstanceRegistry* registry, const std::string& tag) = 0;
  /// The AZs the fleet launches into, in order.
  virtual std::vector<std::string> zones() const = 0;
};

/// Creates instant fleets.
class InstanceFleets {
 public:
  virtual ~InstanceFleets() = default;
  /// A fleet `name` launching into `subnets` (ids of the subnets section), or into every AZ of the region when
  /// empty. It is provided as SpotPool under its name (the timeline's `spotInterruption` with
  /// `"autoScalingGroup": NAME` reaches it), bills and reports in summary.json's `capacity.ec2` like a group.
  virtual InstanceFleet& create_instant_fleet(const std::string& name, const std::vector<std::string>& subnets) = 0;
};

}  // namespace fleetsim
