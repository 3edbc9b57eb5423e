#include "models/catalog/catalog_section.hpp"

#include "models/registry.hpp"

namespace fleetsim {

namespace {
void build_catalog(const nlohmann::json& scenario, World& world) {
  if (auto c = scenario.find("catalog"); c != scenario.end()) world.catalog.apply_overrides(*c, "/catalog");
}
}  // namespace

void register_catalog(ModelRegistry& r) {
  r.add_section("catalog", Catalog::section_shape(r.shapes()), "additions to or overrides of the built-in catalogue");
  r.add_model({"catalog", 5, &build_catalog});
}

}  // namespace fleetsim
