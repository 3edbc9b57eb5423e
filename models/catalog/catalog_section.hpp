#pragma once
/// Registers the `catalog` section.
namespace fleetsim {
class ModelRegistry;
/// Adds the catalogue's section and its build step (which runs before every model that reads prices).
void register_catalog(ModelRegistry& registry);
}  // namespace fleetsim
