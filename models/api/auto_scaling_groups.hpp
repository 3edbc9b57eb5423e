#pragma once
/// EC2 Auto Scaling's CreateAutoScalingGroup for models that create groups while the world is built (an EKS
/// managed node group is such a group). The ec2 model provides it to the World under the name "ec2".

#include <nlohmann/json.hpp>
#include <string>

#include "models/api/container_instances.hpp"

namespace fleetsim {

/// Creates Auto Scaling groups on request, as the autoscaling API does.
class AutoScalingGroups {
 public:
  virtual ~AutoScalingGroups() = default;
  /// Creates a group from a CreateAutoScalingGroup-shaped `request` (the fields the `autoScalingGroups`
  /// section takes: AutoScalingGroupName, MinSize, MaxSize, DesiredCapacity, InstanceType or
  /// MixedInstancesPolicy, VPCZoneIdentifier or AvailabilityZones, SecurityGroups, ...), read by the section's
  /// own code. The group is provided as ScalableGroup and SpotPool under its name (so `spotInterruption` and
  /// `terminateInstances` reach it), starts with the run and bills like the section's groups. Its instances
  /// join no cluster until the caller calls join_cluster. Throws ScenarioError at `pointer` (or a path under
  /// it) when the request is malformed, names an unknown instance type or subnet, or reuses a group's name.
  virtual ScalableGroup& create_auto_scaling_group(const nlohmann::json& request, const std::string& pointer) = 0;
};

}  // namespace fleetsim
