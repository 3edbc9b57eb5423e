#include "models/ecs/managed_scaling.hpp"

#include <algorithm>
#include <cmath>

#include "models/api/scaling_decision.hpp"

namespace fleetsim {

namespace {
const char* const kNamespace = "AWS/ECS/ManagedScaling";
const char* const kMetric = "CapacityProviderReservation";
}  // namespace

int instances_needed(int busy_instances, const std::vector<std::pair<int, int>>& waiting, std::pair<int, int> largest,
                     std::pair<int, int> smallest) {
  // First-fit decreasing over bins of the largest type; deterministic for a given list.
  std::vector<std::pair<int, int>> tasks;
  for (const auto& t : waiting) {
    bool fits_largest = t.first <= largest.first && t.second <= largest.second;
    bool fits_smallest = t.first <= smallest.first && t.second <= smallest.second;
    if (fits_largest || fits_smallest) tasks.push_back(t);
  }
  std::sort(tasks.begin(), tasks.end(), std::greater<>());
  std::vector<std::pair<int, int>> bins;  // space left
  for (const auto& t : tasks) {
    auto bin = std::find_if(bins.begin(), bins.end(),
                            [&](const auto& b) { return b.first >= t.first && b.second >= t.second; });
    if (bin == bins.end()) bin = bins.insert(bins.end(), largest);
    bin->first -= t.first;
    bin->second -= t.second;
  }
  return busy_instances + static_cast<int>(bins.size());
}

double capacity_provider_reservation(int m, int n) {
  if (n == 0) return m == 0 ? 100.0 : 200.0;
  return 100.0 * m / n;
}

int scale_out_capacity(int wanted, int n, const ManagedScalingConfig& c) {
  // "When Amazon ECS scales out from 0 instances, it automatically launches 2 instances" (aws-facts §3).
  if (n == 0) wanted = 2;
  int step = wanted - n;
  step = step < c.min_step ? c.min_step : std::min(step, c.max_step);
  return n + step;
}

int scale_in_capacity(int wanted, int n) {
  // "greater than one instance and less than 50%" a minute: read as at most half, at least one (aws-facts §3).
  int floor_now = n - std::max(1, n / 2);
  return std::max(wanted, floor_now);
}

ManagedScaling::ManagedScaling(RunContext& ctx, std::string provider, std::string cluster, ManagedScalingConfig config,
                               ScalableGroup& group, LoadFn load)
    : ctx_(ctx),
      provider_(std::move(provider)),
      dimensions_(make_dimensions({{"CapacityProviderName", provider_}, {"ClusterName", cluster}})),
      config_(config),
      group_(group),
      load_(std::move(load)) {
  cpr_ = ctx.metrics.add_gauge({kNamespace, kMetric, dimensions_}, last_cpr_);
  published_.add(ctx.engine.now(), last_cpr_);
}

std::string ManagedScaling::metric_key() const { return metric_source_key(kNamespace, kMetric, dimensions_); }

TrackingPolicyRequest ManagedScaling::tracking_policy() const {
  TrackingPolicyRequest r;
  r.name_space = kNamespace;
  r.metric = kMetric;
  r.dimensions = dimensions_;
  r.target_value = config_.target_capacity;  // "targetCapacity value as the target value for the metric" (API)
  r.min_capacity = group_.min_size();
  r.max_capacity = group_.max_size();
  // The high alarm: CPR > targetCapacity for 1 datapoint of 1 minute; the low one: CPR < targetCapacity for 15
  // datapoints (15 minutes) (aws-facts §3 "Scale-out alarm", "Scale-in alarm": ECS developer guide, cluster auto
  // scaling; AWS's ec2-spot-workshops after the deep-dive blog).
  r.scale_out_datapoints = 1;
  r.scale_in_datapoints = 15;
  r.scale_in_ratio = 1.0;
  return r;
}

void ManagedScaling::start() { ctx_.engine.schedule_after<&ManagedScaling::on_tick>(Duration::seconds(60), this); }

void ManagedScaling::on_tick(std::uint64_t) {
  // ECS computes and publishes the metric every minute (aws-facts §3 "CAS cadence"); CloudWatch's alarms see
  // it after the publication delay, as any 1-minute metric.
  ctx_.engine.schedule_after<&ManagedScaling::on_tick>(Duration::seconds(60), this);
  auto [busy, waiting] = load_();
  int n = group_.instance_count();
  int m = instances_needed(busy, waiting, group_.largest_type(), group_.smallest_type());
  double cpr = capacity_provider_reservation(m, n);
  last_m_ = m;
  ctx_.metrics.set(cpr_, ctx_.engine.now(), cpr);
  published_.add(ctx_.engine.now(), cpr - last_cpr_);
  last_cpr_ = cpr;
}

void ManagedScaling::set_capacity(int capacity, const std::string&, const std::string& reason) {
  int n = group_.instance_count();
  int from = group_.desired_capacity();
  int to = from;
  const char* limited_by = nullptr;
  if (capacity > from) {
    // Scale-out waits while a recently launched instance is still inside its warm-up (aws-facts §3).
    if (group_.warming_instances(config_.warmup) > 0) return record(capacity, from, from, "InstanceWarmup");
    to = scale_out_capacity(capacity, n, config_);
    if (to > capacity) limited_by = n == 0 ? "ScaleOutFromZero" : "MinimumScalingStepSize";
    if (to < capacity) limited_by = "MaximumScalingStepSize";
  } else {
    // Scale-in removes only instances that are empty now ("CPR = 100 minus the number of container instances that
    // are empty", aws-facts §3 "Scale-in computation"), however stale the alarm's datapoints.
    to = std::max(scale_in_capacity(capacity, n), last_m_);
    if (to > capacity) limited_by = to == last_m_ ? "InstancesNeeded" : "HalfOfGroup";
  }
  const int bounded = std::clamp(to, group_.min_size(), group_.max_size());
  if (bounded != to) limited_by = bounded > to ? "MinSize" : "MaxSize";
  record(capacity, from, bounded, limited_by);
  if (bounded == from) return;
  if (ctx_.events.enabled()) {
    ctx_.events.emit(ctx_.engine.now(), "CapacityProviderScaling",
                     {{"capacityProvider", provider_},
                      {"from", from},
                      {"to", bounded},
                      {"reservation", last_cpr_},
                      {"reason", reason}});
  }
  group_.set_desired_capacity(bounded, reason);
}

void ManagedScaling::record(int requested, int from, int to, const char* limited_by) const {
  emit_scaling_decision(
      ctx_.events, ctx_.engine.now(), {"ecs-managed-scaling", "", provider_},
      {{"capacityProviderReservation", last_cpr_},
       {"instancesNeeded", last_m_},
       {"instances", group_.instance_count()},
       {"targetCapacity", config_.target_capacity},
       {"requestedCapacity", requested},
       {"minimumScalingStepSize", config_.min_step},
       {"maximumScalingStepSize", config_.max_step},
       {"minSize", group_.min_size()},
       {"maxSize", group_.max_size()},
       {"currentCapacity", from},
       {"desiredCapacity", to},
       {"limitedBy", limited_by == nullptr ? nlohmann::ordered_json() : nlohmann::ordered_json(limited_by)}});
}

}  // namespace fleetsim
