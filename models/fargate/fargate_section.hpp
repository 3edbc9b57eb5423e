#pragma once
/// Registers the Fargate launch platforms (FARGATE and FARGATE_SPOT).
namespace fleetsim {
class ModelRegistry;
/// Adds the build step that creates both platforms for the scenario's region.
void register_fargate(ModelRegistry& registry);
}  // namespace fleetsim
