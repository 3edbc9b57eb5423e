#pragma once
/// Registers Application Auto Scaling: `scalableTargets`, `scalingPolicies`, `scheduledActions`.
namespace fleetsim {
class ModelRegistry;
/// Adds the three sections and their build step (after ECS and CloudWatch are built).
void register_autoscaling(ModelRegistry& registry);
}  // namespace fleetsim
