#pragma once
/// Registers the `timeline` section: actions at given times, each carried out by the model that owns it.
namespace fleetsim {
class ModelRegistry;
/// Adds the section (with every action registered before this call) and its build step.
void register_timeline(ModelRegistry& registry);
}  // namespace fleetsim
