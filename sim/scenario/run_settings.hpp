#pragma once
/// The scenario sections the core itself reads: `simulation` and `outputs`.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/scenario/shape.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// `simulation.limits`: bounds known only while running, so a run past them stops with exit 3 instead of taking
/// hours or the machine's memory. The defaults are far above every example (the largest dispatches about 10^8
/// events in under 1 GiB); a scenario that needs more raises them.
struct RunLimits {
  std::uint64_t events = 10'000'000'000;  ///< events dispatched
  std::uint64_t memory_mib = 8192;        ///< peak resident memory of the process, checked once per metric period
};

/// `simulation`: how long, which seed, which region.
struct SimulationSettings {
  Duration duration;
  Duration warmup;  ///< `warmup`: the start of the run excluded from summary.json's figures (default 0)
  std::uint64_t seed = 1;
  Duration metrics_period = Duration::seconds(60);
  std::string region = "us-east-1";
  std::vector<std::string> availability_zones;  ///< empty: the region's first three
  std::int64_t start_unix_s = 1767225600;  ///< startTime: the UTC date-time at t = 0 (default 2026-01-01T00:00:00Z)
  RunLimits limits;  ///< `limits`: what stops a run that would not end in reasonable time or memory
};

/// `outputs`: what to write.
struct OutputSettings {
  std::vector<std::string> metric_patterns;  ///< "AWS/ECS/*"; empty: every metric
  std::vector<double> percentiles = {0.5, 0.9, 0.99, 0.999};
  bool events = true;
  bool timeline = false;
  bool report = true;  ///< write report.html

  /// True when "namespace/metric" matches a pattern (or there are none).
  bool wants_metric(const std::string& name_space, const std::string& metric) const;
};

/// The shape of `simulation`.
const Shape* simulation_shape(ShapeSet& shapes);
/// The shape of `outputs`.
const Shape* outputs_shape(ShapeSet& shapes);
/// Reads a validated `simulation` section.
SimulationSettings read_simulation(const nlohmann::json& section);
/// Reads a validated `outputs` section (absent: defaults).
OutputSettings read_outputs(const nlohmann::json* section);

}  // namespace fleetsim
