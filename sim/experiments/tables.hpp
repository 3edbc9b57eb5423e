#pragma once
/// The tables of a sweep folder, computed from its runs alone (so a local run and merged shards agree byte for
/// byte): sweep.csv (one row per run), comparison.csv (per variant and metric) and best.json.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiments/plan.hpp"
#include "sim/experiments/sweep_file.hpp"

namespace fleetsim::experiments {

/// The value of `path` ("requests.latency_ms.p99") in a summary.json: keys are matched longest first, so keys
/// with dots ("p99.9") work; an object of numbers gives their sum ("requests.http5xx": every 5xx). Empty when the
/// path names nothing numeric.
std::optional<double> metric_value(const nlohmann::json& summary, const std::string& path);

/// The default metrics for a scenario whose summary.json looks like `summary` (experiments.md).
std::vector<std::string> default_metrics(const nlohmann::json& summary);

/// What one run left in its folder.
struct RunRecord {
  int exit_code = 0;                          ///< 0: it completed
  std::string message;                        ///< why it failed
  std::vector<std::optional<double>> values;  ///< one per metric
};

/// How to judge variants: constraints at 95 % confidence, then the smallest mean of `minimize`.
struct Objective {
  std::vector<Constraint> constraints;  ///< each must hold over the variant's whole interval
  std::optional<std::string> minimize;  ///< metric to minimize among feasible variants
};

/// The constraints and objective as JSON: {"constraints": {metric: {min, max}}, "minimize": metric or null}.
nlohmann::ordered_json objective_json(const Objective& objective);

/// A run's failure, kept in its folder as error.json (a failed run leaves no output folder of its own).
void write_run_error(const std::filesystem::path& run_dir, int exit_code, const std::string& message);

/// Reads every run of `plan` under `folder` (summary.json or error.json); throws SweepError (exit 3) for a run
/// that left neither.
std::vector<RunRecord> read_runs(const std::filesystem::path& folder, const Plan& plan,
                                 const std::vector<std::string>& metrics);

/// sweep.csv: variant, each parameter, seed, exitCode, message, each metric.
std::string sweep_csv(const Plan& plan, const std::vector<std::string>& metrics, const std::vector<RunRecord>& runs);

/// comparison.csv: per variant and metric, n, mean, sd, 95 % interval, and the paired difference to the baseline.
std::string comparison_csv(const Plan& plan, const std::vector<std::string>& metrics,
                           const std::vector<RunRecord>& runs);

/// best.json: the feasible variants and the best of them.
nlohmann::ordered_json best_json(const Plan& plan, const std::vector<std::string>& metrics,
                                 const std::vector<RunRecord>& runs, const Objective& objective);

}  // namespace fleetsim::experiments
