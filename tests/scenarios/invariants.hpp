#pragma once
// What every run must hold, whatever the scenario: requests and messages conserved, time never going back, every
// stopped task with a reason and counted in the summary, no two live tasks on one host port, no container instance
// over its registered CPU or memory, desired counts within their bounds, cost never negative and its monthly
// projection consistent. Checked on the example scenarios and on random estates.

#include <filesystem>
#include <string>
#include <vector>

namespace fleetsim::testing {

/// Every invariant the run in `out` (summary.json, events.jsonl, metrics.csv) of `scenario_file` breaks, one line
/// each; empty when it holds them all.
std::vector<std::string> invariant_violations(const std::filesystem::path& scenario_file,
                                              const std::filesystem::path& out);

}  // namespace fleetsim::testing
