// One run's models: a World placed in the scenario's region and built by the registered models' plan.

#include <algorithm>

#include "models/registry.hpp"

namespace fleetsim {

namespace {

// Sets the world's region and Availability Zones from `simulation`, checked against the built-in
// catalogue (a scenario's own catalogue section is read later, by its build step).
void place_in_region(World& world, const SimulationSettings& sim) {
  world.region = sim.region;
  auto region = world.catalog.regions.find(sim.region);
  if (region == world.catalog.regions.end())
    throw ScenarioError("/simulation/region", "unknown region \"" + sim.region + "\"");
  const std::vector<std::string>& known = region->second.availability_zones;
  if (sim.availability_zones.empty()) {
    world.availability_zones.assign(known.begin(), known.begin() + std::min<std::size_t>(3, known.size()));
    return;
  }
  for (std::size_t i = 0; i < sim.availability_zones.size(); ++i) {
    const std::string& az = sim.availability_zones[i];
    if (std::find(known.begin(), known.end(), az) == known.end()) {
      throw ScenarioError("/simulation/availabilityZones/" + std::to_string(i),
                          "\"" + az + "\" is not an Availability Zone of " + sim.region);
    }
    world.availability_zones.push_back(az);
  }
}

// The world of one run, and its share of summary.json.
class WorldRun : public ModelRun {
 public:
  WorldRun(const RunInput& input, const WorldPlan& plan)
      : ctx_{input.engine,
             input.simulation.seed,
             input.metrics,
             input.events,
             SimTime::zero() + input.simulation.duration,
             &input.window},
        world_(ctx_),
        window_(input.window) {
    // First, so the run-wide figures restart before any model's.
    ctx_.on_window_open([this](SimTime at) {
      world_.requests.open_window();
      world_.costs.open_window(at);
    });
    world_.scenario_dir = input.directory;
    world_.exec = input.exec;
    world_.start_unix_s = input.simulation.start_unix_s;
    place_in_region(world_, input.simulation);
    plan.build(input.scenario, world_);
  }

  void start() override {
    for (auto& m : world_.models) m->start();
  }

  void finish(SimTime end) override {
    for (auto& m : world_.models) m->finish(end);
  }

  void write_summary(nlohmann::ordered_json& s) const override;

  std::uint64_t requests_offered() const override { return world_.requests.arrived; }

  const std::vector<Diagnostic>& warnings() const override { return world_.warnings; }

 private:
  RunContext ctx_;
  World world_;
  const SummaryWindow& window_;  // where the summary's figures start, for the monthly projection
};

void WorldRun::write_summary(nlohmann::ordered_json& s) const {
  const RequestTotals& r = world_.requests;
  const RequestTotals::Baseline& b = r.at_window_start;
  s["requests"] = {
      {"total", r.arrived - b.arrived},
      {"ok", r.ok - b.ok},
      {"http5xx", {{"502", r.http502 - b.http502}, {"503", r.http503 - b.http503}, {"504", r.http504 - b.http504}}},
      {"inFlight", r.in_flight()},
      {"latency_ms",
       {{"mean", r.latency_stats.count ? r.latency_stats.mean() : 0.0},
        {"p50", r.latency.quantile(0.5)},
        {"p90", r.latency.quantile(0.9)},
        {"p99", r.latency.quantile(0.99)},
        {"p99.9", r.latency.quantile(0.999)},
        {"max", r.latency_stats.count ? r.latency_stats.max : 0.0}}}};
  // Only runs where a listener answered itself have this count (its absence keeps older summaries as they were).
  if (r.fixed_response > b.fixed_response) s["requests"]["fixedResponse"] = r.fixed_response - b.fixed_response;
  s["services"] = nlohmann::ordered_json::object();
  s["capacity"] = {{"ec2", {{"instanceHours", 0}, {"peakInstances", 0}}},
                   {"fargate", {{"vcpuHours", 0}, {"gbHours", 0}, {"tasks", 0}}}};
  const CostLedger& c = world_.costs;
  double ec2 = c.window_total(PurchaseOption::kEc2OnDemand) + c.window_total(PurchaseOption::kEc2Spot);
  double fargate = c.window_total(PurchaseOption::kFargate);
  double fargate_spot = c.window_total(PurchaseOption::kFargateSpot);
  const double eks = c.window_total(PurchaseOption::kEksControlPlane);
  const double efs = c.window_total(PurchaseOption::kEfs);
  const double ecr = c.window_total(PurchaseOption::kEcrStorage);
  const double total = ec2 + fargate + fargate_spot + eks + efs + ecr;
  // The cost rate of the summary's window (the run after its warm-up) projected to a 730-hour month (AWS's pricing
  // pages count a month as 730 hours), so runs of different lengths compare directly. A projection, not a bill: a month
  // repeats whatever load the run had.
  const double hours = (ctx_.end - window_.start()).seconds_f() / 3600;
  s["cost"] = {{"totalUsd", total},
               {"perMonthUsd", hours > 0 ? total * 730 / hours : 0.0},
               {"ec2Usd", ec2},
               {"fargateUsd", fargate},
               {"fargateSpotUsd", fargate_spot},
               {"ec2OnDemandUsd", c.window_total(PurchaseOption::kEc2OnDemand)},
               {"ec2SpotUsd", c.window_total(PurchaseOption::kEc2Spot)}};
  // Only runs with an EKS cluster have the key, so ECS-only summaries keep their bytes.
  if (c.used(PurchaseOption::kEksControlPlane)) s["cost"]["eksUsd"] = eks;
  if (c.used(PurchaseOption::kEfs)) s["cost"]["efsUsd"] = efs;  // file systems' storage and throughput
  if (c.used(PurchaseOption::kEcrStorage)) s["cost"]["ecrStorageUsd"] = ecr;
  s["elasticity"] = {{"underProvisioningAccuracy", 0},
                     {"overProvisioningAccuracy", 0},
                     {"underProvisioningTimeshare", 0},
                     {"overProvisioningTimeshare", 0},
                     {"instability", 0}};
  for (const auto& m : world_.models) m->write_summary(s);
}

}  // namespace

std::unique_ptr<ModelRun> ModelRegistry::build(const RunInput& input) const {
  return std::make_unique<WorldRun>(input, plan_);
}

}  // namespace fleetsim
