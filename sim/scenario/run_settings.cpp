#include "sim/scenario/run_settings.hpp"

#include <charconv>
#include <string_view>

#include "sim/calendar.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"
#include "sim/wildcard.hpp"

namespace fleetsim {

namespace {

const Shape* limits_shape(ShapeSet& s) {
  Shape& limits =
      s.object("the limits", "Bounds that stop a run (exit 3) rather than let it run for hours or exhaust memory.");
  limits.field("events", s.integer(1, 9007199254740991.0), "events dispatched at most (default 10^10)")
      .field("memoryMiB", s.integer(1, 16777216.0), "peak resident memory at most, MiB (default 8192)");
  return &limits;
}
}  // namespace

bool OutputSettings::wants_metric(const std::string& name_space, const std::string& metric) const {
  if (metric_patterns.empty()) return true;
  std::string name = name_space + "/" + metric;
  for (const std::string& p : metric_patterns) {
    if (wildcard_match(p, name)) return true;
  }
  return false;
}

const Shape* simulation_shape(ShapeSet& s) {
  Shape& sim = s.object("the simulation section", "How long to simulate, with which seed, where.");
  sim.required("duration", s.duration(), "simulated time, e.g. \"1d\"")
      .field("warmup", s.duration(),
             "start of the run excluded from every figure of summary.json, not from metrics or events (default 0)")
      .field("seed", s.integer(0, 9007199254740991.0), "random seed (default 1)")
      .field("metricsPeriod", s.duration(), "CloudWatch period of metrics.csv (default 60s)")
      .field("region", s.string(), "AWS region: prices and AZ names (default us-east-1)")
      .field("availabilityZones", s.array_of(s.string(), 16), "AZs used (default: the region's first three)")
      .field("startTime", s.string(),
             "UTC date-time of the start, for scheduled actions (default \"2026-01-01T00:00:00Z\")")
      .field("limits", limits_shape(s), "bounds that stop a run with exit 3 (raise them for very large runs)");
  return &sim;
}

const Shape* outputs_shape(ShapeSet& s) {
  Shape& out = s.object("the outputs section", "What to write.");
  out.field("metrics", s.array_of(s.string(), 1000), "\"Namespace/Metric\" patterns with * wildcards (default: all)")
      .field("percentiles", s.array_of(s.string(), 20),
             "latency percentiles such as \"p50\", \"p99.9\" (default p50, p90, p99, p99.9)")
      .field("events", s.boolean(), "write events.jsonl (default true)")
      .field("timeline", s.boolean(), "write timeline.json (default false)")
      .field("report", s.boolean(), "write report.html, the run's charts in one self-contained page (default true)");
  return &out;
}

SimulationSettings read_simulation(const nlohmann::json& sim) {
  SimulationSettings out;
  out.duration = read_duration(sim["duration"], "/simulation/duration");
  if (out.duration.us() <= 0) throw ScenarioError("/simulation/duration", "expected a positive duration");
  if (sim.contains("warmup")) {
    out.warmup = read_duration(sim["warmup"], "/simulation/warmup");
    if (out.warmup.us() < 0) throw ScenarioError("/simulation/warmup", "expected a duration of at least 0");
    if (out.warmup >= out.duration)
      throw ScenarioError("/simulation/warmup", "the warm-up (" + format_duration(out.warmup) +
                                                    ") must be shorter than the duration (" +
                                                    format_duration(out.duration) + ")");
  }
  out.seed = sim.value("seed", std::uint64_t{1});
  if (sim.contains("metricsPeriod"))
    out.metrics_period = read_duration(sim["metricsPeriod"], "/simulation/metricsPeriod");
  if (out.metrics_period.us() < 1000000 || out.metrics_period.us() % 1000000 != 0) {
    throw ScenarioError("/simulation/metricsPeriod", "expected a whole number of seconds, at least 1s");
  }
  out.region = sim.value("region", std::string("us-east-1"));
  if (sim.contains("startTime")) {
    auto start = parse_utc_date_time(sim["startTime"].get<std::string>());
    if (!start)
      throw ScenarioError("/simulation/startTime", "expected a UTC date-time such as \"2026-01-01T00:00:00Z\"");
    out.start_unix_s = *start;
  }
  if (sim.contains("limits")) {
    out.limits.events = sim["limits"].value("events", out.limits.events);
    out.limits.memory_mib = sim["limits"].value("memoryMiB", out.limits.memory_mib);
  }
  if (sim.contains("availabilityZones"))
    out.availability_zones = sim["availabilityZones"].get<std::vector<std::string>>();
  return out;
}

OutputSettings read_outputs(const nlohmann::json* section) {
  OutputSettings out;
  if (section == nullptr) return out;
  if (section->contains("metrics")) out.metric_patterns = (*section)["metrics"].get<std::vector<std::string>>();
  if (section->contains("percentiles")) {
    out.percentiles.clear();
    const nlohmann::json& ps = (*section)["percentiles"];
    for (std::size_t i = 0; i < ps.size(); ++i) {
      std::string text = ps[i].get<std::string>();
      double v = 0;
      bool ok = text.size() > 1 && text[0] == 'p';
      if (ok) {
        auto [ptr, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), v);
        ok = ec == std::errc() && ptr == text.data() + text.size() && v > 0 && v < 100;
      }
      if (!ok)
        throw ScenarioError("/outputs/percentiles/" + std::to_string(i),
                            "expected \"pNN\" with 0 < NN < 100, got \"" + text + "\"");
      out.percentiles.push_back(v / 100.0);
    }
  }
  out.events = section->value("events", true);
  out.timeline = section->value("timeline", false);
  out.report = section->value("report", true);
  return out;
}

}  // namespace fleetsim
