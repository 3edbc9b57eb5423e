#pragma once
/// An ECS task: its lifecycle states, its placement and its serving side.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/api/event_bus.hpp"
#include "models/api/launch_platform.hpp"
#include "models/api/load_balancing.hpp"
#include "models/api/run_context.hpp"
#include "models/ecs/task_definition.hpp"
#include "models/serving/file_io_phase.hpp"
#include "models/serving/queue_worker.hpp"
#include "models/serving/task_server.hpp"

namespace fleetsim {

/// ECS lastStatus values, in lifecycle order.
enum class TaskStatus {
  kProvisioning,
  kPending,
  kActivating,
  kRunning,
  kDeactivating,
  kStopping,
  kDeprovisioning,
  kStopped
};

/// The name ECS gives a status ("RUNNING").
const char* task_status_name(TaskStatus s);

class Task;

/// Hears a task's lifecycle: whoever launched it (a service's scheduler, a RunTask group). Only status
/// changes must be heard; the other notifications matter to a scheduler that replaces tasks.
class TaskLifecycleListener {
 public:
  virtual ~TaskLifecycleListener() = default;
  /// The task reached `status` now.
  virtual void on_task_status(Task& task, TaskStatus status, const std::string& reason) = 0;
  /// The task failed (see Task::fail).
  virtual void on_task_failed(Task&) {}
  /// The task became healthy or stopped being healthy.
  virtual void on_task_health(Task&) {}
  /// EC2 placement put the task in another AZ than the one proposed.
  virtual void on_task_zone_changed(const std::string& /*from*/, const std::string& /*to*/) {}
  /// No instance could take the task (EC2 launch type); the task stops.
  virtual void on_task_unplaceable(const std::string& /*reason*/) {}
};

/// How a task's serving side joins its owner's load balancers.
class TaskLoadBalancing {
 public:
  virtual ~TaskLoadBalancing() = default;
  /// The task's app answers now: its load balancer targets, if any.
  virtual std::vector<TargetHandle> register_targets(Task& task, const std::string& address, int port,
                                                     const std::vector<std::string>& host_groups) = 0;
  /// The task leaves its target groups.
  virtual void deregister_targets(const std::vector<TargetHandle>& handles) = 0;
  /// A target group reports the task unhealthy.
  virtual void on_task_unhealthy(Task& task, const std::string& target_group) = 0;
};

/// What its owner launches a task with; it must outlive the tasks launched with it.
struct TaskLaunchSpec {
  RunContext* context = nullptr;               ///< engine and streams
  Rng* lifecycle_rng = nullptr;                ///< random stream for start-up latencies
  std::string group;                           ///< placement group: "service:NAME", or the RunTask group
  const PlacementPolicy* placement = nullptr;  ///< EC2: strategies and constraints
  std::string serving_container;               ///< the container a load balancer names ("": the definition's default)
  int container_port = 0;                      ///< its port a load balancer sends to (0: none)
  MessageQueue* queue = nullptr;               ///< the queue the task polls, or nullptr
  /// How long a task without a load balancer runs before it counts as healthy; nothing when the owner
  /// does not count healthy tasks.
  std::optional<Duration> healthy_after_running;
  BusyListener* busy = nullptr;                 ///< hears the vCPUs the task keeps busy, or nullptr
  TaskLoadBalancing* load_balancing = nullptr;  ///< registers the task's targets, or nullptr
};

/// One task, from PROVISIONING to STOPPED.
class Task : public ServingTarget, public TargetOwner, public PlacementClient {
 public:
  /// A task launched as `spec` says, heard by `listener`, of its deployment number `deployment` (0 for
  /// standalone tasks), running `definition` on `platform` in `availability_zone`; call start().
  Task(const TaskLaunchSpec& spec, TaskLifecycleListener& listener, std::size_t deployment,
       const TaskDefinition& definition, LaunchPlatform& platform, std::string id, std::string availability_zone,
       std::string ip_address);
  /// Begins PROVISIONING now.
  void start();
  /// Stops the task with `reason`. Graceful (scale-in, replacement): it leaves its target groups,
  /// waits for them to drain, then stops. Not graceful (the container exited): its requests are
  /// cut at once (their clients see 502).
  void stop(const std::string& reason, bool graceful);
  /// Stops the task as failed (its container exited, its image could not be pulled, it failed its
  /// health checks): the service counts it against the deployment circuit breaker and restart throttling.
  void fail(const std::string& reason, bool graceful);

