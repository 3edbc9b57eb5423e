#include "models/ecs/service.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "models/api/latency_summary.hpp"
#include "sim/random/stream_seed.hpp"

namespace fleetsim {

Service::Service(RunContext& ctx, ServiceConfig config, IpAllocator& ips)
    : ctx_(ctx),
      config_(std::move(config)),
      ips_(ips),
      lifecycle_rng_(ctx.stream("service/" + config_.name + "/lifecycle")),
      provider_counts_(config_.providers.size(), 0),
      zone_counts_(config_.availability_zones.size(), 0) {
  std::string dims = make_dimensions({{"ClusterName", config_.cluster}, {"ServiceName", config_.name}});
  running_ = ctx.metrics.add_gauge({"ECS/ContainerInsights", "RunningTaskCount", dims});
  desired_ = ctx.metrics.add_gauge({"ECS/ContainerInsights", "DesiredTaskCount", dims}, config_.desired_count);
  pending_ = ctx.metrics.add_gauge({"ECS/ContainerInsights", "PendingTaskCount", dims});
  cpu_ = ctx.metrics.add_ratio({"AWS/ECS", "CPUUtilization", dims});
  // Memory used / memory reserved, the soft limit where given, else the hard one (aws-facts §1.3).
  if (config_.definition->models_memory()) memory_ = ctx.metrics.add_ratio({"AWS/ECS", "MemoryUtilization", dims});
  ctx.metrics.add_listener(this);
  // simulation.warmup: counts, peaks, CPU periods and elasticity restart; the running mean starts there.
  ctx.on_window_open([this](SimTime at) {
    before_window_ = counts_;
    scale_outs_before_ = scale_outs_;
    scale_ins_before_ = scale_ins_;
    peak_running_ = running_count_;
    window_open_.emplace(at, running_source_.signal().integral(at));
    cpu_periods_ = {};
    elasticity_ = {};
  });
  launch_.context = &ctx_;
  launch_.lifecycle_rng = &lifecycle_rng_;
  launch_.group = "service:" + config_.name;
  launch_.placement = &config_.placement;
  if (!config_.load_balancers.empty()) {
    launch_.serving_container = config_.load_balancers.front().container_name;
    launch_.container_port = config_.load_balancers.front().container_port;
  }
  launch_.queue = config_.queue;
  launch_.healthy_after_running = config_.scheduler.healthy_after_running;
  launch_.busy = this;
  launch_.load_balancing = this;
}

Service::~Service() = default;

void Service::start() { start_deployment(*config_.definition, false); }

void Service::set_desired_count(int count) {
  config_.desired_count = count;
  ctx_.metrics.set(desired_, ctx_.engine.now(), count);
  reconcile();
}

void Service::deploy(const TaskDefinition& definition) { start_deployment(definition, false); }

void Service::start_deployment(const TaskDefinition& definition, bool rollback) {
  // Deployment ids look like ECS's ("ecs-svc/" and 19 digits) and depend only on the service name and
  // the deployment's number.
  std::uint64_t h = stream_seed(deployments_.size(), "deployment/" + config_.name) % 10000000000000000000ULL;
  char id[32];
  std::snprintf(id, sizeof id, "ecs-svc/%019llu", static_cast<unsigned long long>(h));
  Deployment d;
  d.id = id;
  d.definition = &definition;
  d.created = ctx_.engine.now();
  deployments_.push_back(d);
  config_.definition = &definition;
  // "The back-off resets when the task definition is updated" (aws-facts §8 "Service throttle logic").
  start_failures_ = 0;
  ctx_.engine.cancel(launch_hold_);
  launch_hold_ = EventId{};
  set_rollout_state(
      deployments_.back(), rollback ? RolloutState::kRollbackInProgress : RolloutState::kInProgress,
      rollback ? "rolling back to " + definition.id() + " after a failed deployment" : "deploying " + definition.id());
  reconcile();
}

void Service::set_rollout_state(Deployment& d, RolloutState state, const std::string& reason) {
  d.state = state;
  if (!d.in_progress()) d.finished = ctx_.engine.now();
  if (ctx_.events.enabled()) {
    ctx_.events.emit(ctx_.engine.now(), "DeploymentStateChange",
                     {{"service", config_.name},
                      {"deploymentId", d.id},
                      {"taskDefinition", d.definition->id()},
                      {"state", rollout_state_name(state)},
                      {"reason", reason}});
  }
  publish_event(ctx_, [&](const EventBus& bus) { return deployment_state_change_event(bus, d, state, reason); });
}

BusEvent Service::deployment_state_change_event(const EventBus& bus, const Deployment& d, RolloutState state,
                                                const std::string& reason) const {
  // ECS developer guide, "Amazon ECS service deployment state change events": a rollback's deployment is in
  // progress and then completed like any other; only a failure is an ERROR.
  const bool failed = state == RolloutState::kFailed;
  const bool done = state == RolloutState::kCompleted || state == RolloutState::kRollbackCompleted;
  const char* name = failed ? "SERVICE_DEPLOYMENT_FAILED"
                     : done ? "SERVICE_DEPLOYMENT_COMPLETED"
                            : "SERVICE_DEPLOYMENT_IN_PROGRESS";
  return {"aws.ecs",
          "ECS Deployment State Change",
          nlohmann::json::array({bus.arn("ecs", "service/" + config_.cluster + "/" + config_.name)}),
          {{"eventType", failed ? "ERROR" : "INFO"}, {"eventName", name}, {"deploymentId", d.id}, {"reason", reason}}};
}

// Tasks that count toward desiredCount: the ones stopping (draining) no longer do, as in ECS.
void Service::kill_tasks(int count, double percent) {
  std::vector<Task*> running;
  for (const auto& t : tasks_) {
    if (t->status() == TaskStatus::kRunning) running.push_back(t.get());
  }
  if (percent > 0) count = static_cast<int>(std::ceil(percent / 100.0 * static_cast<double>(running.size())));
  // The oldest first: deterministic, and the tasks a real fault is no more likely to spare.
  running.resize(std::min(running.size(), static_cast<std::size_t>(std::max(count, 0))));
  for (Task* t : running) t->fail("Essential container in task exited (killed by the scenario's timeline)", false);
}

void Service::reconcile() {
  // Stopping or launching a task can call back here (its status changes); the outer call repeats
  // instead, so one pass always sees a settled list of tasks.
  if (reconciling_) {
    reconcile_again_ = true;
    return;
  }
  reconciling_ = true;
  do {
    reconcile_again_ = false;
    reconcile_once();
  } while (reconcile_again_);
  reconciling_ = false;
}

// One pass of the service scheduler. Tasks of older deployments go as minimumHealthyPercent allows,
// tasks of the PRIMARY one start as maximumPercent allows (aws-facts §8 "Batch semantics"); in steady
// state (one deployment) this is plain replacement and scale-in.
void Service::reconcile_once() {
  const std::size_t primary = deployments_.size() - 1;
  Deployment& current = deployments_.back();
  const int desired = config_.desired_count;
  const RolloutBounds bounds = RolloutBounds::of(config_.deployment, desired);
  // The circuit breaker stopped this deployment and nothing rolls it back: it launches no more tasks
  // (API DeploymentCircuitBreaker: "transition to a failed state and stop launching new tasks").
  const bool halted = current.state == RolloutState::kFailed;
  std::vector<Task*> ours, older;
  int healthy = 0;
  for (const auto& t : tasks_) {
    if (t->status() >= TaskStatus::kDeactivating) continue;
    (t->deployment() == primary ? ours : older).push_back(t.get());
    healthy += t->healthy();
  }
  std::vector<Task*> stops;
  // Scale-in: newest tasks first, so the longest-running ones (warm, healthy) stay.
  for (std::size_t i = ours.size(); i-- > static_cast<std::size_t>(std::max(desired, 0));) {
    stops.push_back(ours[i]);
    healthy -= ours[i]->healthy();
  }
  if (!halted) {
    // Older deployments' tasks that do not count as healthy go at once; healthy ones only while
    // enough healthy tasks remain: a failed deployment's first (in a rollback they are what failed),
    // then the oldest.
    auto rank = [&](Task* t) {
      return t->healthy() ? (deployments_[t->deployment()].state == RolloutState::kFailed ? 1 : 2) : 0;
    };
    std::stable_sort(older.begin(), older.end(), [&](Task* a, Task* b) { return rank(a) < rank(b); });
    int budget = bounds.may_stop(healthy);
    for (Task* t : older) {
      if (t->healthy() && budget-- <= 0) break;
      stops.push_back(t);
    }
  }
  const std::string reason = "Scaling activity initiated by (deployment " + current.id + ")";
  for (Task* t : stops) t->stop(reason, true);
  if (!halted) {
    int live = 0, mine = 0;
    for (const auto& t : tasks_) {
      if (t->status() >= TaskStatus::kDeactivating) continue;
      ++live;
      mine += t->deployment() == primary;
    }
    // A launch that cannot be placed stops at once and arms the retry timer, which ends the loop.
    for (; mine < desired && live < bounds.max_tasks && !placement_retry_ && !launch_hold_; ++mine, ++live)
      launch_task();
  }
  if (current.in_progress()) track_rollout(current, primary);
}

void Service::track_rollout(Deployment& current, std::size_t primary) {
  int live = 0, healthy = 0, mine_healthy = 0, mine = 0;
  bool others = false;
  for (const auto& t : tasks_) {
    others |= t->deployment() != primary;  // draining ones too: "the old one is gone" only at STOPPED
    if (t->status() >= TaskStatus::kDeactivating) continue;
    ++live;
    healthy += t->healthy();
    mine += t->deployment() == primary;
    mine_healthy += t->deployment() == primary && t->healthy();
  }
  current.min_healthy_seen = std::min(current.min_healthy_seen, healthy);
  current.max_tasks_seen = std::max(current.max_tasks_seen, live);
  if (!others && mine == config_.desired_count && mine_healthy == mine) {
    bool rollback = current.state == RolloutState::kRollbackInProgress;
    set_rollout_state(current, rollback ? RolloutState::kRollbackCompleted : RolloutState::kCompleted,
                      "ECS deployment " + current.id + " completed.");
  }
}

void Service::on_task_failed(Task& task) {
  if (!task.ever_running()) {
    // Restart throttling (aws-facts §8 "Service throttle logic"): tasks that keep failing before
    // RUNNING are retried with a growing back-off.
    Duration wait = config_.scheduler.restart_backoff(++start_failures_);
    if (wait.us() > 0 && !launch_hold_)
      launch_hold_ = ctx_.engine.schedule_after<&Service::on_launch_hold_over>(wait, this);
  }
  Deployment& d = deployments_[task.deployment()];
  if (!config_.deployment.circuit_breaker || !d.in_progress() || task.deployment() + 1 != deployments_.size()) return;
  // Both stages count one a task (aws-facts §8 "Circuit breaker stages"): before RUNNING, a task that
  // never got there; after, one that failed its health checks or whose essential container exited.
  ++d.failed_tasks;
  if (d.failed_tasks == config_.scheduler.circuit_breaker_threshold(config_.desired_count)) {
    // Decided after the failing task has stopped with its own reason, not inside its stop.
    ctx_.engine.schedule_after<&Service::on_circuit_breaker_tripped>(Duration::micros(0), this, task.deployment());
  }
}

void Service::on_circuit_breaker_tripped(std::uint64_t index) {
  Deployment& d = deployments_[index];
  if (!d.in_progress() || index + 1 != deployments_.size()) return;
  bool was_rollback = d.state == RolloutState::kRollbackInProgress;
  set_rollout_state(d, RolloutState::kFailed,
                    "ECS deployment circuit breaker: " + std::to_string(d.failed_tasks) +
                        " tasks failed to start or stay healthy (threshold " +
                        std::to_string(config_.scheduler.circuit_breaker_threshold(config_.desired_count)) + ")");
  // Rollback goes to the last COMPLETED deployment; a failed rollback is not rolled back again.
  if (config_.deployment.rollback && !was_rollback) {
    for (std::size_t i = index; i-- > 0;) {
      const Deployment& earlier = deployments_[i];
      if (earlier.state == RolloutState::kCompleted || earlier.state == RolloutState::kRollbackCompleted) {
        start_deployment(*earlier.definition, true);
        return;
      }
    }
  }
  reconcile();
}

void Service::on_task_health(Task&) { reconcile(); }

void Service::on_launch_hold_over(std::uint64_t) {
  launch_hold_ = EventId{};
  reconcile();
}

void Service::add_memory(SimTime now, double used_mib, double reserved_mib) {
  if (!memory_) return;
  ctx_.metrics.add_ratio_terms(*memory_, now, used_mib, reserved_mib);
  memory_source_.add(now, used_mib, reserved_mib);
}

void Service::on_task_zone_changed(const std::string& from, const std::string& to) {
  for (std::size_t i = 0; i < config_.availability_zones.size(); ++i) {
    if (config_.availability_zones[i] == from) --zone_counts_[i];
    if (config_.availability_zones[i] == to) ++zone_counts_[i];
  }
}

void Service::on_task_unplaceable(const std::string& reason) {
  ++counts_.placement_failures;
  if (ctx_.events.enabled())
    ctx_.events.emit(ctx_.engine.now(), "ServiceEvent", {{"service", config_.name}, {"message", reason}});
  if (!placement_retry_) {
    placement_retry_ =
        ctx_.engine.schedule_after<&Service::on_placement_retry>(config_.scheduler.placement_retry, this);
  }
}

void Service::on_placement_retry(std::uint64_t) {
  placement_retry_ = EventId{};
  reconcile();
}

std::size_t choose_provider(const std::vector<ProviderShare>& providers, const std::vector<int>& counts) {
  // Bases first, in strategy order; then the provider furthest below its weighted share.
  for (std::size_t i = 0; i < providers.size(); ++i) {
    if (counts[i] < providers[i].base) return i;
  }
  std::size_t best = 0;
  double best_score = INFINITY;
  for (std::size_t i = 0; i < providers.size(); ++i) {
    const ProviderShare& p = providers[i];
    if (p.weight <= 0) continue;
    double score = (counts[i] - p.base + 1.0) / p.weight;
    if (score < best_score) {
      best_score = score;
      best = i;
    }
  }
  return best;
}

std::string task_id(std::uint64_t serial, const std::string& owner) {
  std::uint64_t a = stream_seed(serial, owner);
  std::uint64_t b = stream_seed(a, "task-id");
  char id[33];
  std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return id;
}

std::size_t Service::choose_availability_zone() const {
  // Fargate spreads a service's tasks across its AZs (aws-facts §4 "Fargate"): fewest first, ties in
  // order, never a dark AZ (during an outage the spread is over the AZs still up).
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < zone_counts_.size(); ++i) {
    if (config_.zone_health != nullptr && !config_.zone_health->up(config_.availability_zones[i])) continue;
    if (!best || zone_counts_[i] < zone_counts_[*best]) best = i;
  }
  // Every AZ of the service dark: the first is used (a limitation, models/faults/README.md).
  return best.value_or(0);
}

