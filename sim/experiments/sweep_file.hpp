#pragma once
/// The sweep file (experiments.md): which scenario, the grid, zipped groups, fixed overrides, seeds, baseline,
/// metrics, constraints, objective and warm-up, read with the position of every value for error messages.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/json_reader.hpp"

namespace fleetsim::experiments {

/// A problem that ends a sweep command with `exit_code`; `lines` go to stderr as they are.
struct SweepError {
  int exit_code;                   ///< 2 bad input, 3 could not complete
  std::vector<std::string> lines;  ///< "FILE:LINE:COL: /pointer: message" for sweep-file problems
};

/// One override: an RFC 6901 pointer into the scenario and its JSON value.
struct Override {
  std::string pointer;   ///< into the scenario
  nlohmann::json value;  ///< any JSON
};

/// One dimension of the grid: a parameter, or a zip group whose pointers vary together.
struct Axis {
  std::vector<std::string> pointers;                ///< one for a parameter, several for a zip group
  std::vector<std::vector<nlohmann::json>> values;  ///< values[k][p]: the k-th setting of pointers[p]
  std::vector<std::string> sources;                 ///< where each pointer's list is in the sweep file
};

/// A bound a metric must respect for a variant to count as feasible.
struct Constraint {
  std::string metric;         ///< path into summary.json
  std::optional<double> min;  ///< lower bound
  std::optional<double> max;  ///< upper bound
  std::string source;         ///< its pointer in the sweep file
};

/// A validated sweep file.
struct SweepFile {
  std::string path;           ///< as given on the command line
  std::string name;           ///< the file's stem: names the default output folder
  std::string sha256;         ///< of the file's bytes
  std::string scenario;       ///< "scenario" as written
  std::string scenario_path;  ///< resolved against the sweep file's folder
  std::string scenario_sha256;
  std::vector<Override> set;  ///< for every run
  std::vector<Axis> axes;     ///< grid parameters (sorted by pointer), then zip groups in order
  std::vector<std::uint64_t> seeds;
  std::optional<std::map<std::string, nlohmann::json>> baseline;
  std::vector<std::string> metrics;  ///< empty: the default list, chosen once summary.json is known
  std::string metrics_source;        ///< where `metrics` is ("" when absent)
  std::vector<Constraint> constraints;
  std::optional<std::string> minimize;
  std::optional<std::string> warmup;  ///< a duration, set as /simulation/warmup in every run
  JsonDocument document;              ///< the parsed file, for positions

  /// "FILE:LINE:COL: /pointer: message" at `pointer` of the sweep file (its key when `at_key`).
  std::string locate(const std::string& pointer, const std::string& message, bool at_key = false) const;
  /// Where, in the sweep file, the override of `scenario_pointer` was written ("" when nowhere); the longest
  /// overridden prefix counts, so a problem inside an overridden object points at that override.
  std::string source_of(const std::string& scenario_pointer) const;

  std::map<std::string, std::string> override_sources;  ///< scenario pointer -> sweep-file pointer
};

/// Reads and checks `path`; throws SweepError (exit 2) at the first problem, with its position.
SweepFile read_sweep_file(const std::string& path);

}  // namespace fleetsim::experiments
