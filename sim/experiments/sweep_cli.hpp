#pragma once
/// The `sweep` subcommand of `fleetsim` (and its `merge`), registered on the command's CLI11 app: the one hook
/// between the experiments library and the command.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "sim/experiments/sweep_command.hpp"

namespace fleetsim::experiments {

/// Adds `sweep SWEEP [options]` and `sweep merge DIR...` to `app`; after parsing, run() executes the one chosen.
class SweepCli {
 public:
  /// Registers the subcommands on `app`.
  explicit SweepCli(CLI::App& app);
  /// True when the command line chose `sweep` (or `sweep merge`).
  bool chosen() const;
  /// Runs it and returns the exit code.
  int run(const std::string& version, bool stderr_is_terminal);

 private:
  CLI::App* sweep_ = nullptr;
  CLI::App* merge_ = nullptr;
  SweepOptions options_;
  std::string keep_ = "all";
  std::string shard_, emit_;
  bool progress_on_ = false, progress_off_ = false;
  std::vector<std::string> merge_dirs_;
  std::string merge_out_;
};

}  // namespace fleetsim::experiments
