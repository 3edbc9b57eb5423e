#pragma once
/// How the core reaches the models. The command (sim/cli) uses only this interface; the models fill
/// it (models/registry.cpp) and `main` (app/main.cpp) hands the filled registry to the command, so
/// nothing under sim/ includes a model.

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/exec/exec_permission.hpp"
#include "sim/metrics/metric_store.hpp"
#include "sim/metrics/summary_window.hpp"
#include "sim/output/event_log.hpp"
#include "sim/output/lifecycle_trace.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/run_settings.hpp"
#include "sim/scenario/scenario_format.hpp"

namespace fleetsim {

/// A validated scenario and the core's services the models share for the length of one run.
struct RunInput {
  const nlohmann::json& scenario;                  ///< the whole document, valid against the scenario shape
  const SimulationSettings& simulation;            ///< its `simulation` section, read
  const std::string& directory;                    ///< the scenario file's folder, for relative paths
  Engine& engine;                                  ///< virtual time and scheduling
  MetricStore& metrics;                            ///< CloudWatch-like series
  EventLog& events;                                ///< events.jsonl and timeline.json
  SummaryWindow& window;                           ///< when summary.json's figures start counting (simulation.warmup)
  ExecPermission exec = ExecPermission::kRefused;  ///< may the scenario start programs
};

/// The models built for one run: the command starts them, runs the engine, finishes them and asks
/// for their sections of summary.json.
class ModelRun {
 public:
  virtual ~ModelRun() = default;
  /// Schedules every model's first events (all are built before any starts).
  virtual void start() = 0;
  /// The run reached `end`: settle bills and counters (before the last metric period closes).
  virtual void finish(SimTime end) = 0;
  /// Adds the models' sections to summary.json, after the core's own keys.
  virtual void write_summary(nlohmann::ordered_json& summary) const = 0;
  /// Requests offered so far (run.json's requestsPerSecond).
  virtual std::uint64_t requests_offered() const = 0;
  /// What the built models found suspicious but valid (e.g. security groups that drop a load balancer's traffic).
  virtual const std::vector<Diagnostic>& warnings() const = 0;
};

/// The scenario format the models registered, and what the command asks of the models.
class Registry : public ScenarioFormat {
 public:
  /// Builds the models of `input`'s scenario, checking what the shape cannot (the region and its
  /// Availability Zones, references between sections); throws ScenarioError at the offending pointer.
  virtual std::unique_ptr<ModelRun> build(const RunInput& input) const = 0;
  /// The `catalog` command's document: every region, or only `region`; nullopt for an unknown region.
  virtual std::optional<nlohmann::ordered_json> catalog(const std::string& region) const = 0;
  /// The entities whose lifecycles timeline.json draws, by the event types the models emit.
  virtual std::vector<LifecycleKind> lifecycle_kinds() const = 0;
  /// The event types that timeline.json marks as instants on the time axis.
  virtual std::set<std::string> instant_event_types() const = 0;
  /// The lines of the human summary `fleetsim run` prints between its first line and the output
  /// folder, read from `summary` (summary.json), each ending in a newline.
  virtual std::string summary_lines(const nlohmann::ordered_json& summary) const = 0;
};

}  // namespace fleetsim
