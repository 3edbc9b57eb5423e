#pragma once
/// Registers the ECS sections: `clusters`, `taskDefinitions`, `services`, and `updateService`.
namespace fleetsim {
class ModelRegistry;
/// Adds the ECS sections, the build step and the updateService timeline action.
void register_ecs(ModelRegistry& registry);
}  // namespace fleetsim
