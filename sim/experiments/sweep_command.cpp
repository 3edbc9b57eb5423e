#include "sim/experiments/sweep_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "sim/experiments/job_scripts.hpp"
#include "sim/experiments/plan.hpp"
#include "sim/experiments/runner.hpp"
#include "sim/experiments/sweep_folder.hpp"
#include "sim/output/output_folder.hpp"
#include "sim/time.hpp"

namespace fleetsim::experiments {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// `fleetsim run` for one variant and seed: the sweep's fixed overrides, its warm-up, then the variant's values.
// `allow_exec` passes the sweep's --allow-exec on to every run (a scenario with externalPolicies needs it).
std::vector<std::string> run_argv(const std::string& exe, const SweepFile& sweep, const Variant& variant,
                                  std::uint64_t seed, const fs::path& out, bool allow_exec) {
  std::vector<std::string> argv = {exe,          "run", sweep.scenario_path, "--seed", std::to_string(seed), "--out",
                                   out.string(), "-q",  "--no-progress"};
  if (allow_exec) argv.push_back("--allow-exec");
  auto add = [&](const std::string& pointer, const json& value) {
    argv.push_back("--set");
    argv.push_back(pointer + "=" + value.dump());
  };
  for (const Override& o : sweep.set) add(o.pointer, o.value);
  if (sweep.warmup) add("/simulation/warmup", *sweep.warmup);
  for (const Override& o : variant.overrides) add(o.pointer, o.value);
  return argv;
}

// A child's message names the scenario by the path we gave it; the sweep file's own spelling makes the row the
// same wherever the sweep was started from (a local run and the shards of a cluster job agree).
std::string portable_message(std::string message, const SweepFile& sweep) {
  for (std::size_t at = 0; (at = message.find(sweep.scenario_path, at)) != std::string::npos;) {
    message.replace(at, sweep.scenario_path.size(), sweep.scenario);
    at += sweep.scenario.size();
  }
  return message;
}

// Maps "SCENARIO:L:C: /pointer: message" from a child onto the sweep file's override of that pointer.
std::string locate_child_error(const SweepFile& sweep, const std::string& line) {
  std::size_t start = line.find(": /");
  if (start != std::string::npos) {
    std::size_t end = line.find(": ", start + 2);
    std::string pointer = line.substr(start + 2, end == std::string::npos ? std::string::npos : end - start - 2);
    std::string source = sweep.source_of(pointer);
    if (!source.empty()) return sweep.locate(source, "in the scenario: " + portable_message(line, sweep), true);
  }
  return sweep.locate("/scenario", "the scenario with the sweep's values fails: " + portable_message(line, sweep));
}

// One short run of the first variant, to learn the shape of summary.json (the default metrics and whether the
// named ones exist) and to catch overrides the scenario refuses before starting the whole sweep.
json probe_summary(const std::string& exe, const SweepFile& sweep, const Plan& plan, const fs::path& dir,
                   bool allow_exec) {
  std::int64_t seconds = 1;
  Duration warmup;
  std::string error;
  if (sweep.warmup && parse_duration(*sweep.warmup, warmup, error)) seconds += (warmup.us() + 999999) / 1000000;
  std::vector<std::string> argv = run_argv(exe, sweep, plan.variants[0], plan.seeds[0], dir / "run", allow_exec);
  argv.push_back("--duration");
  argv.push_back(std::to_string(seconds) + "s");
  fs::create_directories(dir);
  ProcessOutcome outcome = run_processes({{argv}}, {1, false, dir})[0];
  if (outcome.exit_code == 2) throw SweepError{2, {locate_child_error(sweep, outcome.message)}};
  if (outcome.exit_code != 0) {
    throw SweepError{3, {sweep.path + ": a first short run of the scenario failed: " + outcome.message}};
  }
  std::ifstream in(dir / "run" / "summary.json");
  json summary = json::parse(in, nullptr, false);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return summary;
}

// The metrics to tabulate: the sweep's (or the defaults), then constraint and objective metrics not among them.
std::vector<std::string> checked_metrics(const SweepFile& sweep, const json& summary) {
  std::vector<std::string> metrics = sweep.metrics.empty() ? default_metrics(summary) : sweep.metrics;
  auto require = [&](const std::string& metric, const std::string& source, bool at_key) {
    if (!metric_value(summary, metric)) {
      throw SweepError{2, {sweep.locate(source, "\"" + metric + "\" is not a number in summary.json", at_key)}};
    }
    if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) metrics.push_back(metric);
  };
  for (std::size_t i = 0; i < sweep.metrics.size(); ++i) {
    require(sweep.metrics[i], append_pointer("/metrics", i), false);
  }
  for (const Constraint& c : sweep.constraints) require(c.metric, c.source, true);
  if (sweep.minimize) require(*sweep.minimize, "/minimize", false);
  return metrics;
}

