#include "models/ecs/task.hpp"

#include <algorithm>

namespace fleetsim {

const char* task_status_name(TaskStatus s) {
  static const char* const kNames[] = {"PROVISIONING", "PENDING",  "ACTIVATING",     "RUNNING",
                                       "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"};
  return kNames[static_cast<int>(s)];
}

nlohmann::ordered_json task_state_change(const Task& task, const char* owner_key, const std::string& owner,
                                         TaskStatus status, const std::string& reason) {
  nlohmann::ordered_json e{{"taskId", task.id()},
                           {owner_key, owner},
                           {"taskDefinition", task.definition().id()},
                           {"lastStatus", task_status_name(status)},
                           {"availabilityZone", task.availability_zone()}};
  if (!reason.empty()) e["stoppedReason"] = reason;
  if (!task.instance_id().empty()) e["instanceId"] = task.instance_id();
  if (task.host_port() != 0) e["hostPort"] = task.host_port();
  return e;
}

BusEvent task_state_change_event(const EventBus& bus, const Task& task, const std::string& cluster,
                                 const std::string& group, TaskStatus status, const std::string& reason) {
  const std::string task_arn = bus.arn("ecs", "task/" + cluster + "/" + task.id());
  // ECS asks a task to stop before it leaves RUNNING: desiredStatus turns STOPPED from DEACTIVATING on.
  const bool stopping = status >= TaskStatus::kDeactivating || !reason.empty();
  nlohmann::json detail{{"clusterArn", bus.arn("ecs", "cluster/" + cluster)},
                        {"taskArn", task_arn},
                        {"taskDefinitionArn", bus.arn("ecs", "task-definition/" + task.definition().id())},
                        {"group", group},
                        {"lastStatus", task_status_name(status)},
                        {"desiredStatus", stopping ? "STOPPED" : "RUNNING"},
                        {"availabilityZone", task.availability_zone()}};
  if (!reason.empty()) detail["stoppedReason"] = reason;
  if (!task.instance_id().empty())
    detail["containerInstanceArn"] = bus.arn("ecs", "container-instance/" + cluster + "/" + task.instance_id());
  return {"aws.ecs", "ECS Task State Change", nlohmann::json::array({task_arn}), std::move(detail)};
}

Task::Task(const TaskLaunchSpec& spec, TaskLifecycleListener& listener, std::size_t deployment,
           const TaskDefinition& definition, LaunchPlatform& platform, std::string id, std::string availability_zone,
           std::string ip_address)
    : spec_(spec),
      listener_(listener),
      deployment_(deployment),
      definition_(definition),
      container_(definition.serving_container(spec.serving_container)),
      platform_(platform),
      id_(std::move(id)),
      availability_zone_(std::move(availability_zone)),
      ip_address_(std::move(ip_address)) {}

namespace {
// What a task of `td` serving from `container` asks of its platform: CPU and memory reserved as ECS
// counts them (task level, else the containers' sum; memory the soft limit where given), ports, image.
TaskNeeds task_needs_of(const TaskDefinition& td, const ContainerDefinition& container, std::string group,
                        int container_port, const std::string& availability_zone, const PlacementPolicy* policy) {
  TaskNeeds needs;
  needs.family = td.family;
  needs.group = std::move(group);
  TaskReservation r = td.reservation();
  needs.cpu_units = r.cpu_units;
  needs.memory_mib = r.memory_mib;
  needs.cpu_limit_units = td.cpu_units.value_or(0);
  needs.arm64 = td.arm64;
  needs.vcpu = r.cpu_units / 1024.0;
  needs.memory_gib = r.memory_mib / 1024.0;
  needs.network_mode = td.network_mode == "awsvpc" ? NetworkMode::kAwsvpc
                       : td.network_mode == "host" ? NetworkMode::kHost
                                                   : NetworkMode::kBridge;
  for (const ContainerDefinition& cd : td.containers) {
    for (const PortMapping& pm : cd.port_mappings) {
      if (needs.network_mode == NetworkMode::kAwsvpc) continue;
      int host = needs.network_mode == NetworkMode::kHost ? pm.container_port : pm.host_port;
      if (host == 0)
        ++needs.dynamic_host_ports;
      else
        needs.static_host_ports.push_back(host);
    }
  }
  needs.container_port = container_port;
  needs.image = container.image;
  needs.availability_zone = availability_zone;
  needs.policy = policy;
  return needs;
}

Duration seconds_from(const Distribution& d, Rng& rng) { return Duration::from_seconds(std::max(0.0, d.sample(rng))); }
}  // namespace

void Task::set_status(TaskStatus s, const std::string& reason) {
  status_ = s;
  listener_.on_task_status(*this, s, reason);
}

void Task::start() {
  set_status(TaskStatus::kProvisioning);
  platform_.request(
      task_needs_of(definition_, container_, spec_.group, spec_.container_port, availability_zone_, spec_.placement),
      *this, *spec_.lifecycle_rng);
}

void Task::on_placed(const Placement& placement) {
  placement_ = placement;
  placed_ = true;
  if (!placement.availability_zone.empty() && placement.availability_zone != availability_zone_) {
    listener_.on_task_zone_changed(availability_zone_, placement.availability_zone);
    availability_zone_ = placement.availability_zone;
  }
  Engine& engine = spec_.context->engine;
  timers_.push_back(engine.schedule_after<&Task::on_provisioned>(placement_.provisioning, this));
}

void Task::on_unplaceable(const std::string& reason) {
  listener_.on_task_unplaceable(reason);
  stop(reason, false);
}

void Task::on_host_lost(const std::string& reason, bool graceful) { stop(reason, graceful); }

void Task::on_provisioned(std::uint64_t) {
  set_status(TaskStatus::kPending);
  // EFS volumes are mounted while the task's resources are set up, before its images are pulled.
  for (const EfsVolume& v : definition_.efs_volumes) {
    std::string failure = v.storage->mount_failure(availability_zone_);
    if (!failure.empty()) {
      fail(failure, false);
      return;
    }
  }
  platform_.pull_started(placement_.ticket, spec_.context->engine.now());
  // The agent gets the execution role's (or the instance role's) credentials before it pulls: a role that lacks a
  // permission stops the task.
  const std::string& denied = definition_.access.failure_on(placement_.instance_profile);
  if (!denied.empty() || placement_.pull_fails) {
    fail(denied.empty() ? placement_.failure : denied, false);
    return;
  }
  timers_.push_back(spec_.context->engine.schedule_after<&Task::on_pulled>(placement_.pull, this));
}

void Task::on_pulled(std::uint64_t) {
  Engine& engine = spec_.context->engine;
  // ACTIVATING covers ENI and load balancer set-up; neither takes simulated time here.
  set_status(TaskStatus::kActivating);
  server_ = std::make_unique<TaskServer>(engine, placement_.vcpu, container_.max_concurrency, spec_.busy);
  server_->share_cpu(placement_.cpu_host, placement_.cpu_ticket);
  if (FileStorage* storage = definition_.request_storage(container_))
    io_ = std::make_unique<FileIoPhase>(*storage, *server_);
  // A task role that may not receive or delete the queue's messages leaves the worker with nothing to process.
  if (MessageQueue* queue = definition_.access.queue_denied ? nullptr : spec_.queue)
    worker_ = std::make_unique<QueueWorker>(*queue, *server_, container_.pollers);
  ever_running_ = true;
  running_since_ = engine.now();
  Rng& rng = *spec_.lifecycle_rng;
  // Drawn only for definitions that model memory, so other scenarios draw the same numbers as before.
  for (const ContainerDefinition& c : definition_.containers) {
    if (c.memory_use_mib) memory_use_mib_ += std::max(0.0, c.memory_use_mib->sample(rng));
  }
  set_status(TaskStatus::kRunning);
  // Scheduled before the targets register, so an app with no start-up time answers the first check.
  timers_.push_back(engine.schedule_after<&Task::on_app_ready>(seconds_from(container_.startup_s, rng), this));
  if (spec_.load_balancing != nullptr) {
    targets_ = spec_.load_balancing->register_targets(
        *this, placement_.target_address.empty() ? ip_address_ : placement_.target_address, placement_.target_port,
        placement_.security_groups);
  }
  if (container_.crash_after_s) {
    timers_.push_back(engine.schedule_after<&Task::on_crash>(seconds_from(*container_.crash_after_s, rng), this));
  }
  if (container_.run_time_s) {
    timers_.push_back(engine.schedule_after<&Task::on_run_complete>(seconds_from(*container_.run_time_s, rng), this));
  }
  const std::optional<Duration>& matures = spec_.healthy_after_running;
  if (targets_.empty() && matures) timers_.push_back(engine.schedule_after<&Task::on_matured>(*matures, this));
}

void Task::on_matured(std::uint64_t) { set_healthy(true); }

void Task::set_healthy(bool healthy) {
  if (healthy == healthy_) return;
  healthy_ = healthy;
  listener_.on_task_health(*this);
}

void Task::on_target_healthy(const std::string& target_group) {
  if (std::find(healthy_in_.begin(), healthy_in_.end(), target_group) == healthy_in_.end())
    healthy_in_.push_back(target_group);
  set_healthy(healthy_in_.size() == targets_.size());
}

void Task::on_app_ready(std::uint64_t) {
  app_ready_ = true;
  if (worker_) worker_->start();
}

ProbeAnswer Task::probe_answer() const {
  if (!app_ready_ || status_ != TaskStatus::kRunning) return ProbeAnswer::kRefused;
  return container_.fail_health_checks ? ProbeAnswer::kFailing : ProbeAnswer::kHealthy;
}

void Task::on_target_unhealthy(const std::string& target_group, const std::string&) {
  healthy_in_.erase(std::remove(healthy_in_.begin(), healthy_in_.end(), target_group), healthy_in_.end());
  set_healthy(false);
  if (spec_.load_balancing != nullptr) spec_.load_balancing->on_task_unhealthy(*this, target_group);
}

void Task::on_crash(std::uint64_t) {
  fail("Essential container in task exited (exit code " + std::to_string(container_.exit_code) + ")", false);
}

void Task::fail(const std::string& reason, bool graceful) {
  if (status_ >= TaskStatus::kDeactivating) return;
  listener_.on_task_failed(*this);
  stop(reason, graceful);
}

// A run-to-completion container (x-fleetsim.runTime) exits 0 and, being essential, stops the task.
void Task::on_run_complete(std::uint64_t) { stop("Essential container in task exited (exit code 0)", false); }

void Task::stop(const std::string& reason, bool graceful) {
  if (status_ >= TaskStatus::kDeactivating) return;
  Engine& engine = spec_.context->engine;
  for (EventId& t : timers_) engine.cancel(t);
  timers_.clear();
  stopped_reason_ = reason;
  if (worker_) worker_->stop();
  if (!placed_) {
    // Still waiting for capacity: nothing ran, nothing to release.
    platform_.withdraw(*this);
    set_status(TaskStatus::kStopped, stopped_reason_);
    return;
  }
  if (status_ != TaskStatus::kRunning) {
    after_drain();
    return;
  }
  set_status(TaskStatus::kDeactivating, reason);
  // A dead container's connections reset at once; a live one keeps serving while its targets drain
  // (deregistration delay), as the ECS stop sequence has it (aws-facts §8 "Stop sequence").
  if (!graceful) drop_requests();
  draining_ = targets_.size();
  if (spec_.load_balancing != nullptr) spec_.load_balancing->deregister_targets(targets_);
  targets_.clear();
  if (draining_ == 0) after_drain();
}

void Task::on_target_drained() {
  if (draining_ > 0 && --draining_ == 0) after_drain();
}

void Task::after_drain() {
  Engine& engine = spec_.context->engine;
  set_status(TaskStatus::kStopping, stopped_reason_);
  // SIGTERM: the app exits; whatever it still held (requests the ALB already answered 504 or cut) goes.
  if (server_) drop_requests();
  set_status(TaskStatus::kDeprovisioning, stopped_reason_);
  timers_.push_back(
      engine.schedule_after<&Task::on_deprovisioned>(platform_.deprovisioning(*spec_.lifecycle_rng), this));
}

void Task::drop_requests() {
  server_->drop_all();
  if (io_) io_->drop_all();
}

void Task::on_deprovisioned(std::uint64_t) {
  timers_.clear();
  platform_.released(placement_.ticket, spec_.context->engine.now());
  worker_.reset();
  io_.reset();
  server_.reset();
  set_status(TaskStatus::kStopped, stopped_reason_);
}

}  // namespace fleetsim
