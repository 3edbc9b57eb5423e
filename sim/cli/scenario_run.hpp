#pragma once
/// One simulation of a loaded scenario: has the registry build the models, then advances the clock
/// period by period, closing metric periods and reporting progress in between.

#include <functional>
#include <memory>
#include <ostream>

#include "sim/cli/scenario_loader.hpp"
#include "sim/engine.hpp"
#include "sim/metrics/metric_store.hpp"
#include "sim/model_registry.hpp"
#include "sim/output/event_log.hpp"

namespace fleetsim {

/// The models of one run and its clock.
class ScenarioRun {
 public:
  /// Builds every model; throws CommandError (exit 2) on semantic problems in the scenario.
  /// `events` may be null (no events.jsonl), and so may `trace` (no timeline.json).
  /// `exec` says whether the scenario may start programs (--allow-exec).
  ScenarioRun(const LoadedScenario& scenario, const Registry& registry, std::ostream* events,
              LifecycleTrace* trace = nullptr, ExecPermission exec = ExecPermission::kRefused);
  /// Simulates to the end, writing datapoints to `sink`; `progress(now)` is called between periods
  /// and may throw to abandon the run.
  void run(MetricRowSink& sink, const std::function<void(SimTime)>& progress);
  /// summary.json.
  nlohmann::ordered_json summary() const;
  /// Events dispatched.
  std::uint64_t events_processed() const { return engine_.events_processed(); }
  /// Requests offered so far.
  std::uint64_t requests_offered() const { return models_->requests_offered(); }
  /// AWS fields the scenario set that fleetsim does not simulate.
  const std::vector<std::string>& ignored() const { return scenario_.report.ignored; }
  /// What the built models found suspicious but valid (e.g. security groups that drop the ALB's traffic).
  const std::vector<Diagnostic>& warnings() const { return models_->warnings(); }

 private:
  const LoadedScenario& scenario_;
  Engine engine_;
  MetricStore metrics_;
  EventLog events_;
  SummaryWindow window_;
  std::unique_ptr<ModelRun> models_;
};

}  // namespace fleetsim
