#include "sim/cli/scenario_run.hpp"

#include <algorithm>

namespace fleetsim {

namespace {
bool metric_filter(const MetricKey& key, const void* ctx) {
  return static_cast<const OutputSettings*>(ctx)->wants_metric(key.name_space, key.metric);
}
}  // namespace

ScenarioRun::ScenarioRun(const LoadedScenario& scenario, const ModelRegistry& registry, std::ostream* events,
                         LifecycleTrace* trace)
    : scenario_(scenario),
      metrics_(scenario.outputs.percentiles),
      events_(scenario.outputs.events ? events : nullptr, trace),
      ctx_{engine_, scenario.simulation.seed, metrics_, events_, SimTime::zero() + scenario.simulation.duration},
      world_(ctx_) {
  metrics_.set_filter(&metric_filter, &scenario_.outputs);
  engine_.set_event_limit(scenario.simulation.limits.events);
  try {
    const SimulationSettings& sim = scenario.simulation;
    world_.region = sim.region;
    world_.scenario_dir = scenario.directory;
    world_.start_unix_s = sim.start_unix_s;
    auto region = world_.catalog.regions.find(sim.region);
    if (region == world_.catalog.regions.end())
      throw ScenarioError("/simulation/region", "unknown region \"" + sim.region + "\"");
    const std::vector<std::string>& known = region->second.availability_zones;
    if (sim.availability_zones.empty()) {
      world_.availability_zones.assign(known.begin(), known.begin() + std::min<std::size_t>(3, known.size()));
    } else {
      for (std::size_t i = 0; i < sim.availability_zones.size(); ++i) {
        const std::string& az = sim.availability_zones[i];
        if (std::find(known.begin(), known.end(), az) == known.end()) {
          throw ScenarioError("/simulation/availabilityZones/" + std::to_string(i),
                              "\"" + az + "\" is not an Availability Zone of " + sim.region);
        }
        world_.availability_zones.push_back(az);
      }
    }
    for (BuildStep step : registry.build_steps()) step(scenario.document.root(), world_);
  } catch (const ScenarioError& e) {
    throw CommandError{2, {scenario.locate(e.diagnostic())}};
  }
}

void ScenarioRun::run(MetricRowSink& sink, const std::function<void(SimTime)>& progress) {
  for (auto& m : world_.models) m->start();
  const Duration period = scenario_.simulation.metrics_period;
  const SimTime end = ctx_.end;
  for (SimTime t = SimTime::zero() + period;; t += period) {
    SimTime close = std::min(t, end);
    try {
      engine_.run_until(close);
    } catch (const EngineLimit& e) {
      // Only the event limit can be raised; the engine's own limits (pending events, time) cannot.
      const bool raisable = engine_.events_processed() == engine_.event_limit();
      throw EngineLimit(std::string(e.what()) + " at " + std::to_string(engine_.now().us() / 1000000) + " s" +
                        (raisable ? " (simulation.limits.events; raise it if the scenario needs more)" : ""));
    }
    if (close == end) {
      for (auto& m : world_.models) m->finish(end);
      metrics_.close_period(end, end - (t - period), sink);
      break;
    }
    metrics_.close_period(close, period, sink);
    progress(close);
  }
}

nlohmann::ordered_json ScenarioRun::summary() const {
  const RequestTotals& r = world_.requests;
  nlohmann::ordered_json s;
  s["scenario"] = scenario_.name;
  s["scenarioSha256"] = scenario_.sha256;
  s["seed"] = scenario_.simulation.seed;
  s["duration_s"] = scenario_.simulation.duration.seconds_f();
  s["requests"] = {{"total", r.arrived},
                   {"ok", r.ok},
                   {"http5xx", {{"502", r.http502}, {"503", r.http503}, {"504", r.http504}}},
                   {"inFlight", r.in_flight()},
                   {"latency_ms",
                    {{"mean", r.latency_stats.count ? r.latency_stats.mean() : 0.0},
                     {"p50", r.latency.quantile(0.5)},
                     {"p90", r.latency.quantile(0.9)},
                     {"p99", r.latency.quantile(0.99)},
                     {"p99.9", r.latency.quantile(0.999)},
                     {"max", r.latency_stats.count ? r.latency_stats.max : 0.0}}}};
  s["services"] = nlohmann::ordered_json::object();
  s["capacity"] = {{"ec2", {{"instanceHours", 0}, {"peakInstances", 0}}},
                   {"fargate", {{"vcpuHours", 0}, {"gbHours", 0}, {"tasks", 0}}}};
  const CostLedger& c = world_.costs;
  double ec2 = c.total(PurchaseOption::kEc2OnDemand) + c.total(PurchaseOption::kEc2Spot);
  double fargate = c.total(PurchaseOption::kFargate);
  double fargate_spot = c.total(PurchaseOption::kFargateSpot);
  s["cost"] = {{"totalUsd", ec2 + fargate + fargate_spot},
               {"ec2Usd", ec2},
               {"fargateUsd", fargate},
               {"fargateSpotUsd", fargate_spot},
               {"ec2OnDemandUsd", c.total(PurchaseOption::kEc2OnDemand)},
               {"ec2SpotUsd", c.total(PurchaseOption::kEc2Spot)}};
  s["elasticity"] = {{"underProvisioningAccuracy", 0},
                     {"overProvisioningAccuracy", 0},
                     {"underProvisioningTimeshare", 0},
                     {"overProvisioningTimeshare", 0},
                     {"instability", 0}};
  for (const auto& m : world_.models) m->write_summary(s);
  return s;
}

}  // namespace fleetsim
