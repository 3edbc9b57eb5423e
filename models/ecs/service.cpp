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

int Service::live_tasks() const { return static_cast<int>(tasks_.size()); }

void Service::reconcile() {
  while (live_tasks() < config_.desired_count) launch_task();
  // Scale-in: newest tasks first, so the longest-running ones (warm, healthy) stay. Tasks already
  // stopping stay in tasks_ until STOPPED, so only the others count toward desiredCount here
  // (counting all of them stopped every task on the first scale-in by one).
  auto not_stopping = [](const auto& t) { return t->status() < TaskStatus::kDeactivating; };
  auto active = std::count_if(tasks_.begin(), tasks_.end(), not_stopping);
  while (active > config_.desired_count) {
    auto it = std::find_if(tasks_.rbegin(), tasks_.rend(), not_stopping);
    if (it == tasks_.rend()) break;
    (*it)->stop("Scaling activity initiated by (deployment ecs-svc)", true);
    --active;
  }
}

std::size_t Service::choose_provider() {
  // Bases first, in strategy order; then the provider furthest below its weighted share.
  for (std::size_t i = 0; i < config_.providers.size(); ++i) {
    if (provider_counts_[i] < config_.providers[i].base) return i;
  }
  std::size_t best = 0;
  double best_score = INFINITY;
  for (std::size_t i = 0; i < config_.providers.size(); ++i) {
    const ProviderShare& p = config_.providers[i];
    if (p.weight <= 0) continue;
    double score = (provider_counts_[i] - p.base + 1.0) / p.weight;
    if (score < best_score) {
      best_score = score;
      best = i;
    }
  }
  return best;
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
  std::size_t provider = choose_provider();
  ++provider_counts_[provider];
  // Task ids look like ECS's 32 hex digits and depend only on the service name and launch order.
  std::uint64_t a = stream_seed(serial_, config_.name);
  std::uint64_t b = stream_seed(a, "task-id");
  char id[33];
  std::snprintf(id, sizeof id, "%016llx%016llx", static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
  ++serial_;
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
  if (ctx_.events.enabled()) {
    nlohmann::ordered_json e{{"taskId", task.id()},
                             {"service", config_.name},
                             {"taskDefinition", task.definition().id()},
                             {"lastStatus", task_status_name(status)},
                             {"availabilityZone", task.availability_zone()}};
    if (!reason.empty()) e["stoppedReason"] = reason;
    ctx_.events.emit(now, "TaskStateChange", e);
  }
  double vcpu = task.definition().cpu_units.value_or(task.definition().serving_container().cpu_units) / 1024.0;
  switch (status) {
    case TaskStatus::kRunning:
      ctx_.metrics.add(pending_, now, -1);
      ctx_.metrics.add(running_, now, 1);
      running_whole_run_.add(now.us(), 1);
      ctx_.metrics.add_ratio_terms(cpu_, now, 0, vcpu);
      reserved_vcpus_ += vcpu;
      reserved_area_.add(now, vcpu);
      peak_running_ = std::max(peak_running_, ++running_count_);
      break;
    case TaskStatus::kDeactivating:
      ctx_.metrics.add(running_, now, -1);
      running_whole_run_.add(now.us(), -1);
      --running_count_;
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
      }
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

std::vector<TargetHandle> Service::register_targets(Task& task, const std::string& ip_address) {
  std::vector<TargetHandle> handles;
  for (const TargetBinding& b : config_.load_balancers) {
    handles.push_back(b.group->register_target(&task, TargetInfo{ip_address + ":" + std::to_string(b.container_port), task.availability_zone()}, &task));
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
  double task_vcpu = config_.definition->cpu_units.value_or(1024) / 1024.0;
  double demand = std::ceil(offered_ms / 1000.0 / period.seconds_f() / task_vcpu);
  demand_supply_.emplace_back(demand, ctx_.metrics.last_average(running_));
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
                {"peakRunning", peak_running_},
                {"meanRunning", run.average}};
  s["scaling"] = {{"scaleOuts", scale_outs_}, {"scaleIns", scale_ins_}};
  s["cpuUtilization"] = {{"mean", cpu_periods_.count ? cpu_periods_.mean() : 0.0}, {"max", cpu_periods_.count ? cpu_periods_.max : 0.0}};
  s["latency_ms"] = {{"p50", latency.quantile(0.5)}, {"p99", latency.quantile(0.99)}};
  s["deployments"] = nlohmann::ordered_json::array();
  return s;
}

}  // namespace fleetsim
