#pragma once
/// Standalone tasks (ecs RunTask), such as an EventBridge rule's batch job: launched in a group, never
/// replaced, and finished when their essential container exits (x-fleetsim.runTime).

#include <memory>
#include <string>
#include <vector>

#include "models/ecs/service.hpp"

namespace fleetsim {

/// What a RunTask call needs.
struct RunTaskConfig {
  std::string group;  ///< RunTask `group`: "family:NAME" by default
  std::string cluster;
  const TaskDefinition* definition = nullptr;
  std::vector<ProviderShare> providers;         ///< the launch type, or the capacity provider strategy
  std::vector<std::string> availability_zones;  ///< tried in turn
};

/// The tasks of one RunTask target: each run() launches more, none is replaced.
class StandaloneTasks : public TaskLifecycleListener {
 public:
  /// A group on `ctx`; tasks get ENI addresses from `ips`.
  StandaloneTasks(RunContext& ctx, RunTaskConfig config, IpAllocator& ips);
  /// RunTask with `count` tasks now.
  void run(int count);
  /// The group's name.
  const std::string& group() const { return config_.group; }
  /// Its counts in the summary's window.
  TaskCounts counts() const { return counts_.since(before_window_); }

  void on_task_status(Task& task, TaskStatus status, const std::string& reason) override;
  void on_task_unplaceable(const std::string&) override { ++counts_.placement_failures; }

 private:
  RunContext& ctx_;
  RunTaskConfig config_;
  IpAllocator& ips_;
  Rng lifecycle_rng_;
  PlacementPolicy placement_;                 // RunTask without placementStrategy: ECS's defaults
  TaskLaunchSpec launch_;                     // no load balancer, no queue, health not counted
  std::vector<int> provider_counts_;          // tasks launched per provider, for the strategy's weights
  std::vector<std::unique_ptr<Task>> tasks_;  // every task launched; a nightly batch keeps few
  std::uint64_t serial_ = 0;
  TaskCounts counts_;
  TaskCounts before_window_;  // left out of summary.json by simulation.warmup
};

}  // namespace fleetsim