std::string absolute(const std::string& path) { return fs::absolute(path).lexically_normal().string(); }

int emit(const SweepOptions& options, const SweepFile& sweep, const Plan& plan, const std::string& out,
         const std::string& version) {
  std::size_t shards = options.shards > 0 ? static_cast<std::size_t>(options.shards) : plan.runs().size();
  if (*options.emit == "aws-batch") shards = std::max<std::size_t>(shards, 2);  // Batch arrays have 2..10000
  JobSpec job{sweep.name, self_executable(), absolute(sweep.path), absolute(out), shards, version, options.allow_exec};
  std::cout << job_description(*options.emit, job);
  return 0;
}

void write_json(const OutputFolder& folder, const std::string& name, const nlohmann::ordered_json& j) {
  folder.write_file(name, j.dump(2) + "\n");
}

}  // namespace

int sweep_command(const SweepOptions& options, const std::string& version) {
  return exit_code_of(options.sweep_path, [&] {
    SweepFile sweep = read_sweep_file(options.sweep_path);
    Plan plan = make_plan(sweep);
    Shard shard;
    if (options.shard) {
      std::optional<Shard> parsed = parse_shard(*options.shard);
      if (!parsed) {
        throw SweepError{2,
                         {sweep.locate("", "--shard " + *options.shard +
                                               ": expected I/N with 0 <= I < N (shards are numbered from 0)")}};
      }
      shard = *parsed;
    }
    std::string out = options.out;
    if (out.empty()) {
      out = "out/" + sweep.name +
            (shard.count > 1 ? ".shard-" + std::to_string(shard.index) + "-of-" + std::to_string(shard.count) : "");
    }
    if (options.emit) return emit(options, sweep, plan, out, version);

    std::string exe = self_executable();
    OutputFolder folder(out);
    std::vector<std::string> metrics =
        checked_metrics(sweep, probe_summary(exe, sweep, plan, folder.staging() / ".probe", options.allow_exec));
    Objective objective{sweep.constraints, sweep.minimize};
    nlohmann::ordered_json plan_file = plan_json(sweep, plan, metrics, version);
    nlohmann::ordered_json objective_part = objective_json(objective);
    for (const auto& [key, value] : objective_part.items()) plan_file[key] = value;

    std::vector<RunKey> runs = plan.runs(shard);
    std::vector<ProcessJob> jobs;
    for (const RunKey& key : runs) {
      fs::create_directories((folder.staging() / plan.run_folder(key)).parent_path());
      jobs.push_back({run_argv(exe, sweep, plan.variants[key.variant], plan.seeds[key.seed],
                               folder.staging() / plan.run_folder(key), options.allow_exec)});
    }
    fs::path logs = folder.staging() / ".logs";
    fs::create_directories(logs);
    int workers = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<ProcessOutcome> outcomes = run_processes(jobs, {workers, options.progress, logs});
    fs::remove_all(logs);
    std::size_t failed = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      fs::path dir = folder.staging() / plan.run_folder(runs[i]);
      if (outcomes[i].exit_code != 0) {
        ++failed;
        write_run_error(dir, outcomes[i].exit_code, portable_message(outcomes[i].message, sweep));
      } else if (!options.keep_all) {
        for (const auto& entry : fs::directory_iterator(dir)) {
          if (entry.path().filename() != "summary.json") fs::remove_all(entry.path());
        }
      }
    }
    write_json(folder, "sweep.json", plan_file);
    if (shard.count > 1) {
      write_json(folder, "shard.json", {{"shard", shard.index}, {"of", shard.count}});
    } else {
      failed = write_tables(folder.staging(), read_recorded_sweep(plan_file, out));
    }
    folder.commit();
    if (failed > 0) {
      std::cerr << sweep.path << ": " << failed << " of " << runs.size() << " runs failed; see sweep.csv\n";
      return 3;
    }
    return 0;
  });
}

}  // namespace fleetsim::experiments
