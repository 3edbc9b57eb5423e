#include "models/ecs/service.hpp"

#include <algorithm>
#include <cmath>

#include "sim/random/stream_seed.hpp"

namespace fleetsim {

std::string IpAllocator::next() {
  std::uint32_t n = next_++ % 65000;
  // Skip .0-.3 of each /24: AWS reserves the first addresses of a subnet.
  return "10.0." + std::to_string(n / 250) + "." + std::to_string(n % 250 + 4);
}

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
  if (config_.definition->models_memory()) {
    // Memory used / memory reserved, the soft limit where given, else the hard one (aws-facts §1.3).
    memory_ = ctx.metrics.add_ratio({"AWS/ECS", "MemoryUtilization", dims});
    task_memory_mib_ = task_needs_of(*config_.definition, config_.definition->serving_container(), {}, 0, {}, nullptr).memory_mib;
  }
  running_whole_run_.set(0, 0);
  ctx.metrics.add_listener(this);
}

Service::~Service() = default;

void Service::start() { reconcile(); }

void Service::set_desired_count(int count) {
  config_.desired_count = count;
  ctx_.metrics.set(desired_, ctx_.engine.now(), count);
  reconcile();
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
  for (Task* t : running) t->stop("Essential container in task exited (killed by the scenario's timeline)", false);
}

int Service::live_tasks() const {
  return static_cast<int>(std::count_if(tasks_.begin(), tasks_.end(), [](const auto& t) { return t->status() < TaskStatus::kDeactivating; }));
}

void Service::reconcile() {
  // A launch that cannot be placed stops at once and arms the retry timer, which ends the loop.
  for (int live = live_tasks(); live < config_.desired_count && !placement_retry_; ++live) launch_task();
  // Scale-in: newest tasks first, so the longest-running ones (warm, healthy) stay. Victims are chosen
  // before any stops, since a task that never started leaves tasks_ at once.
  int excess = live_tasks() - config_.desired_count;
  std::vector<Task*> victims;
  for (auto it = tasks_.rbegin(); it != tasks_.rend() && static_cast<int>(victims.size()) < excess; ++it) {
    if ((*it)->status() < TaskStatus::kDeactivating) victims.push_back(it->get());
  }
  for (Task* t : victims) t->stop("Scaling activity initiated by (deployment ecs-svc)", true);
}

TaskNeeds Service::task_needs(const ContainerDefinition& container, const std::string& availability_zone) const {
  return task_needs_of(*config_.definition, container, "service:" + config_.name,
                       config_.load_balancers.empty() ? 0 : config_.load_balancers.front().container_port, availability_zone, &config_.placement);
}

