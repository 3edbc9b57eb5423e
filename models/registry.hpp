#pragma once
/// The one visible place where models are registered: their scenario sections, timeline actions
/// and builders (whose ranks, not the order here, decide the build order).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/world_builder.hpp"
#include "sim/scenario/shape.hpp"

namespace fleetsim {

/// Sections, timeline actions and builders of every model.
class ModelRegistry {
 public:
  ModelRegistry();
  /// Shapes live here.
  ShapeSet& shapes() { return shapes_; }
  /// Adds a top-level scenario section.
  void add_section(std::string name, const Shape* shape, std::string doc);
  /// Adds a timeline action: `fields` holds the action's own fields ("at" and "action" are added).
  void add_timeline_action(std::string action, Shape& fields);
  /// Adds a model's builder.
  void add_model(ModelBuilder builder) { plan_.add(std::move(builder)); }
  /// The shape of one timeline entry (every action registered so far).
  const Shape* timeline_entry_shape() const { return timeline_entry_; }
  /// The shape of a whole scenario file.
  const Shape& scenario_shape() const { return *root_; }
  /// How the world is built.
  const WorldPlan& plan() const { return plan_; }

 private:
  ShapeSet shapes_;
  Shape* root_;
  Shape* timeline_entry_;
  WorldPlan plan_;
};

/// Adds one model (or a few fields) to a registry.
using RegisterModel = void (*)(ModelRegistry&);
/// Every model's registration, in the order of the schema's sections.
const std::vector<RegisterModel>& model_registrations();
/// Registers every model. Called once by the command line; the order here is the schema's order only.
void register_models(ModelRegistry& registry);

}  // namespace fleetsim