void Service::launch_task() {
  std::size_t provider = choose_provider(config_.providers, provider_counts_);
  ++provider_counts_[provider];
  std::string id = task_id(serial_++, config_.name);
  ++counts_.launched;
  std::size_t zone = choose_availability_zone();
  ++zone_counts_[zone];
  tasks_.push_back(std::make_unique<Task>(launch_, *this, deployments_.size() - 1, *deployments_.back().definition,
                                          *config_.providers[provider].platform, id, config_.availability_zones[zone],
                                          ips_.next()));
  ctx_.metrics.add(pending_, ctx_.engine.now(), 1);
  tasks_.back()->start();
}

void Service::on_task_status(Task& task, TaskStatus status, const std::string& reason) {
  SimTime now = ctx_.engine.now();
  if (ctx_.events.enabled())
    ctx_.events.emit(now, "TaskStateChange", task_state_change(task, "service", config_.name, status, reason));
  publish_event(ctx_, [&](const EventBus& bus) {
    return task_state_change_event(bus, task, config_.cluster, "service:" + config_.name, status, reason);
  });
  double vcpu = task.definition().cpu_units.value_or(task.definition().serving_container().cpu_units) / 1024.0;
  switch (status) {
    case TaskStatus::kRunning:
      start_failures_ = 0;  // throttling is for tasks that keep failing before RUNNING
      ctx_.metrics.add(pending_, now, -1);
      ctx_.metrics.add(running_, now, 1);
      running_source_.add(now, 1);
      ctx_.metrics.add_ratio_terms(cpu_, now, 0, vcpu);
      reserved_vcpus_ += vcpu;
      reserved_area_.add(now, vcpu);
      add_memory(now, task.memory_use_mib(), task.definition().reservation().memory_mib);
      peak_running_ = std::max(peak_running_, ++running_count_);
      break;
    case TaskStatus::kDeactivating:
      ctx_.metrics.add(running_, now, -1);
      running_source_.add(now, -1);
      --running_count_;
      reconcile();  // a stopping task no longer counts toward desiredCount: its replacement starts now
      break;
    case TaskStatus::kStopping:
      if (!task.ever_running()) {
        ++counts_.failed_to_start;
        ctx_.metrics.add(pending_, now, -1);
      } else {
        // A draining task keeps serving until it stops, so its CPU stays in both terms of
        // CPUUtilization until then; releasing only the reservation at DEACTIVATING put the ratio
        // above 100% whenever overloaded tasks were replaced.
        ctx_.metrics.add_ratio_terms(cpu_, now, 0, -vcpu);
        reserved_vcpus_ -= vcpu;
        reserved_area_.add(now, -vcpu);
        add_memory(now, -task.memory_use_mib(), -task.definition().reservation().memory_mib);
      }
      if (!task.ever_running()) reconcile();  // it left the tasks that count only now
      break;
    case TaskStatus::kStopped: {
      ++counts_.stopped;
      auto it = std::find_if(tasks_.begin(), tasks_.end(), [&](const auto& t) { return t.get() == &task; });
      if (it != tasks_.end()) {
        for (std::size_t i = 0; i < config_.providers.size(); ++i) {
          if (config_.providers[i].platform == &(*it)->platform()) --provider_counts_[i];
        }
        for (std::size_t i = 0; i < config_.availability_zones.size(); ++i) {
          if (config_.availability_zones[i] == (*it)->availability_zone()) --zone_counts_[i];
        }
        retired_.push_back(std::move(*it));
        tasks_.erase(it);
      }
      reconcile();  // replace it: the service scheduler keeps desiredCount tasks
      break;
    }
    default:
      break;
  }
}

