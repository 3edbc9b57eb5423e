// End-to-end speed: simulated requests per wall-clock second, whole engine and models, outputs off
// (metrics go to a sink that discards them, no events), one core.

#include <benchmark/benchmark.h>

#include "models/registry.hpp"
#include "sim/cli/scenario_run.hpp"

using namespace fleetsim;

namespace {

class DiscardRows : public MetricRowSink {
 public:
  void write(const MetricRow&) override {}
};

// Runs `scenario` (relative to the source root) for `duration` with `sets` applied.
void run_scenario(benchmark::State& state, const char* scenario, const char* duration, std::vector<std::string> sets) {
  ModelRegistry registry;
  register_models(registry);
  ScenarioOverrides overrides;
  overrides.duration = duration;
  overrides.sets = std::move(sets);
  LoadedScenario loaded = load_scenario(std::string(FLEETSIM_SOURCE_ROOT) + "/" + scenario, overrides, registry);
  double requests = 0;
  for (auto _ : state) {
    ScenarioRun run(loaded, registry, nullptr);
    DiscardRows sink;
    run.run(sink, [](SimTime) {});
    requests += run.summary()["requests"]["total"].get<double>();
  }
  state.counters["requests_per_second"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
}

// The quickstart's first six simulated hours: 8 Fargate tasks, round robin, ~3 million requests.
void BM_Quickstart6h(benchmark::State& state) { run_scenario(state, "scenarios/quickstart.json", "6h", {}); }
BENCHMARK(BM_Quickstart6h)->Unit(benchmark::kMillisecond)->UseRealTime();

// 100 one-vCPU targets behind least outstanding requests at rho = 0.8 (the LOR figure).
void BM_LeastOutstanding100(benchmark::State& state) {
  run_scenario(state, "tests/scenarios/fixtures/mm1-ps.json", "10m",
               {"/services/0/desiredCount=100", "/workloads/0/arrivals/rate=4000",
                "/targetGroups/0/Attributes/0/Value=\"least_outstanding_requests\""});
}
BENCHMARK(BM_LeastOutstanding100)->Unit(benchmark::kMillisecond)->UseRealTime();

// The figure: least outstanding requests over 1,000 one-vCPU targets at rho = 0.8 (40,000 req/s),
// beside round robin over the same targets and LOR over 10, all in one run. The choice among targets
// is not linear in their number when LOR over 1,000 runs about as fast as over 10 and as round robin.
void lb_scale(benchmark::State& state, int targets, const char* algorithm) {
  std::string rate = std::to_string(40 * targets);  // 1-vCPU tasks, 20 ms mean demand: rho = 0.8
  run_scenario(state, "tests/scenarios/fixtures/mm1-ps.json", targets >= 1000 ? "1m" : "20m",
               {"/services/0/desiredCount=" + std::to_string(targets), "/workloads/0/arrivals/rate=" + rate,
                std::string("/targetGroups/0/Attributes/0/Value=\"") + algorithm + "\""});
}
void BM_LeastOutstanding1000(benchmark::State& state) { lb_scale(state, 1000, "least_outstanding_requests"); }
BENCHMARK(BM_LeastOutstanding1000)->Unit(benchmark::kMillisecond)->UseRealTime();
void BM_RoundRobin1000(benchmark::State& state) { lb_scale(state, 1000, "round_robin"); }
BENCHMARK(BM_RoundRobin1000)->Unit(benchmark::kMillisecond)->UseRealTime();
void BM_LeastOutstanding10(benchmark::State& state) { lb_scale(state, 10, "least_outstanding_requests"); }
BENCHMARK(BM_LeastOutstanding10)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
