#include "sim/cli/scenario_run.hpp"

#include <algorithm>

namespace fleetsim {

namespace {
bool metric_filter(const MetricKey& key, const void* ctx) {
  return static_cast<const OutputSettings*>(ctx)->wants_metric(key.name_space, key.metric);
}
}  // namespace

ScenarioRun::ScenarioRun(const LoadedScenario& scenario, const Registry& registry, std::ostream* events,
                         LifecycleTrace* trace)
    : scenario_(scenario),
      metrics_(scenario.outputs.percentiles),
      events_(scenario.outputs.events ? events : nullptr, trace) {
  metrics_.set_filter(&metric_filter, &scenario_.outputs);
  try {
    models_ =
        registry.build({scenario.document.root(), scenario.simulation, scenario.directory, engine_, metrics_, events_});
  } catch (const ScenarioError& e) {
    throw CommandError{2, {scenario.locate(e.diagnostic())}};
  }
}

void ScenarioRun::run(MetricRowSink& sink, const std::function<void(SimTime)>& progress) {
  models_->start();
  const Duration period = scenario_.simulation.metrics_period;
  const SimTime end = SimTime::zero() + scenario_.simulation.duration;
  for (SimTime t = SimTime::zero() + period;; t += period) {
    SimTime close = std::min(t, end);
    engine_.run_until(close);
    if (close == end) {
      models_->finish(end);
      metrics_.close_period(end, end - (t - period), sink);
      break;
    }
    metrics_.close_period(close, period, sink);
    progress(close);
  }
}

nlohmann::ordered_json ScenarioRun::summary() const {
  nlohmann::ordered_json s;
  s["scenario"] = scenario_.name;
  s["scenarioSha256"] = scenario_.sha256;
  s["seed"] = scenario_.simulation.seed;
  s["duration_s"] = scenario_.simulation.duration.seconds_f();
  models_->write_summary(s);
  return s;
}

}  // namespace fleetsim
