#pragma once
/// Job descriptions that run a sweep's shards on a batch engine and then merge them: an sbatch array script
/// (Slurm), a Kubernetes Indexed Job, an AWS Batch array job.

#include <string>

namespace fleetsim::experiments {

/// What every engine's job needs to know.
struct JobSpec {
  std::string name;         ///< the sweep's name
  std::string fleetsim;     ///< absolute path of the fleetsim executable
  std::string sweep_file;   ///< absolute path of the sweep file
  std::string out;          ///< absolute path of the merged folder; shards go to OUT.shards/I
  std::size_t shards = 1;   ///< array size
  std::string version;      ///< fleetsim's version, for the container image tag
  bool allow_exec = false;  ///< pass --allow-exec on to the shards' runs
};

/// The job description for `engine` ("slurm", "k8s-job", "aws-batch").
std::string job_description(const std::string& engine, const JobSpec& job);

}  // namespace fleetsim::experiments
