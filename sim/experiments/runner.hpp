#pragma once
/// Runs child processes on a fixed number of workers, each isolated: a crash, an error or an invalid variant
/// ends that run alone. Results come back in the order of the jobs, not the order they finish.

#include <filesystem>
#include <string>
#include <vector>

namespace fleetsim::experiments {

/// One child process.
struct ProcessJob {
  std::vector<std::string> argv;  ///< argv[0] is the program
};

/// How one child ended.
struct ProcessOutcome {
  int exit_code = 0;    ///< its exit status, or 128 + the signal that killed it
  std::string message;  ///< the first line it wrote to stderr (empty when it succeeded)
};

/// Options of run_processes.
struct PoolOptions {
  int workers = 1;                ///< children at a time
  bool progress = false;          ///< draw runs done, failed and an ETA on stderr
  std::filesystem::path log_dir;  ///< where each child's stderr is kept until it ends (must exist)
};

/// Runs every job, at most `workers` at a time. An interrupt (SIGINT, SIGTERM) stops the children and throws
/// SweepError (exit 3).
std::vector<ProcessOutcome> run_processes(const std::vector<ProcessJob>& jobs, const PoolOptions& options);

/// The path of the running executable (/proc/self/exe resolved), so children are the same fleetsim.
std::string self_executable();

}  // namespace fleetsim::experiments
