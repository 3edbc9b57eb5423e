#pragma once
/// What the scenario fuzz targets share: load a scenario from memory as `fleetsim run` would, build its world and
/// optionally simulate a bounded stretch, treating every outcome but exit 2 or 3 as a crash.

#include <string>

#include "sim/cli/scenario_loader.hpp"

namespace fleetsim::fuzz {

/// Loads `text` with `overrides`, builds the world and, when `simulate`, runs at most 10 simulated minutes and
/// 100,000 events. A refusal (CommandError with exit 2 or 3) or a limit is a normal outcome; anything else
/// escapes (an internal error, exit 1 in the real command) and libFuzzer reports it.
void load_build_run(const std::string& text, const ScenarioOverrides& overrides, bool simulate);

}  // namespace fleetsim::fuzz
