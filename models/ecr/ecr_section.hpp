#pragma once
/// Registers the `images` section.
namespace fleetsim {
class ModelRegistry;
/// Adds the `images` section and the build step that creates the registry.
void register_ecr(ModelRegistry& registry);
}  // namespace fleetsim
