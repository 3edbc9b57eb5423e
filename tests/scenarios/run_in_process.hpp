#pragma once
// Runs scenarios through the same entry point as `fleetsim run`, in the test process, and reads
// the files it wrote.

#include <filesystem>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "tests/support/temp_dir.hpp"

namespace fleetsim::testing {

/// The project's source root (scenarios/, tests/scenarios/fixtures/).
std::filesystem::path source_root();
/// Every model registered, as app/main.cpp hands them to the command (built once, never freed).
const ModelRegistry& registry();
/// Every example scenario in scenarios/, sorted.
std::vector<std::filesystem::path> example_scenarios();
/// Runs `fleetsim run SCENARIO --out OUT -q --allow-exec` with `extra` overrides; returns the exit code.
int run_scenario(const std::filesystem::path& scenario, const std::filesystem::path& out,
                 const ScenarioOverrides& extra = {});
/// The whole content of a file ("" when missing).
std::string read_file(const std::filesystem::path& file);

/// One metrics.csv row.
struct CsvMetric {
  std::int64_t timestamp;
  std::string name_space, metric, dimensions, statistic;
  double value;
};
/// Parses metrics.csv (names in the files these tests write contain no commas).
std::vector<CsvMetric> read_metrics(const std::filesystem::path& file);

}  // namespace fleetsim::testing