  void serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) override {
    server_->admit(token, cpu_ms, observer);
  }
  void serve_with_io(std::uint32_t token, double cpu_ms, double io_mib, ServingObserver* observer) override {
    if (io_ && io_mib > 0)
      io_->serve(token, cpu_ms, io_mib, observer);
    else
      server_->admit(token, cpu_ms, observer);
  }
  std::uint32_t outstanding() const override {
    return (server_ ? server_->outstanding() : 0) + (io_ ? io_->outstanding() : 0);
  }
  ProbeAnswer probe_answer() const override;
  void on_target_healthy(const std::string& target_group) override;
  void on_target_unhealthy(const std::string& target_group, const std::string& reason) override;
  void on_target_drained() override;
  void on_placed(const Placement& placement) override;
  void on_unplaceable(const std::string& reason) override;
  void on_host_lost(const std::string& reason, bool graceful) override;

  /// True when RUNNING and healthy as the scheduler counts it: every target group reports it healthy,
  /// or, without a load balancer, it has run for the catalogue's healthy-after time.
  bool healthy() const { return status_ == TaskStatus::kRunning && healthy_; }
  /// The service deployment it belongs to.
  std::size_t deployment() const { return deployment_; }
  /// MiB its containers use (x-fleetsim.memoryUsage), drawn when it started; 0 when not modelled.
  double memory_use_mib() const { return memory_use_mib_; }
  /// When the task reached RUNNING.
  SimTime running_since() const { return running_since_; }

  /// The task's id (32 hex digits, as ECS prints them).
  const std::string& id() const { return id_; }
  /// The current lastStatus.
  TaskStatus status() const { return status_; }
  /// The task's Availability Zone.
  const std::string& availability_zone() const { return availability_zone_; }
  /// Where it runs.
  LaunchPlatform& platform() const { return platform_; }
  /// True once the task has reached RUNNING.
  bool ever_running() const { return ever_running_; }
  /// The container instance it runs on (EC2), or "".
  const std::string& instance_id() const { return placement_.instance_id; }
  /// The host port of its serving mapping (bridge), or 0.
  int host_port() const { return placement_.host_port; }
  /// True once the platform gave it capacity.
  bool placed() const { return placed_; }
  /// The revision it runs.
  const TaskDefinition& definition() const { return definition_; }

 private:
  void set_status(TaskStatus s, const std::string& reason = {});
  void on_provisioned(std::uint64_t);
  void on_pulled(std::uint64_t);
  void on_app_ready(std::uint64_t);
  void on_crash(std::uint64_t);
  void on_matured(std::uint64_t);
  void set_healthy(bool healthy);
  void on_run_complete(std::uint64_t);
  void on_deprovisioned(std::uint64_t);
  void after_drain();
  void drop_requests();

  const TaskLaunchSpec& spec_;
  TaskLifecycleListener& listener_;
  std::size_t deployment_;
  const TaskDefinition& definition_;
  const ContainerDefinition& container_;
  LaunchPlatform& platform_;
  std::string id_;
  std::string availability_zone_;
  std::string ip_address_;
  TaskStatus status_ = TaskStatus::kProvisioning;
  Placement placement_;
  std::unique_ptr<TaskServer> server_;
  std::unique_ptr<FileIoPhase> io_;      // tasks whose serving container mounts an EFS volume; uses server_
  std::unique_ptr<QueueWorker> worker_;  // queue workers only; declared after server_, which it uses
  std::vector<TargetHandle> targets_;    // one per target group of the service, in its order
  std::vector<EventId> timers_;
  std::string stopped_reason_;
  bool ever_running_ = false;
  bool placed_ = false;
  bool app_ready_ = false;
  std::size_t draining_ = 0;             // target groups still draining this task
  std::vector<std::string> healthy_in_;  // target groups that report the task healthy
  bool healthy_ = false;
  SimTime running_since_;
  double memory_use_mib_ = 0;
};

/// EventBridge's "ECS Task State Change" of `task` in `cluster` reaching `status` (ECS developer guide, "Amazon ECS
/// task state change events"); `group` is "service:NAME" or RunTask's group.
BusEvent task_state_change_event(const EventBus& bus, const Task& task, const std::string& cluster,
                                 const std::string& group, TaskStatus status, const std::string& reason);

/// The TaskStateChange event of `task` reaching `status`; `owner_key` is "service" or "group" (RunTask).
nlohmann::ordered_json task_state_change(const Task& task, const char* owner_key, const std::string& owner,
                                         TaskStatus status, const std::string& reason);

}  // namespace fleetsim
