#include "models/world_builder.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace fleetsim {

void WorldPlan::add(ModelBuilder builder) {
  for (const ModelBuilder& b : builders_) {
    if (b.name == builder.name) throw std::logic_error("model \"" + builder.name + "\" is registered twice");
  }
  auto before = [](const ModelBuilder& a, const ModelBuilder& b) {
    return std::tie(a.rank, a.name) < std::tie(b.rank, b.name);
  };
  builders_.insert(std::upper_bound(builders_.begin(), builders_.end(), builder, before), std::move(builder));
}

void WorldPlan::build(const nlohmann::json& scenario, World& world) const {
  for (const ModelBuilder& b : builders_) b.create(scenario, world);
  for (std::size_t i = 0; i < world.models.size(); ++i) world.models[i]->link(world);
  for (std::size_t i = 0; i < world.models.size(); ++i) world.models[i]->check(world);
}

}  // namespace fleetsim
