#pragma once
/// `fleetsim sweep` and `fleetsim sweep merge`: run a sweep's variants times seeds (or one shard of them) as child
/// processes, and write the sweep folder atomically.

#include <optional>
#include <string>
#include <vector>

namespace fleetsim::experiments {

/// Options of `fleetsim sweep SWEEP`.
struct SweepOptions {
  std::string sweep_path;            ///< the sweep file
  std::string out;                   ///< output folder ("" : out/<sweep name>)
  int jobs = 0;                      ///< runs at a time (0: the number of cores)
  bool keep_all = true;              ///< false: keep only each run's summary.json
  std::optional<std::string> shard;  ///< "I/N": run only that slice
  std::optional<std::string> emit;   ///< slurm | k8s-job | aws-batch: print a job description instead
  int shards = 0;                    ///< shards of an emitted job (0: one per run)
  bool progress = false;             ///< draw a progress bar on stderr
  bool allow_exec = false;           ///< --allow-exec, passed on to every run (externalPolicies)
};

/// `fleetsim sweep`: 0 when every run completed, 3 when some failed (they are rows of sweep.csv) or the output
/// could not be written, 2 for bad input.
int sweep_command(const SweepOptions& options, const std::string& version);

/// `fleetsim sweep merge DIR... [--out OUT]`: joins the shard folders of one sweep into the folder a single local
/// run would have written; exit codes as sweep_command.
int merge_command(const std::vector<std::string>& shard_dirs, const std::string& out);

}  // namespace fleetsim::experiments