std::vector<TargetHandle> Service::register_targets(Task& task, const std::string& address, int port,
                                                    const std::vector<std::string>& host_groups) {
  std::vector<TargetHandle> handles;
  // awsvpc tasks have their own ENI and groups; bridge and host tasks receive through the instance's.
  const std::vector<std::string>& groups =
      task.definition().network_mode == "awsvpc" ? config_.security_groups : host_groups;
  for (const TargetBinding& b : config_.load_balancers) {
    int target_port = port != 0 ? port : b.container_port;
    std::string id = address + ":" + std::to_string(target_port);
    bool reachable = config_.traffic == nullptr ||
                     config_.traffic->allows(b.group->source_security_groups(), groups, target_port, target_port);
    handles.push_back(b.group->register_target(&task, TargetInfo{id, task.availability_zone(), reachable}, &task));
  }
  return handles;
}

void Service::deregister_targets(const std::vector<TargetHandle>& handles) {
  for (std::size_t i = 0; i < handles.size(); ++i) config_.load_balancers[i].group->deregister_target(handles[i]);
}

void Service::on_task_unhealthy(Task& task, const std::string& target_group) {
  // The scheduler ignores ELB health for the grace period after RUNNING (aws-facts §7
  // "ECS health-check grace period"); after it, an unhealthy task is stopped and replaced.
  if (ctx_.engine.now() - task.running_since() < config_.health_check_grace) return;
  task.fail("Task failed ELB health checks in (target-group " + target_group + ")", true);
}

