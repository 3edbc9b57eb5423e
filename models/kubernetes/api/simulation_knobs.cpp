#include "models/kubernetes/api/simulation_knobs.hpp"

#include <charconv>
#include <string>
#include <vector>

#include "models/kubernetes/api/quantity.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/validator.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim::kube {

namespace {

const std::vector<std::string> kKnobs = {"max-concurrency",    "startup-time", "crash-after",
                                         "fail-health-checks", "memory-usage", "run-time"};

// A distribution written as JSON text, checked against the scenario format's distribution shape.
Distribution distribution_from_json(const Field& f, const std::string& text) {
  JsonDocument doc;
  try {
    doc = JsonDocument::parse(text);
  } catch (const JsonSyntaxError&) {
    f.fail(
        "expected a duration such as \"30s\" or a distribution such as '{\"dist\": \"exponential\", \"mean\": "
        "30}', got \"" +
        text + "\"");
  }
  ShapeSet shapes;
  ValidationReport report;
  validate_shape(doc.root(), *distribution_shape(shapes), "", report);
  if (!report.errors.empty()) {
    const Diagnostic& d = report.errors.front();
    f.fail((d.pointer.empty() ? "" : d.pointer + ": ") + d.message);
  }
  try {
    return read_distribution(doc.root(), "");
  } catch (const ScenarioError& e) {
    f.fail(e.diagnostic().message);
  }
}

// A time knob: a duration ("30s", "45") or a distribution in seconds.
Distribution read_seconds(const Field& f) {
  const std::string text = f.string();
  Duration d;
  std::string why;
  if (parse_duration(text, d, why)) return Distribution::constant(d.seconds_f());
  return distribution_from_json(f, text);
}

// memory-usage: a number of MiB, a quantity with a unit, or a distribution in MiB.
Distribution read_mib(const Field& f) {
  const std::string text = f.string();
  double mib = 0;
  const auto res = std::from_chars(text.data(), text.data() + text.size(), mib);
  if (res.ec == std::errc{} && res.ptr == text.data() + text.size() && mib >= 0) return Distribution::constant(mib);
  if (!text.empty() && text.front() != '{') {
    try {
      return Distribution::constant(static_cast<double>(quantity_value(text)) / (1024.0 * 1024.0));
    } catch (const QuantityError& e) {
      f.fail(e.what());
    }
  }
  return distribution_from_json(f, text);
}

}  // namespace

SimulationKnobs read_simulation_knobs(const Field& annotations) {
  SimulationKnobs k;
  const std::string prefix = kKnobPrefix;
  for (const std::string& key : annotations.keys()) {
    if (key.rfind(prefix, 0) != 0) continue;
    const std::string knob = key.substr(prefix.size());
    const Field f = annotations[key];
    if (knob == "max-concurrency") {
      const std::string text = f.string();
      std::uint32_t n = 0;
      const auto res = std::from_chars(text.data(), text.data() + text.size(), n);
      if (res.ec != std::errc{} || res.ptr != text.data() + text.size() || n < 1 || n > 1000000) {
        f.fail("expected an integer from 1 to 1000000 (requests served at once), got \"" + text + "\"");
      }
      k.max_concurrency = n;
    } else if (knob == "startup-time") {
      k.startup_s = read_seconds(f);
    } else if (knob == "crash-after") {
      k.crash_after_s = read_seconds(f);
    } else if (knob == "run-time") {
      k.run_time_s = read_seconds(f);
    } else if (knob == "memory-usage") {
      k.memory_use_mib = read_mib(f);
    } else if (knob == "fail-health-checks") {
      const std::string text = f.string();
      if (text != "true" && text != "false") f.fail("expected \"true\" or \"false\", got \"" + text + "\"");
      k.fail_health_checks = text == "true";
    } else {
      f.fail(no_such_name("fleetsim.io annotation", knob, kKnobs));
    }
  }
  return k;
}

}  // namespace fleetsim::kube
