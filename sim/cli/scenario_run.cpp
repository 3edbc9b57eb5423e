#include "sim/cli/scenario_run.hpp"

#include <algorithm>

namespace fleetsim {

namespace {
bool metric_filter(const MetricKey& key, const void* ctx) {
  return static_cast<const OutputSettings*>(ctx)->wants_metric(key.name_space, key.metric);
}
}  // namespace

ScenarioRun::ScenarioRun(const LoadedScenario& scenario, const Registry& registry, std::ostream* events,
                         LifecycleTrace* trace, ExecPermission exec)
    : scenario_(scenario),
      metrics_(scenario.outputs.percentiles),
      events_(scenario.outputs.events ? events : nullptr, trace) {
  metrics_.set_filter(&metric_filter, &scenario_.outputs);
  engine_.set_event_limit(scenario.simulation.limits.events);
  try {
    models_ = registry.build(
        {scenario.document.root(), scenario.simulation, scenario.directory, engine_, metrics_, events_, window_, exec});
  } catch (const ScenarioError& e) {
    throw CommandError{2, {scenario.locate(e.diagnostic())}};
  } catch (const FileError& e) {
    throw CommandError{2, {e.what()}};
  }
}

void ScenarioRun::run(MetricRowSink& sink, const std::function<void(SimTime)>& progress) {
  models_->start();
  const Duration period = scenario_.simulation.metrics_period;
  const SimTime end = SimTime::zero() + scenario_.simulation.duration;
  const SimTime warmup_end = SimTime::zero() + scenario_.simulation.warmup;
  bool warming_up = warmup_end > SimTime::zero();
  for (SimTime t = SimTime::zero() + period;; t += period) {
    SimTime close = std::min(t, end);
    try {
      // The summary's window opens between events: after every event at or before the warm-up's end.
      if (warming_up && warmup_end <= close) {
        engine_.run_until(warmup_end);
        window_.open(warmup_end);
        warming_up = false;
      }
      engine_.run_until(close);
    } catch (const EngineLimit& e) {
      // Only the event limit can be raised; the engine's own limits (pending events, time) cannot.
      const bool raisable = engine_.events_processed() == engine_.event_limit();
      throw EngineLimit(std::string(e.what()) + " at " + std::to_string(engine_.now().us() / 1000000) + " s" +
                        (raisable ? " (simulation.limits.events; raise it if the scenario needs more)" : ""));
    }
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
  // Only with a warm-up, so a scenario without one keeps the bytes it had.
  if (scenario_.simulation.warmup > Duration{}) s["warmup_s"] = scenario_.simulation.warmup.seconds_f();
  models_->write_summary(s);
  return s;
}

}  // namespace fleetsim