void Service::on_busy_change(SimTime now, double delta) {
  busy_vcpus_ += delta;
  busy_area_.add(now, delta);
  ctx_.metrics.add_ratio_terms(cpu_, now, delta, 0);
}

void Service::set_capacity(int capacity, const std::string& policy, const std::string& reason) {
  int from = config_.desired_count;
  if (capacity == from) return;
  ++(capacity > from ? scale_outs_ : scale_ins_);
  if (ctx_.events.enabled()) {
    ctx_.events.emit(
        ctx_.engine.now(), "ServiceScalingAction",
        {{"service", config_.name}, {"from", from}, {"to", capacity}, {"policy", policy}, {"reason", reason}});
  }
  set_desired_count(capacity);
}

MetricTotals Service::totals(SimTime now) const {
  return {now, busy_area_.integral(now), reserved_area_.integral(now)};
}

std::optional<Datapoint> Service::datapoint(const MetricTotals& from, const MetricTotals& to) const {
  // CPUUtilization = CPU used / CPU reserved by the service's tasks x 100 (aws-facts §1.3); no
  // datapoint while no task runs (aws-facts §2 "ECS metrics when no tasks run"). SampleCount is
  // the running task count (aws-facts §2 "Service RUNNING task count"), here its mean.
  double reserved = to.basis - from.basis;
  if (reserved <= 0 || to.at <= from.at) return std::nullopt;
  double task_vcpu = config_.definition->cpu_units.value_or(1024) / 1024.0;
  return Datapoint{100.0 * (to.amount - from.amount) / reserved,
                   reserved / static_cast<double>((to.at - from.at).us()) / task_vcpu};
}

