#pragma once
/// Registers the `rules` section (events PutRule with its Targets).
namespace fleetsim {
class ModelRegistry;
/// Adds the `rules` section and the build step that creates the scheduled rules.
void register_events(ModelRegistry& registry);
}  // namespace fleetsim
