#pragma once
// One whole scenario run in process with its outputs discarded, timed in processor seconds: what the
// end-to-end guards and comparisons measure.

#include <ctime>

#include "models/registry.hpp"
#include "sim/cli/scenario_run.hpp"

namespace fleetsim::bench {

/// A metrics sink that keeps nothing.
class DiscardRows : public MetricRowSink {
 public:
  void write(const MetricRow&) override {}
};

/// Processor seconds used by this process so far.
inline double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

/// What one timed run did.
struct TimedRun {
  double seconds = 0;              ///< processor seconds
  nlohmann::ordered_json summary;  ///< its summary.json
};

/// Runs `loaded` once, outputs discarded.
inline TimedRun run_timed(const LoadedScenario& loaded, const ModelRegistry& registry) {
  const double start = cpu_seconds();
  ScenarioRun run(loaded, registry, nullptr);
  DiscardRows sink;
  run.run(sink, [](SimTime) {});
  TimedRun out;
  out.seconds = cpu_seconds() - start;
  out.summary = run.summary();
  return out;
}

}  // namespace fleetsim::bench