void Service::on_period_end(SimTime, Duration) { retired_.clear(); }

void Service::on_period_closed(SimTime, Duration period) {
  double cpu = ctx_.metrics.last_value(cpu_);
  if (!std::isnan(cpu)) cpu_periods_.add(cpu);
  // Elasticity (SPEC RG cloud metrics): demand is the tasks needed to keep the offered CPU work at or
  // under 100% of the tasks' vCPUs; supply is the mean number of running tasks in the period.
  double offered_ms = 0;
  for (const TargetBinding& b : config_.load_balancers) offered_ms += b.group->take_offered_cpu_ms();
  if (config_.queue)
    offered_ms += config_.queue->take_offered_cpu_ms();  // a queue worker's demand is the messages sent
  double task_vcpu = config_.definition->cpu_units.value_or(1024) / 1024.0;
  double demand = std::ceil(offered_ms / 1000.0 / period.seconds_f() / task_vcpu);
  elasticity_.add(demand, ctx_.metrics.last_average(running_));
}

nlohmann::ordered_json Service::summary() const {
  QuantileSketch latency;
  for (const TargetBinding& b : config_.load_balancers) latency.merge(b.group->run_latency());
  double mean_running = 0;
  if (window_open_) {
    auto [start, integral_then] = *window_open_;
    mean_running = (running_source_.signal().integral(ctx_.end) - integral_then) / (ctx_.end - start).us();
  } else {
    TimeWeightedSignal whole = running_source_.signal();
    mean_running = whole.close_period(ctx_.end).average;
  }
  nlohmann::ordered_json s;
  s["tasks"] = counts_.since(before_window_).summary();
  s["tasks"]["peakRunning"] = peak_running_;
  s["tasks"]["meanRunning"] = mean_running;
  s["scaling"] = {{"scaleOuts", scale_outs_ - scale_outs_before_}, {"scaleIns", scale_ins_ - scale_ins_before_}};
  s["cpuUtilization"] = {{"mean", cpu_periods_.count ? cpu_periods_.mean() : 0.0},
                         {"max", cpu_periods_.count ? cpu_periods_.max : 0.0}};
  s["latency_ms"] = latency_summary(latency);
  s["deployments"] = nlohmann::ordered_json::array();
  for (const Deployment& d : deployments_) {
    if (window_open_ && !d.in_progress() && d.finished <= window_open_->first) continue;  // over before the window
    SimTime until = d.in_progress() ? ctx_.end : d.finished;
    nlohmann::ordered_json entry{{"id", d.id},
                                 {"taskDefinition", d.definition->id()},
                                 {"state", rollout_state_name(d.state)},
                                 {"duration_s", (until - d.created).seconds_f()},
                                 {"failedTasks", d.failed_tasks}};
    if (d.max_tasks_seen > 0) entry["minHealthyTasks"] = d.min_healthy_seen, entry["maxTasks"] = d.max_tasks_seen;
    s["deployments"].push_back(entry);
  }
  return s;
}

}  // namespace fleetsim
