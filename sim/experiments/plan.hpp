#pragma once
/// The plan of a sweep: every variant (one combination of the grid and zip groups) and the runs, variants times
/// seeds, in one fixed order that the tables follow whatever order the runs finish in.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiments/sweep_file.hpp"

namespace fleetsim::experiments {

/// One combination of parameter values.
struct Variant {
  std::string id;                   ///< "v0", "v1", ... zero-padded to one width
  std::vector<Override> overrides;  ///< one per swept pointer, in axis order
};

/// One run: a variant on a seed.
struct RunKey {
  std::size_t variant = 0;  ///< index into Plan::variants
  std::size_t seed = 0;     ///< index into Plan::seeds
};

/// A slice of the runs for one machine: runs whose plan index is `index` modulo `count`.
struct Shard {
  std::size_t index = 0;  ///< 0..count-1
  std::size_t count = 1;  ///< 1: the whole sweep
};

/// Variants, seeds and the baseline.
struct Plan {
  std::vector<std::string> parameters;  ///< every swept pointer, in axis order: sweep.csv's columns
  std::vector<Variant> variants;        ///< the grid's combinations, the first axis varying slowest
  std::vector<std::uint64_t> seeds;     ///< every variant runs all of them (common random numbers)
  std::optional<std::size_t> baseline;  ///< index of the baseline variant

  /// Every run, variant by variant, seeds in order.
  std::vector<RunKey> runs() const;
  /// The runs of `shard`.
  std::vector<RunKey> runs(const Shard& shard) const;
  /// "runs/VARIANT/SEED": a run's folder inside the sweep folder.
  std::string run_folder(const RunKey& run) const;
};

/// Builds the plan of `sweep`; throws SweepError (exit 2) when the baseline matches no variant or several.
Plan make_plan(const SweepFile& sweep);

/// Parses "I/N" with 0 <= I < N; empty otherwise.
std::optional<Shard> parse_shard(const std::string& text);

/// sweep.json: the plan, the seeds, the scenario's SHA-256 and fleetsim's version.
nlohmann::ordered_json plan_json(const SweepFile& sweep, const Plan& plan, const std::vector<std::string>& metrics,
                                 const std::string& version);

}  // namespace fleetsim::experiments
