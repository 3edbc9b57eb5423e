#pragma once
/// An ECS service (CreateService shape): keeps desiredCount tasks running and reports on them.

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/api/launch_platform.hpp"
#include "models/api/load_balancing.hpp"
#include "models/api/metric_source.hpp"
#include "models/api/run_context.hpp"
#include "models/api/scalable_resource.hpp"
#include "models/api/traffic_policy.hpp"
#include "models/api/zone_health.hpp"
#include "models/catalog/scheduler_catalog.hpp"
#include "models/ecs/deployment.hpp"
#include "models/ecs/elasticity.hpp"
#include "models/ecs/placement.hpp"
#include "models/ecs/task.hpp"
#include "models/ecs/task_counts.hpp"
#include "models/network/ip_allocator.hpp"
#include "sim/metrics/sample_stats.hpp"

namespace fleetsim {

/// One capacity provider of a service's strategy, resolved to its platform.
struct ProviderShare {
  std::string name;  ///< "FARGATE", "FARGATE_SPOT"
  LaunchPlatform* platform = nullptr;
  int base = 0;    ///< tasks placed here first
  int weight = 1;  ///< share of the tasks beyond the bases
};

/// A load balancer binding of the service.
struct TargetBinding {
  TargetGroupPort* group = nullptr;
  std::string container_name;
  int container_port = 0;
};

/// The provider of `providers` the next task goes to, given the tasks each holds (`counts`): bases
/// first, in strategy order; then the provider furthest below its weighted share.
std::size_t choose_provider(const std::vector<ProviderShare>& providers, const std::vector<int>& counts);

/// A task id like ECS's 32 hex digits, depending only on its owner's name and launch order.
std::string task_id(std::uint64_t serial, const std::string& owner);

/// Everything a service needs.
struct ServiceConfig {
  std::string name;
  std::string cluster = "default";
  const TaskDefinition* definition = nullptr;  ///< the revision the service is created with
  DeploymentConfiguration deployment;          ///< deploymentConfiguration
  SchedulerCatalog scheduler;                  ///< catalogue defaults of the service scheduler
  int desired_count = 0;
  std::vector<std::string> availability_zones;  ///< from the subnets, or every AZ of the scenario
  const ZoneHealth* zone_health = nullptr;      ///< which of them are up; nullptr: all
  std::vector<ProviderShare> providers;         ///< a launch type is a single share
  std::vector<TargetBinding> load_balancers;
  Duration health_check_grace;  ///< healthCheckGracePeriodSeconds: ELB health ignored this long after RUNNING
  PlacementPolicy placement;    ///< placementStrategy and placementConstraints (EC2 only)
  std::vector<std::string> security_groups;  ///< awsvpc tasks' groups (networkConfiguration)
  const TrafficPolicy* traffic = nullptr;    ///< security group rules; nullptr: all traffic allowed
  MessageQueue* queue = nullptr;             ///< the queue its tasks poll (the serving container's x-fleetsim.queue)
};
/// The service scheduler for one REPLICA service. It is also the scalable target of Application
/// Auto Scaling and the source of its AWS/ECS CPUUtilization datapoints.
class Service : public TaskLifecycleListener,
                public TaskLoadBalancing,
                public BusyListener,
                public PeriodListener,
                public ScalableResource,
                public MetricSource {
 public:
  /// A service on `ctx`; call start() to launch its tasks.
  Service(RunContext& ctx, ServiceConfig config, IpAllocator& ips);
  ~Service() override;
  /// Launches the initial tasks.
  void start();
  /// Kills `count` running tasks, or `percent` of them rounded up (the timeline's killTasks): their
  /// containers exit at once, requests in flight are cut (502) and the scheduler replaces them.
  void kill_tasks(int count, double percent);
  /// Changes desiredCount now (the timeline's updateService).
  void set_desired_count(int count);
  /// Starts a rolling deployment of `definition` now (the timeline's updateService).
  void deploy(const TaskDefinition& definition);
  /// At the end of the run: nothing left to close (the summary reads the running tasks' signal at the end).
  void finish(SimTime) {}
  /// summary.json's entry for this service.
  nlohmann::ordered_json summary() const;
  /// Elasticity metrics over the periods closed so far.
  const ElasticityTally& elasticity() const { return elasticity_; }
  /// The service's name.
  const std::string& name() const { return config_.name; }

  // Called by its tasks.
  /// The task reached `status` now.
  void on_task_status(Task& task, TaskStatus status, const std::string& reason) override;
  /// The task's app answers now; it may take traffic.
  std::vector<TargetHandle> register_targets(Task& task, const std::string& address, int port,
                                             const std::vector<std::string>& host_groups) override;
  /// Counted against its deployment's circuit breaker and, when it never ran, against restart throttling.
  void on_task_failed(Task& task) override;
  void on_task_health(Task& task) override;
  /// EC2 placement put the task in another AZ than the one the service proposed.
  void on_task_zone_changed(const std::string& from, const std::string& to) override;
  /// No instance could take the task (EC2 launch type): the scheduler tries again later.
  void on_task_unplaceable(const std::string& reason) override;
  /// The task leaves its target groups (they drain it and tell it when done).
  void deregister_targets(const std::vector<TargetHandle>& handles) override;
  /// A target group reports the task unhealthy: replace it, unless inside the grace period.
  void on_task_unhealthy(Task& task, const std::string& target_group) override;
  /// The service's config.
  const ServiceConfig& config() const { return config_; }
  /// AWS/ECS MemoryUtilization as CloudWatch reads it, or nullptr when the definition gives no memoryUsage.
  const MetricSource* memory_utilization() const { return memory_ ? &memory_source_ : nullptr; }
  /// ECS/ContainerInsights RunningTaskCount as CloudWatch reads it (metric math divides by it).
  const MetricSource& running_task_count() const { return running_source_; }

  int desired_capacity() const override { return config_.desired_count; }
  int actual_capacity() const override { return running_count_; }
  void set_capacity(int capacity, const std::string& policy, const std::string& reason) override;
  bool deployment_in_progress() const override { return !deployments_.empty() && deployments_.back().in_progress(); }
  MetricTotals totals(SimTime now) const override;
  std::optional<Datapoint> datapoint(const MetricTotals& from, const MetricTotals& to) const override;

  void on_busy_change(SimTime now, double delta) override;
  void on_period_end(SimTime end, Duration period) override;
  void on_period_closed(SimTime end, Duration period) override;

 private:
  void launch_task();
  void on_placement_retry(std::uint64_t);
  void on_launch_hold_over(std::uint64_t);
  void reconcile();
  void reconcile_once();
  void track_rollout(Deployment& current, std::size_t primary);
  void start_deployment(const TaskDefinition& definition, bool rollback);
  void set_rollout_state(Deployment& d, RolloutState state, const std::string& reason);
  // EventBridge's "ECS Deployment State Change" of `d` reaching `state`.
  BusEvent deployment_state_change_event(const EventBus& bus, const Deployment& d, RolloutState state,
                                         const std::string& reason) const;
  void on_circuit_breaker_tripped(std::uint64_t deployment);
  std::size_t choose_availability_zone() const;
  void add_memory(SimTime now, double used_mib, double reserved_mib);

  RunContext& ctx_;
  ServiceConfig config_;
  IpAllocator& ips_;
  Rng lifecycle_rng_;
  TaskLaunchSpec launch_;                       // what every task of the service is launched with
  std::vector<std::unique_ptr<Task>> tasks_;    // not yet STOPPED
  std::vector<std::unique_ptr<Task>> retired_;  // STOPPED; freed at the next period end
  std::vector<int> provider_counts_;
  std::vector<int> zone_counts_;  // live tasks per AZ, in config order
  std::uint64_t serial_ = 0;
  EventId placement_retry_;             // pending while launches wait after a placement failure
  EventId launch_hold_;                 // pending while restart throttling holds launches back
  int start_failures_ = 0;              // tasks in a row that failed before RUNNING (restart throttling)
  std::deque<Deployment> deployments_;  // every deployment so far; the last is the PRIMARY one
  bool reconciling_ = false, reconcile_again_ = false;

  GaugeId running_, desired_, pending_;
  RatioId cpu_;
  TimeAverageSource running_source_;  // RunningTaskCount for CloudWatch, and the summary's mean
  std::optional<RatioId> memory_;     // AWS/ECS MemoryUtilization, when the definition models memory use
  RatioSource memory_source_;
  double busy_vcpus_ = 0;
  double reserved_vcpus_ = 0;
  TimeWeightedSignal busy_area_, reserved_area_;  // vCPU-microseconds, for CloudWatch datapoints
  SampleStats cpu_periods_;
  ElasticityTally elasticity_;

  TaskCounts counts_;
  std::uint64_t scale_outs_ = 0, scale_ins_ = 0;
  // What simulation.warmup leaves out of summary.json.
  TaskCounts before_window_;
  std::uint64_t scale_outs_before_ = 0, scale_ins_before_ = 0;
  // simulation.warmup: when the summary's window opened and the running-task integral then (the mean's start).
  std::optional<std::pair<SimTime, double>> window_open_;
  int running_count_ = 0, peak_running_ = 0;
};

}  // namespace fleetsim
