#include "sim/experiments/sweep_cli.hpp"

#include <iostream>

namespace fleetsim::experiments {

SweepCli::SweepCli(CLI::App& app) {
  sweep_ = app.add_subcommand("sweep", "run a grid of variants times seeds and compare them (experiments.md)");
  sweep_->add_option("SWEEP", options_.sweep_path, "sweep file");
  sweep_->add_option("--out", options_.out, "sweep folder (default out/<sweep name>)");
  sweep_->add_option("--jobs", options_.jobs, "runs at a time (default: the number of cores)")
      ->check(CLI::PositiveNumber);
  sweep_->add_option("--keep", keep_, "keep every run's files, or only their summary.json")
      ->check(CLI::IsMember({"all", "summaries"}));
  sweep_->add_option("--shard", shard_, "run only slice I of N (0 <= I < N), for fleetsim sweep merge");
  sweep_->add_option("--emit", emit_, "print a job description that runs the shards and merges them")
      ->check(CLI::IsMember({"slurm", "k8s-job", "aws-batch"}));
  sweep_->add_option("--shards", options_.shards, "with --emit: number of shards (default: one per run)")
      ->check(CLI::PositiveNumber);
  sweep_->add_flag("--progress", progress_on_, "show runs done, failed and an ETA on stderr");
  sweep_->add_flag("--no-progress", progress_off_, "never show a progress bar");
  sweep_->add_flag("--allow-exec", options_.allow_exec,
                   "let every run start the programs its scenario names (externalPolicies)");
  merge_ = sweep_->add_subcommand("merge", "join shard folders into one sweep folder and write the tables");
  merge_->add_option("DIR", merge_dirs_, "shard folders")->required();
  merge_->add_option("--out", merge_out_, "sweep folder (default out/<sweep name>)");
}

bool SweepCli::chosen() const { return sweep_->parsed(); }

int SweepCli::run(const std::string& version, bool stderr_is_terminal) {
  if (merge_->parsed()) return merge_command(merge_dirs_, merge_out_);
  if (options_.sweep_path.empty()) {
    std::cerr << "sweep: a sweep file is required (fleetsim sweep SWEEP, or fleetsim sweep merge DIR...)\n";
    return 2;
  }
  if (!shard_.empty() && !emit_.empty()) {
    std::cerr << "sweep: --shard and --emit do not go together: the emitted job runs every shard\n";
    return 2;
  }
  options_.keep_all = keep_ == "all";
  if (!shard_.empty()) options_.shard = shard_;
  if (!emit_.empty()) options_.emit = emit_;
  options_.progress = !progress_off_ && (progress_on_ || stderr_is_terminal);
  return sweep_command(options_, version);
}

}  // namespace fleetsim::experiments
