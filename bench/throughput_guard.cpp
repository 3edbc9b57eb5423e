// CI guard: fails when end-to-end simulated requests per processor-second fall below half of the
// floor recorded in bench/floors.json (the rule: a ratio to a recorded figure, so a machine
// somewhat slower than the one that recorded it still passes, and a 2x regression does not).
//
//   throughput_guard [FLOORS_JSON]

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "sim/cli/scenario_run.hpp"

using namespace fleetsim;

namespace {

constexpr const char* kScenario = "scenarios/quickstart.json";
// The quickstart's first six hours (as bench_end_to_end's BM_Quickstart6h): tasks starting, then
// about 2.1 million requests over 8 tasks, under a second each.
constexpr const char* kDuration = "6h";
constexpr int kRounds = 5;

class DiscardRows : public MetricRowSink {
 public:
  void write(const MetricRow&) override {}
};

double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Simulated requests per processor-second of one run, outputs discarded (as bench_end_to_end does).
double requests_per_second(const LoadedScenario& loaded, const ModelRegistry& registry) {
  const double start = cpu_seconds();
  ScenarioRun run(loaded, registry, nullptr);
  DiscardRows sink;
  run.run(sink, [](SimTime) {});
  const double seconds = cpu_seconds() - start;
  return run.summary()["requests"]["total"].get<double>() / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string root = FLEETSIM_SOURCE_ROOT;
  std::ifstream floors_file(argc > 1 ? argv[1] : root + "/bench/floors.json");
  const double floor = nlohmann::json::parse(floors_file)["quickstart_6h_requests_per_cpu_second"].get<double>();

  ModelRegistry registry;
  register_models(registry);
  ScenarioOverrides overrides;
  overrides.duration = kDuration;
  LoadedScenario loaded = load_scenario(root + "/" + kScenario, overrides, registry);
  // Median of a few rounds, so one round that shared its core with another job does not decide.
  std::vector<double> rates;
  for (int r = 0; r < kRounds; ++r) rates.push_back(requests_per_second(loaded, registry));
  std::sort(rates.begin(), rates.end());
  const double measured = rates[rates.size() / 2];
  std::printf(
      "end-to-end: %.0f simulated requests per cpu-second (quickstart, first %s, median of %d); "
      "floor %.0f, fails below %.0f; measured / floor = %.2f\n",
      measured, kDuration, kRounds, floor, floor / 2, measured / floor);
  return measured < floor / 2 ? 1 : 0;
}