std::string Service::serving_container_name() const {
  return config_.load_balancers.empty() ? std::string() : config_.load_balancers.front().container_name;
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
  ++placement_failures_;
  if (ctx_.events.enabled()) ctx_.events.emit(ctx_.engine.now(), "ServiceEvent", {{"service", config_.name}, {"message", reason}});
  if (!placement_retry_) {
    placement_retry_ = ctx_.engine.schedule_after<&Service::on_placement_retry>(config_.placement_retry, this);
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
  std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
  return id;
}

std::size_t Service::choose_availability_zone() const {
  // Fargate spreads a service's tasks across its AZs (aws-facts §4 "Fargate"): fewest first, ties in order.
  std::size_t best = 0;
  for (std::size_t i = 1; i < zone_counts_.size(); ++i) {
    if (zone_counts_[i] < zone_counts_[best]) best = i;
  }
  return best;
}

void Service::launch_task() {
  std::size_t provider = choose_provider(config_.providers, provider_counts_);
  ++provider_counts_[provider];
  std::string id = task_id(serial_++, config_.name);
  ++launched_;
  std::size_t zone = choose_availability_zone();
  ++zone_counts_[zone];
  tasks_.push_back(std::make_unique<Task>(*this, *config_.definition, *config_.providers[provider].platform, id,
                                          config_.availability_zones[zone], ips_.next()));
  ctx_.metrics.add(pending_, ctx_.engine.now(), 1);
  tasks_.back()->start();
}

void Service::on_task_status(Task& task, TaskStatus status, const std::string& reason) {
  SimTime now = ctx_.engine.now();
  if (ctx_.events.enabled()) ctx_.events.emit(now, "TaskStateChange", task_state_change(task, "service", config_.name, status, reason));
  double vcpu = task.definition().cpu_units.value_or(task.definition().serving_container().cpu_units) / 1024.0;
  switch (status) {
    case TaskStatus::kRunning:
      ctx_.metrics.add(pending_, now, -1);
      ctx_.metrics.add(running_, now, 1);
      running_whole_run_.add(now.us(), 1);
      running_source_.add(now, 1);
      ctx_.metrics.add_ratio_terms(cpu_, now, 0, vcpu);
      reserved_vcpus_ += vcpu;
      reserved_area_.add(now, vcpu);
      add_memory(now, task.memory_use_mib(), task_memory_mib_);
      peak_running_ = std::max(peak_running_, ++running_count_);
      break;
    case TaskStatus::kDeactivating:
      ctx_.metrics.add(running_, now, -1);
      running_whole_run_.add(now.us(), -1);
      running_source_.add(now, -1);
      --running_count_;
      reconcile();  // a stopping task no longer counts toward desiredCount: its replacement starts now
      break;
    case TaskStatus::kStopping:
      if (!task.ever_running()) {
        ++failed_to_start_;
        ctx_.metrics.add(pending_, now, -1);
      } else {
        // A draining task keeps serving until it stops, so its CPU stays in both terms of
        // CPUUtilization until then; releasing only the reservation at DEACTIVATING put the ratio
        // above 100% whenever overloaded tasks were replaced.
        ctx_.metrics.add_ratio_terms(cpu_, now, 0, -vcpu);
        reserved_vcpus_ -= vcpu;
        reserved_area_.add(now, -vcpu);
        add_memory(now, -task.memory_use_mib(), -task_memory_mib_);
      }
      if (!task.ever_running()) reconcile();  // it left the tasks that count only now
      break;
    case TaskStatus::kStopped: {
      ++stopped_;
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
    default: break;
  }
}

std::vector<TargetHandle> Service::register_targets(Task& task, const std::string& address, int port,
                                                    const std::vector<std::string>& host_groups) {
  std::vector<TargetHandle> handles;
  // awsvpc tasks have their own ENI and groups; bridge and host tasks receive through the instance's.
  const std::vector<std::string>& groups = config_.definition->network_mode == "awsvpc" ? config_.security_groups : host_groups;
  for (const TargetBinding& b : config_.load_balancers) {
    int target_port = port != 0 ? port : b.container_port;
    std::string id = address + ":" + std::to_string(target_port);
    bool reachable = config_.traffic == nullptr || config_.traffic->allows(b.group->source_security_groups(), groups, target_port, target_port);
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
  task.stop("Task failed ELB health checks in (target-group " + target_group + ")", true);
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
    ctx_.events.emit(ctx_.engine.now(), "ServiceScalingAction",
                     {{"service", config_.name}, {"from", from}, {"to", capacity}, {"policy", policy}, {"reason", reason}});
  }
  set_desired_count(capacity);
}

MetricTotals Service::totals(SimTime now) const { return {now, busy_area_.at(now), reserved_area_.at(now)}; }

std::optional<Datapoint> Service::datapoint(const MetricTotals& from, const MetricTotals& to) const {
  // CPUUtilization = CPU used / CPU reserved by the service's tasks x 100 (aws-facts §1.3); no
  // datapoint while no task runs (aws-facts §2 "ECS metrics when no tasks run"). SampleCount is
  // the running task count (aws-facts §2 "Service RUNNING task count"), here its mean.
  double reserved = to.basis - from.basis;
  if (reserved <= 0 || to.at <= from.at) return std::nullopt;
  double task_vcpu = config_.definition->cpu_units.value_or(1024) / 1024.0;
  return Datapoint{100.0 * (to.amount - from.amount) / reserved, reserved / static_cast<double>((to.at - from.at).us()) / task_vcpu};
}

void Service::on_period_end(SimTime, Duration) { retired_.clear(); }

void Service::on_period_closed(SimTime, Duration period) {
  double cpu = ctx_.metrics.last_value(cpu_);
  if (!std::isnan(cpu)) cpu_periods_.add(cpu);
  // Elasticity (SPEC RG cloud metrics): demand is the tasks needed to keep the offered CPU work at or
  // under 100% of the tasks' vCPUs; supply is the mean number of running tasks in the period.
  double offered_ms = 0;
  for (const TargetBinding& b : config_.load_balancers) offered_ms += b.group->take_offered_cpu_ms();
  if (config_.queue) offered_ms += config_.queue->take_offered_cpu_ms();  // a queue worker's demand is the messages sent
  double task_vcpu = config_.definition->cpu_units.value_or(1024) / 1024.0;
  double demand = std::ceil(offered_ms / 1000.0 / period.seconds_f() / task_vcpu);
  elasticity_.add(demand, ctx_.metrics.last_average(running_));
}

void Service::finish(SimTime end) { running_whole_run_.add(end.us(), 0); }

nlohmann::ordered_json Service::summary() const {
  QuantileSketch latency;
  for (const TargetBinding& b : config_.load_balancers) latency.merge(b.group->run_latency());
  TimeWeightedGauge whole = running_whole_run_;
  GaugeStats run = whole.close_period(ctx_.end.us());
  nlohmann::ordered_json s;
  s["tasks"] = {{"launched", launched_},
                {"stopped", stopped_},
                {"failedToStart", failed_to_start_},
                {"placementFailures", placement_failures_},
                {"peakRunning", peak_running_},
                {"meanRunning", run.average}};
  s["scaling"] = {{"scaleOuts", scale_outs_}, {"scaleIns", scale_ins_}};
  s["cpuUtilization"] = {{"mean", cpu_periods_.count ? cpu_periods_.mean() : 0.0}, {"max", cpu_periods_.count ? cpu_periods_.max : 0.0}};
  s["latency_ms"] = {{"p50", latency.quantile(0.5)}, {"p99", latency.quantile(0.99)}};
  s["deployments"] = nlohmann::ordered_json::array();
  return s;
}

}  // namespace fleetsim
