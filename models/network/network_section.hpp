#pragma once
/// Registers the `subnets` section (ec2 CreateSubnet shape): which AZ each subnet is in.
namespace fleetsim {
class ModelRegistry;
/// Adds the `subnets` section and its build step.
void register_network(ModelRegistry& registry);
}  // namespace fleetsim
