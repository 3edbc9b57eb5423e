// The scenario format before and after a section and a timeline action are added: the core's own
// sections come first, and a timeline entry is checked against the action its "action" names.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/scenario/scenario_format.hpp"
#include "sim/scenario/validator.hpp"

using fleetsim::ScenarioFormat;
using fleetsim::Shape;
using fleetsim::ValidationReport;

namespace {

std::vector<std::string> field_names(const Shape& shape) {
  std::vector<std::string> names;
  for (const auto& f : shape.fields) names.push_back(f.name);
  return names;
}

// The pointers of every error `value` has against `format`'s scenario shape.
std::vector<std::string> error_pointers(const ScenarioFormat& format, const nlohmann::json& value) {
  ValidationReport report;
  fleetsim::validate_shape(value, format.scenario_shape(), "", report);
  std::vector<std::string> out;
  for (const auto& d : report.errors) out.push_back(d.pointer);
  return out;
}

}  // namespace

TEST_CASE("a new format holds the core's sections, in order, and no other", "[scenario_format]") {
  ScenarioFormat format;
  CHECK(field_names(format.scenario_shape()) == std::vector<std::string>{"simulation", "outputs"});
  CHECK(format.timeline_entry_shape()->alternatives.empty());
  CHECK(error_pointers(format, {{"simulation", {{"duration", "1h"}}}}).empty());
  CHECK(error_pointers(format, {{"simulation", {{"duration", "1h"}}}, {"services", 1}}) ==
        std::vector<std::string>{"/services"});
}

TEST_CASE("sections follow the core's in the order added", "[scenario_format]") {
  ScenarioFormat format;
  format.add_section("name", format.shapes().string(), "names the output folder");
  format.add_section("services", format.shapes().count(), "a count, for the test");
  CHECK(field_names(format.scenario_shape()) == std::vector<std::string>{"simulation", "outputs", "name", "services"});
  CHECK(error_pointers(format, {{"simulation", {{"duration", "1h"}}}, {"services", 1}}).empty());
  CHECK(error_pointers(format, {{"simulation", {{"duration", "1h"}}}, {"services", -1}}) ==
        std::vector<std::string>{"/services"});
}

TEST_CASE("a timeline action gains required 'at' and 'action' fields before its own", "[scenario_format]") {
  ScenarioFormat format;
  Shape& scale = format.shapes().object("a scale action");
  scale.required("count", format.shapes().count(), "how many");
  format.add_timeline_action("scale", scale);
  format.add_section("timeline", format.shapes().array_of(format.timeline_entry_shape()), "actions");

  CHECK(field_names(scale) == std::vector<std::string>{"at", "action", "count"});
  CHECK(scale.fields[0].required);
  CHECK(scale.fields[1].required);
  REQUIRE(format.timeline_entry_shape()->alternatives.size() == 1);
  CHECK(format.timeline_entry_shape()->alternatives[0] == &scale);

  nlohmann::json good = {{"simulation", {{"duration", "1h"}}},
                         {"timeline", {{{"at", "5m"}, {"action", "scale"}, {"count", 3}}}}};
  CHECK(error_pointers(format, good).empty());
  nlohmann::json no_time = {{"simulation", {{"duration", "1h"}}}, {"timeline", {{{"action", "scale"}, {"count", 3}}}}};
  CHECK(error_pointers(format, no_time) == std::vector<std::string>{"/timeline/0"});
  nlohmann::json unknown = {{"simulation", {{"duration", "1h"}}},
                            {"timeline", {{{"at", "5m"}, {"action", "grow"}, {"count", 3}}}}};
  CHECK(error_pointers(format, unknown) == std::vector<std::string>{"/timeline/0/action"});
}
