#pragma once
/// Registers the `autoScalingGroups` section (autoscaling CreateAutoScalingGroup shape) and the EC2
/// timeline actions `spotInterruption` and `terminateInstances`.
namespace fleetsim {
class ModelRegistry;
/// Adds the section, its build step and the timeline actions.
void register_ec2(ModelRegistry& registry);
}  // namespace fleetsim
