#pragma once
/// Writing a sweep folder's files from its sweep.json and runs, the one code path that both a local sweep and a
/// merge of shards go through, so that their bytes agree.

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "sim/experiments/plan.hpp"
#include "sim/experiments/tables.hpp"

namespace fleetsim::experiments {

/// The plan and objective recorded in a sweep.json.
struct RecordedSweep {
  Plan plan;                         ///< variants, seeds, baseline
  std::vector<std::string> metrics;  ///< sweep.csv's metric columns
  Objective objective;               ///< constraints and minimize
};

/// Reads back what plan_json and objective_json wrote; throws SweepError (exit 2) when `sweep_json` is not one.
RecordedSweep read_recorded_sweep(const nlohmann::json& sweep_json, const std::string& where);

/// Reads the runs under `folder` and writes sweep.csv, comparison.csv and best.json there. Returns the number of
/// failed runs.
std::size_t write_tables(const std::filesystem::path& folder, const RecordedSweep& sweep);

/// Runs a sweep command's `body` and turns what it throws into its exit code and stderr lines: SweepError as it
/// says, output and file-system errors 3, each prefixed with `who`.
int exit_code_of(const std::string& who, const std::function<int()>& body);

}  // namespace fleetsim::experiments
