#include "sim/scenario/scenario_format.hpp"

#include "sim/scenario/run_settings.hpp"

namespace fleetsim {

ScenarioFormat::ScenarioFormat() {
  root_ = &shapes_.object("a scenario", "A fleetsim scenario, format version 1.");
  timeline_entry_ = &shapes_.make(ShapeKind::kTagged, "a timeline entry", "Something that happens at a given time.");
  timeline_entry_->discriminator = "action";
  add_section("simulation", simulation_shape(shapes_), "duration, seed, metrics period, region");
  add_section("outputs", outputs_shape(shapes_), "what to write");
}

void ScenarioFormat::add_section(std::string name, const Shape* shape, std::string doc) {
  root_->field(std::move(name), shape, std::move(doc));
}

void ScenarioFormat::add_timeline_action(std::string action, Shape& fields) {
  fields.fields.insert(
      fields.fields.begin(),
      {Field{"at", shapes_.duration(), true, true, "when, from the start of the simulation"},
       Field{"action", shapes_.one_of_strings("\"" + action + "\"", {action}), true, true, "the action"}});
  timeline_entry_->alternatives.push_back(&fields);
}

}  // namespace fleetsim
