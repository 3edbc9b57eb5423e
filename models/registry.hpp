#pragma once
/// The one visible place where models are registered: their scenario sections, timeline actions
/// and build steps, in build order.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/world.hpp"
#include "sim/scenario/shape.hpp"

namespace fleetsim {

/// Builds part of the world from the validated scenario.
using BuildStep = void (*)(const nlohmann::json& scenario, World& world);

/// Sections, timeline actions and build steps of every model.
class ModelRegistry {
 public:
  ModelRegistry();
  /// Shapes live here.
  ShapeSet& shapes() { return shapes_; }
  /// Adds a top-level scenario section.
  void add_section(std::string name, const Shape* shape, std::string doc);
  /// Adds a timeline action: `fields` holds the action's own fields ("at" and "action" are added).
  void add_timeline_action(std::string action, Shape& fields);
  /// Adds a build step; steps run in the order added.
  void add_build_step(BuildStep step) { steps_.push_back(step); }
  /// The shape of one timeline entry (every action registered so far).
  const Shape* timeline_entry_shape() const { return timeline_entry_; }
  /// The shape of a whole scenario file.
  const Shape& scenario_shape() const { return *root_; }
  /// The build steps in order.
  const std::vector<BuildStep>& build_steps() const { return steps_; }

 private:
  ShapeSet shapes_;
  Shape* root_;
  Shape* timeline_entry_;
  std::vector<BuildStep> steps_;
};

/// Registers every model. Called once by the command line; the order here is the build order.
void register_models(ModelRegistry& registry);

}  // namespace fleetsim
