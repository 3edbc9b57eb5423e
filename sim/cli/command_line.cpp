#include "sim/cli/command_line.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/explain.hpp"
#include "sim/experiments/sweep_cli.hpp"
#include "sim/report/report.hpp"

namespace fleetsim {

int fleetsim_main(const Registry& registry, int argc, char** argv) {
  CLI::App app{"fleetsim: a deterministic discrete-event simulator of container scheduling and autoscaling on AWS"};
  app.set_version_flag("--version", std::string("fleetsim ") + kFleetsimVersion);
  app.require_subcommand(0, 1);

  RunOptions run_options;
  ScenarioOverrides overrides;
  std::string scenario_path;
  std::string format = "csv";
  bool progress_on = false, progress_off = false;
  CLI::App* run = app.add_subcommand("run", "simulate a scenario and write the output folder");
  run->add_option("SCENARIO", scenario_path, "scenario file")->required();
  run->add_option("--seed", overrides.seed, "override simulation.seed");
  run->add_option("--duration", overrides.duration, "override simulation.duration (e.g. 2h)");
  run->add_option("--set", overrides.sets, "override one value: /json/pointer=VALUE (repeatable)");
  run->add_option("--out", run_options.out_dir, "output folder (default out/<scenario name>)");
  run->add_option("--format", format, "metrics file format")->check(CLI::IsMember({"csv", "jsonl"}));
  run->add_flag("--progress", progress_on, "show a progress bar on stderr");
  run->add_flag("--no-progress", progress_off, "never show a progress bar");
  run->add_flag("-q,--quiet", run_options.quiet, "only errors");
  run->add_flag("--allow-exec", run_options.allow_exec,
                "let the scenario start the programs it names (externalPolicies); never without reading them");

  std::vector<std::string> validate_paths;
  CLI::App* validate = app.add_subcommand("validate", "check scenarios without simulating");
  validate->add_option("SCENARIO", validate_paths, "scenario files")->required();

  CLI::App* schema = app.add_subcommand("schema", "print the JSON Schema of the scenario format");
  std::string region;
  CLI::App* catalog = app.add_subcommand("catalog", "print the built-in catalogue");
  catalog->add_option("--region", region, "only this region");
  std::vector<std::string> report_folders;
  std::string report_out;
  CLI::App* report = app.add_subcommand("report", "write report.html for an output folder, or compare two runs");
  report->add_option("FOLDER", report_folders, "an output folder (run or sweep), or two runs to compare")
      ->required()
      ->expected(1, 2);
  report->add_option("--out", report_out, "comparison page to write (default compare.html)");
  std::string explain_folder, explain_target, explain_at;
  CLI::App* explain = app.add_subcommand("explain", "print a run's scaling decisions in words");
  explain->add_option("OUTDIR", explain_folder, "a run's output folder")->required();
  explain->add_option("--target", explain_target, "only this target (NAME or NAMESPACE/NAME)");
  explain->add_option("--at", explain_at, "every decision within a minute of this time (e.g. 15m, 1h30m)");
  CLI::App* help = app.add_subcommand("help", "show this help");
  experiments::SweepCli sweep(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints help and version itself and returns 0 for them; usage errors become exit 2.
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  if (*run) {
    run_options.format = format == "jsonl" ? MetricsFormat::kJsonl : MetricsFormat::kCsv;
    run_options.progress = progress_off ? false : (progress_on || stderr_is_terminal());
    return run_command(registry, scenario_path, overrides, run_options);
  }
  if (sweep.chosen()) return sweep.run(kFleetsimVersion, stderr_is_terminal());
  if (*validate) return validate_command(registry, validate_paths);
  if (*schema) return schema_command(registry);
  if (*catalog) return catalog_command(registry, region);
  if (*report) return report_command(report_folders, report_out);
  if (*explain) return explain_command(explain_folder, explain_target, explain_at, std::cout);
  if (*help || app.get_subcommands().empty()) {
    std::cout << app.help();
    return 0;
  }
  return 0;
}

}  // namespace fleetsim
