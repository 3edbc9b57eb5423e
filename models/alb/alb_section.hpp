#pragma once
/// Registers the `targetGroups` and `loadBalancers` sections (elbv2 shapes).
namespace fleetsim {
class ModelRegistry;
/// Adds both sections and the build step creating target groups, then load balancers.
void register_alb(ModelRegistry& registry);
}  // namespace fleetsim
