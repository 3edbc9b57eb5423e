#pragma once
/// The scenario format as one tree of shapes: the core's own sections first, then each model's,
/// and the timeline's entries, one alternative per action.

#include <string>

#include "sim/scenario/shape.hpp"

namespace fleetsim {

/// A whole scenario file's shape, grown by the models' registration; starts with the core's
/// `simulation` and `outputs` sections.
class ScenarioFormat {
 public:
  ScenarioFormat();
  ScenarioFormat(const ScenarioFormat&) = delete;
  ScenarioFormat& operator=(const ScenarioFormat&) = delete;
  virtual ~ScenarioFormat() = default;

  /// Shapes live here.
  ShapeSet& shapes() { return shapes_; }
  /// Adds a top-level scenario section.
  void add_section(std::string name, const Shape* shape, std::string doc);
  /// Adds a timeline action: `fields` holds the action's own fields ("at" and "action" are added).
  void add_timeline_action(std::string action, Shape& fields);
  /// The shape of one timeline entry (every action added so far).
  const Shape* timeline_entry_shape() const { return timeline_entry_; }
  /// The shape of a whole scenario file.
  const Shape& scenario_shape() const { return *root_; }

 private:
  ShapeSet shapes_;
  Shape* root_;
  Shape* timeline_entry_;
};

}  // namespace fleetsim
