#include "tests/fuzz/fuzz_harness.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_run.hpp"
#include "sim/engine.hpp"

namespace fleetsim::fuzz {

namespace {

const ModelRegistry& registry() {
  static const ModelRegistry* r = [] {
    auto* built = new ModelRegistry;  // lives for the whole fuzzing process
    register_models(*built);
    return built;
  }();
  return *r;
}

}  // namespace

void load_build_run(const std::string& text, const ScenarioOverrides& overrides, bool simulate) {
  try {
    LoadedScenario scenario = load_scenario_text("fuzz.json", text, overrides, registry());
    if (simulate) {
      scenario.simulation.duration = std::min(scenario.simulation.duration, Duration::seconds(600));
      scenario.simulation.limits.events = 100000;
    }
    std::ostringstream events;
    ScenarioRun run(scenario, registry(), simulate ? &events : nullptr);
    if (!simulate) return;
    std::ostringstream metrics;
    MetricsWriter writer(metrics, MetricsFormat::kCsv);
    try {
      run.run(writer, [](SimTime) {});
    } catch (const EngineLimit&) {
      return;  // exit 3 in the real command
    }
    (void)run.summary().dump();  // throws on anything JSON output cannot carry
  } catch (const CommandError& e) {
    if (e.exit_code != 2 && e.exit_code != 3) std::abort();
  }
}

}  // namespace fleetsim::fuzz
