#pragma once
/// A scaling policy written outside fleetsim (experiments.md "Policies written outside fleetsim"): a separate
/// program that gets its targets' metrics every period, one JSON line on its standard input, and answers their
/// desired counts on one line of its standard output, in lock step with virtual time.

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/api/alarms.hpp"
#include "models/autoscaling/scalable_target.hpp"
#include "models/world.hpp"
#include "sim/exec/line_process.hpp"

namespace fleetsim {

/// A metric the program is sent, as a CloudWatch MetricStat names it.
struct PolicyMetric {
  std::string name_space, metric, dimensions;  ///< as MetricSource keys name it
  std::string statistic = "Average";
  std::size_t handle = 0;  ///< CloudWatch's watch_metric handle
};

/// One scalable target of the policy and the metrics sent with it.
struct PolicyTarget {
  ScalableTarget* target = nullptr;
  std::vector<PolicyMetric> metrics;
};

/// One `externalPolicies` entry, read and resolved.
struct ExternalPolicyConfig {
  std::string name;
  std::string pointer;               ///< "/externalPolicies/0", for messages
  std::vector<std::string> command;  ///< the program and its arguments, started in `directory` (no shell)
  std::string directory;             ///< the scenario's folder
  Duration period = Duration::seconds(60);
  std::chrono::milliseconds timeout{10000};  ///< wall clock, bounding the wait for an answer only
  std::vector<PolicyTarget> targets;
  std::vector<PolicyMetric> metrics;  ///< sent beside the targets (`metrics` of the entry)
};

/// The program and its clock: every period a request line, an answer line, and the answer applied within
/// each target's MinCapacity and MaxCapacity as an Application Auto Scaling action, recorded as a
/// ScalingDecision. A program that ends, hangs or answers malformed JSON ends the run (ExternalProgramError).
class ExternalPolicy : public Model {
 public:
  /// A policy reading its metrics from `cloudwatch`.
  ExternalPolicy(RunContext& ctx, ExternalPolicyConfig config, const AlarmHost& cloudwatch);
  /// Starts the program and schedules the first request, one period in.
  void start() override;

  /// The request sent at `now`: `{"t", "policy", "targets": {id: {desiredCount, runningCount, minCapacity,
  /// maxCapacity, metrics}}, "metrics"}` (every metric: namespace, metric, dimensions, statistic, periodEnd, value).
  nlohmann::ordered_json request(SimTime now) const;
  /// The desired count the answer gives each target (in the order of the targets; absent: not answered); throws
  /// ExternalProgramError when `answer` is not `{"desired": {"<target>": <integer >= 0>, ...}}`.
  std::vector<std::optional<long long>> read_answer(const std::string& answer) const;

 private:
  void decide(std::uint64_t);
  nlohmann::ordered_json metric_json(const PolicyMetric& m, SimTime now) const;
  [[noreturn]] void fail(const std::string& why) const;

  RunContext& ctx_;
  ExternalPolicyConfig config_;
  const AlarmHost& cloudwatch_;
  std::unique_ptr<LineProcess> process_;
};

}  // namespace fleetsim
