#pragma once
/// Registers the `workloads` section and the setRate timeline action.
namespace fleetsim {
class ModelRegistry;
/// Adds the section, its build step and setRate.
void register_workloads(ModelRegistry& registry);
}  // namespace fleetsim
