#include "sim/cli/commands.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>

#include "sim/cli/progress_bar.hpp"
#include "sim/cli/scenario_run.hpp"
#include "sim/engine.hpp"
#include "sim/exec/line_process.hpp"
#include "sim/output/output_folder.hpp"
#include "sim/report/report.hpp"
#include "sim/scenario/run_settings.hpp"
#include "sim/scenario/schema_writer.hpp"

#ifndef FLEETSIM_VERSION
#define FLEETSIM_VERSION "0.0.0"
#endif
#ifndef FLEETSIM_BUILD
#define FLEETSIM_BUILD "unknown"
#endif

namespace fleetsim {

const char* const kFleetsimVersion = FLEETSIM_VERSION;

namespace {

std::atomic<bool> g_interrupted{false};
void on_signal(int) { g_interrupted = true; }

void print_errors(const CommandError& e) {
  for (const std::string& line : e.lines) std::cerr << line << '\n';
}

double peak_memory_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

// The first line, the models' lines, and where the output went.
void print_human_summary(const Registry& registry, const nlohmann::ordered_json& s, const std::string& folder,
                         double wall_s) {
  std::printf("%s: %.0f s simulated in %.2f s wall\n", s["scenario"].get<std::string>().c_str(),
              s["duration_s"].get<double>(), wall_s);
  std::fputs(registry.summary_lines(s).c_str(), stdout);
  std::printf("  output    %s\n", folder.c_str());
}

}  // namespace

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) != 0; }

int run_command(const Registry& registry, const std::string& path, const ScenarioOverrides& overrides,
                const RunOptions& options) {
  auto wall_start = std::chrono::steady_clock::now();
  // From the start, so an interrupt at any point unwinds and the staging folder is removed.
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  try {
    LoadedScenario scenario = load_scenario(path, overrides, registry);
    std::string out_dir = options.out_dir.empty() ? "out/" + scenario.name : options.out_dir;
    OutputFolder folder(out_dir, scenario.path);
    std::ofstream events_file = folder.open("events.jsonl");
    std::ofstream timeline_file;
    std::unique_ptr<LifecycleTrace> trace;
    if (scenario.outputs.timeline) {
      timeline_file = folder.open("timeline.json");
      trace =
          std::make_unique<LifecycleTrace>(timeline_file, registry.lifecycle_kinds(), registry.instant_event_types());
    }
    ScenarioRun run(scenario, registry, &events_file, trace.get(),
                    options.allow_exec ? ExecPermission::kAllowed : ExecPermission::kRefused);
    if (!options.quiet) {
      for (const Diagnostic& w : run.warnings())
        std::cerr << scenario.locate({w.pointer, "warning: " + w.message}) << '\n';
    }
    std::ofstream metrics_file = folder.open(options.format == MetricsFormat::kCsv ? "metrics.csv" : "metrics.jsonl");
    MetricsWriter writer(metrics_file, options.format);

    ProgressBar bar(options.progress && !options.quiet, scenario.simulation.duration);
    run.run(writer, [&](SimTime now) {
      if (g_interrupted) throw CommandError{3, {path + ": interrupted; no output written"}};
      if (peak_memory_mib() > static_cast<double>(scenario.simulation.limits.memory_mib)) {
        throw EngineLimit("more than " + std::to_string(scenario.simulation.limits.memory_mib) + " MiB of memory at " +
                          std::to_string(now.us() / 1000000) +
                          " s (simulation.limits.memoryMiB; raise it if the "
                          "machine has the memory)");
      }
      bar.update(now);
    });
    bar.finish();
    if (g_interrupted) throw CommandError{3, {path + ": interrupted; no output written"}};
    if (trace) {
      trace->finish(SimTime::zero() + scenario.simulation.duration);
      timeline_file.close();
      if (!timeline_file) throw OutputError("cannot write output files in " + folder.staging().string());
    }

    nlohmann::ordered_json summary = run.summary();
    folder.write_file("summary.json", summary.dump(2) + "\n");
    double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    nlohmann::ordered_json info;
    info["fleetsimVersion"] = kFleetsimVersion;
    info["build"] = FLEETSIM_BUILD;
    info["wallSeconds"] = wall_s;
    info["eventsProcessed"] = run.events_processed();
    info["eventsPerSecond"] = wall_s > 0 ? static_cast<double>(run.events_processed()) / wall_s : 0.0;
    info["requestsPerSecond"] = wall_s > 0 ? static_cast<double>(run.requests_offered()) / wall_s : 0.0;
    info["peakMemoryMiB"] = peak_memory_mib();
    info["limits"] = {{"events", scenario.simulation.limits.events},
                      {"memoryMiB", scenario.simulation.limits.memory_mib}};
    info["metricRows"] = writer.rows();
    folder.write_file("run.json", info.dump(2) + "\n");
    events_file.close();
    metrics_file.close();
    if (!events_file || !metrics_file) throw OutputError("cannot write output files in " + folder.staging().string());
    if (scenario.outputs.report) write_report(folder.staging());  // from the files just written
    folder.commit();
    if (!options.quiet) print_human_summary(registry, summary, folder.destination().string(), wall_s);
    return 0;
  } catch (const CommandError& e) {
    print_errors(e);
    return e.exit_code;
  } catch (const OutputError& e) {
    std::cerr << path << ": " << e.what() << '\n';
    return 3;
  } catch (const EngineLimit& e) {
    std::cerr << path << ": limit reached: " << e.what() << "; no output written\n";
    return 3;
  } catch (const ExternalProgramError& e) {
    std::cerr << path << ": " << e.what() << "; no output written\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << path << ": internal error: " << e.what() << '\n';
    return 1;
  }
}

int validate_command(const Registry& registry, const std::vector<std::string>& paths) {
  int status = 0;
  for (const std::string& path : paths) {
    try {
      LoadedScenario scenario = load_scenario(path, {}, registry);
      ScenarioRun run(scenario, registry, nullptr, nullptr, ExecPermission::kNothingStarts);
      std::cout << path << ": valid\n";
      for (const Diagnostic& w : run.warnings())
        std::cout << scenario.locate({w.pointer, "warning: " + w.message}) << '\n';
      for (const std::string& p : run.ignored()) {
        std::cout << scenario.locate_in_file({p, "AWS field accepted but not simulated (ignored)"}) << '\n';
      }
    } catch (const CommandError& e) {
      print_errors(e);
      status = 2;
    } catch (const std::exception& e) {
      std::cerr << path << ": internal error: " << e.what() << '\n';
      return 1;
    }
  }
  return status;
}

int schema_command(const Registry& registry) {
  std::cout << write_json_schema(registry.scenario_shape(), "fleetsim scenario, version 1",
                                 "https://fleetsim.dev/schema/scenario-v1.json")
                   .dump(2)
            << '\n';
  return 0;
}

int catalog_command(const Registry& registry, const std::string& region) {
  std::optional<nlohmann::ordered_json> out = registry.catalog(region);
  if (!out) {
    std::cerr << "catalog: unknown region \"" << region << "\"\n";
    return 2;
  }
  std::cout << out->dump(2) << '\n';
  return 0;
}

}  // namespace fleetsim
