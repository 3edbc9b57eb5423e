#include "sim/experiments/job_scripts.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>

namespace fleetsim::experiments {

namespace {

// Single quotes for the shell: the only character to escape inside them is the quote itself.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The body every engine runs for array index $INDEX_VARIABLE: the shard, then a marker; the task that completes
// the set of markers (mkdir is atomic, so exactly one) merges. No engine-specific dependency is needed, which is
// what makes the same body work on Slurm, Kubernetes and AWS Batch. A failed shard still leaves its marker and
// error rows; the merge then reports them and exits 3, as a local run would.
std::string shard_body(const JobSpec& job, const std::string& index_variable, const std::string& jobs) {
  std::string n = std::to_string(job.shards);
  return "set -u\n"
         "FLEETSIM=" +
         quoted(job.fleetsim) +
         "\n"
         "SWEEP=" +
         quoted(job.sweep_file) +
         "\n"
         "OUT=" +
         quoted(job.out) +
         "\n"
         "SHARDS=" +
         n +
         "\n"
         "I=\"${" +
         index_variable +
         "}\"\n"
         "mkdir -p \"$OUT.shards/done\"\n"
         "status=0\n"
         "\"$FLEETSIM\" sweep \"$SWEEP\" --shard \"$I/$SHARDS\" --out \"$OUT.shards/$I\" --jobs " +
         jobs + (job.allow_exec ? " --allow-exec" : "") +
         " || status=$?\n"
         "touch \"$OUT.shards/done/$I\"\n"
         "if [ \"$(ls \"$OUT.shards/done\" | wc -l)\" -eq \"$SHARDS\" ] && mkdir \"$OUT.shards/merging\" 2>/dev/null; "
         "then\n"
         "  dirs=()\n"
         "  for ((k = 0; k < SHARDS; k++)); do dirs+=(\"$OUT.shards/$k\"); done\n"
         "  \"$FLEETSIM\" sweep merge \"${dirs[@]}\" --out \"$OUT\" || status=$?\n"
         "fi\n"
         "exit $status\n";
}

std::string slurm(const JobSpec& job) {
  return "#!/bin/bash\n"
         "# fleetsim sweep " +
         job.name + ": " + std::to_string(job.shards) +
         " shards as a Slurm job array; the last shard to finish merges them into OUT.\n"
         "# Submit with: sbatch THIS_FILE (add --wait to block until the merge is done).\n"
         "#SBATCH --job-name=fleetsim-" +
         job.name +
         "\n"
         "#SBATCH --array=0-" +
         std::to_string(job.shards - 1) +
         "\n"
         "#SBATCH --ntasks=1\n"
         "#SBATCH --cpus-per-task=1\n" +
         shard_body(job, "SLURM_ARRAY_TASK_ID", "\"${SLURM_CPUS_PER_TASK:-1}\"");
}

std::string k8s_job(const JobSpec& job) {
  // An Indexed Job gives each pod its index in JOB_COMPLETION_INDEX (Kubernetes 1.24+). The pods share the
  // output (OUT and OUT.shards) through a ReadWriteMany volume mounted at OUT's folder; the image must hold fleetsim
  // and the sweep's files at these paths.
  nlohmann::ordered_json manifest = {
      {"apiVersion", "batch/v1"},
      {"kind", "Job"},
      {"metadata", {{"name", "fleetsim-" + job.name}}},
      {"spec",
       {{"completionMode", "Indexed"},
        {"completions", job.shards},
        {"parallelism", job.shards},
        {"backoffLimit", 0},
        {"template",
         {{"spec",
           {{"restartPolicy", "Never"},
            {"containers",
             {{{"name", "shard"},
               {"image", "fleetsim:" + job.version},
               {"command", {"/bin/bash", "-c", shard_body(job, "JOB_COMPLETION_INDEX", "1")}},
               {"resources", {{"requests", {{"cpu", "1"}}}}},
               {"volumeMounts",
                {{{"name", "sweep"}, {"mountPath", std::filesystem::path(job.out).parent_path().string()}}}}}}},
            {"volumes",
             {{{"name", "sweep"}, {"persistentVolumeClaim", {{"claimName", "fleetsim-" + job.name}}}}}}}}}}}}};
  // JSON is valid YAML, so `kubectl apply -f` takes this as it is.
  return manifest.dump(2) + "\n";
}

std::string aws_batch(const JobSpec& job) {
  // Input for `aws batch submit-job --cli-input-json file://THIS`. The job definition "fleetsim" names the
  // image and mounts a shared file system (EFS) at OUT's folder.
  nlohmann::ordered_json input = {{"jobName", "fleetsim-" + job.name},
                                  {"jobQueue", "fleetsim"},
                                  {"jobDefinition", "fleetsim"},
                                  {"arrayProperties", {{"size", job.shards}}},
                                  {"containerOverrides",
                                   {{"command", {"/bin/bash", "-c", shard_body(job, "AWS_BATCH_JOB_ARRAY_INDEX", "1")}},
                                    {"resourceRequirements", {{{"type", "VCPU"}, {"value", "1"}}}}}}};
  return input.dump(2) + "\n";
}

}  // namespace

std::string job_description(const std::string& engine, const JobSpec& job) {
  if (engine == "slurm") return slurm(job);
  if (engine == "k8s-job") return k8s_job(job);
  return aws_batch(job);
}

}  // namespace fleetsim::experiments
