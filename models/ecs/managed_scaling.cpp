#include "models/ecs/managed_scaling.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim {

namespace {
// The scale-out alarm needs 1 datapoint of 1 minute above target, the scale-in one 15 (aws-facts §3).
constexpr int kScaleInMinutes = 15;
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

int scale_out_capacity(int m, int n, const ManagedScalingConfig& c) {
  // "When Amazon ECS scales out from 0 instances, it automatically launches 2 instances" (aws-facts §3).
  int wanted = n == 0 ? 2 : static_cast<int>(std::ceil(m * 100.0 / c.target_capacity));
  int step = wanted - n;
  step = step < c.min_step ? c.min_step : std::min(step, c.max_step);
  return n + step;
}

int scale_in_capacity(int m, int n, const ManagedScalingConfig& c) {
  int wanted = static_cast<int>(std::ceil(m * 100.0 / c.target_capacity));
  // "greater than one instance and less than 50%" a minute: read as at most half, at least one (aws-facts §3).
  int floor_now = n - std::max(1, n / 2);
  return std::max(wanted, floor_now);
}

ManagedScaling::ManagedScaling(RunContext& ctx, std::string provider, std::string cluster, ManagedScalingConfig config,
                               ScalableGroup& group, LoadFn load)
    : ctx_(ctx), provider_(std::move(provider)), config_(config), group_(group), load_(std::move(load)) {
  cpr_ = ctx.metrics.add_gauge({"AWS/ECS/ManagedScaling", "CapacityProviderReservation",
                                make_dimensions({{"CapacityProviderName", provider_}, {"ClusterName", cluster}})},
                               100);
}

void ManagedScaling::start() { ctx_.engine.schedule_after<&ManagedScaling::on_tick>(Duration::seconds(60), this); }

void ManagedScaling::on_tick(std::uint64_t) {
  ctx_.engine.schedule_after<&ManagedScaling::on_tick>(Duration::seconds(60), this);
  auto [busy, waiting] = load_();
  int n = group_.instance_count();
  int m = instances_needed(busy, waiting, group_.largest_type(), group_.smallest_type());
  double cpr = capacity_provider_reservation(m, n);
  ctx_.metrics.set(cpr_, ctx_.engine.now(), cpr);
  int from = group_.desired_capacity();
  int to = from;
  std::string why;
  if (cpr > config_.target_capacity) {
    minutes_below_ = 0;
    // Scale-out waits while a recently launched instance is still inside its warm-up (aws-facts §3).
    if (group_.warming_instances(config_.warmup) > 0) return;
    to = scale_out_capacity(m, n, config_);
    why = "CapacityProviderReservation " + std::to_string(static_cast<int>(std::lround(cpr))) + " above target";
  } else if (cpr < config_.target_capacity) {
    if (++minutes_below_ < kScaleInMinutes) return;
    to = scale_in_capacity(m, n, config_);
    why = "CapacityProviderReservation " + std::to_string(static_cast<int>(std::lround(cpr))) +
          " below target for 15 minutes";
  } else {
    minutes_below_ = 0;
    return;
  }
  to = std::clamp(to, group_.min_size(), group_.max_size());
  if (to == from) return;
  if (ctx_.events.enabled()) {
    ctx_.events.emit(
        ctx_.engine.now(), "CapacityProviderScaling",
        {{"capacityProvider", provider_}, {"from", from}, {"to", to}, {"reservation", cpr}, {"reason", why}});
  }
  group_.set_desired_capacity(to, why);
}

}  // namespace fleetsim
