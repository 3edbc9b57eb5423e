#include "models/ecs/task.hpp"

#include <algorithm>

#include "models/ecs/service.hpp"

namespace fleetsim {

const char* task_status_name(TaskStatus s) {
  static const char* const kNames[] = {"PROVISIONING", "PENDING",  "ACTIVATING",     "RUNNING",
                                       "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED"};
  return kNames[static_cast<int>(s)];
}

Task::Task(Service& service, const TaskDefinition& definition, LaunchPlatform& platform, std::string id,
           std::string availability_zone, std::string ip_address)
    : service_(service),
      definition_(definition),
      container_(definition.serving_container(service.config().load_balancers.empty()
                                                  ? std::string()
                                                  : service.config().load_balancers.front().container_name)),
      platform_(platform),
      id_(std::move(id)),
      availability_zone_(std::move(availability_zone)),
      ip_address_(std::move(ip_address)) {}

namespace {
Duration seconds_from(const Distribution& d, Rng& rng) { return Duration::from_seconds(std::max(0.0, d.sample(rng))); }
}  // namespace

void Task::set_status(TaskStatus s, const std::string& reason) {
  status_ = s;
  service_.on_task_status(*this, s, reason);
}

void Task::start() {
  set_status(TaskStatus::kProvisioning);
  platform_.request(service_.task_needs(container_, availability_zone_), *this, service_.lifecycle_rng());
}

void Task::on_placed(const Placement& placement) {
  placement_ = placement;
  placed_ = true;
  if (!placement.availability_zone.empty() && placement.availability_zone != availability_zone_) {
    service_.on_task_zone_changed(availability_zone_, placement.availability_zone);
    availability_zone_ = placement.availability_zone;
  }
  Engine& engine = service_.context().engine;
  timers_.push_back(engine.schedule_after<&Task::on_provisioned>(placement_.provisioning, this));
}

void Task::on_unplaceable(const std::string& reason) {
  service_.on_task_unplaceable(reason);
  stop(reason, false);
}

void Task::on_host_lost(const std::string& reason, bool graceful) { stop(reason, graceful); }

void Task::on_provisioned(std::uint64_t) {
  set_status(TaskStatus::kPending);
  platform_.pull_started(placement_.ticket, service_.context().engine.now());
  if (placement_.pull_fails) {
    stop(placement_.failure, false);
    return;
  }
  timers_.push_back(service_.context().engine.schedule_after<&Task::on_pulled>(placement_.pull, this));
}

void Task::on_pulled(std::uint64_t) {
  Engine& engine = service_.context().engine;
  // ACTIVATING covers ENI and load balancer set-up; neither takes simulated time here.
  set_status(TaskStatus::kActivating);
  server_ = std::make_unique<TaskServer>(engine, placement_.vcpu, container_.max_concurrency, &service_);
  server_->share_cpu(placement_.cpu_host, placement_.cpu_ticket);
  if (MessageQueue* queue = service_.config().queue) worker_ = std::make_unique<QueueWorker>(*queue, *server_, container_.pollers);
  ever_running_ = true;
  running_since_ = engine.now();
  set_status(TaskStatus::kRunning);
  Rng& rng = service_.lifecycle_rng();
  // Scheduled before the targets register, so an app with no start-up time answers the first check.
  timers_.push_back(engine.schedule_after<&Task::on_app_ready>(seconds_from(container_.startup_s, rng), this));
  targets_ = service_.register_targets(*this, placement_.target_address.empty() ? ip_address_ : placement_.target_address,
                                       placement_.target_port, placement_.security_groups);
  if (container_.crash_after_s) {
    timers_.push_back(engine.schedule_after<&Task::on_crash>(seconds_from(*container_.crash_after_s, rng), this));
  }
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
  service_.on_task_unhealthy(*this, target_group);
}

void Task::on_crash(std::uint64_t) {
  stop("Essential container in task exited (exit code " + std::to_string(container_.exit_code) + ")", false);
}

void Task::stop(const std::string& reason, bool graceful) {
  if (status_ >= TaskStatus::kDeactivating) return;
  Engine& engine = service_.context().engine;
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
  if (!graceful) server_->drop_all();
  draining_ = targets_.size();
  service_.deregister_targets(targets_);
  targets_.clear();
  if (draining_ == 0) after_drain();
}

void Task::on_target_drained() {
  if (draining_ > 0 && --draining_ == 0) after_drain();
}

void Task::after_drain() {
  Engine& engine = service_.context().engine;
  set_status(TaskStatus::kStopping, stopped_reason_);
  // SIGTERM: the app exits; whatever it still held (requests the ALB already answered 504 or cut) goes.
  if (server_) server_->drop_all();
  set_status(TaskStatus::kDeprovisioning, stopped_reason_);
  timers_.push_back(engine.schedule_after<&Task::on_deprovisioned>(platform_.deprovisioning(service_.lifecycle_rng()), this));
}

void Task::on_deprovisioned(std::uint64_t) {
  timers_.clear();
  platform_.released(placement_.ticket, service_.context().engine.now());
  worker_.reset();
  server_.reset();
  set_status(TaskStatus::kStopped, stopped_reason_);
}

}  // namespace fleetsim
