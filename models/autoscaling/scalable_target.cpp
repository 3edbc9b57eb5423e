#include "models/autoscaling/scalable_target.hpp"

#include <algorithm>

#include "sim/metrics/metric_store.hpp"

namespace fleetsim {

std::string service_dimensions(const std::string& resource_id) {
  std::string rest = resource_id.substr(resource_id.find('/') + 1);
  std::size_t slash = rest.find('/');
  return make_dimensions({{"ClusterName", rest.substr(0, slash)}, {"ServiceName", rest.substr(slash + 1)}});
}

ScalableTarget::ScalableTarget(RunContext& ctx, std::string resource_id, ScalableResource& resource, int min, int max,
                               SuspendedState suspended, Duration action_delay)
    : ctx_(ctx),
      resource_id_(std::move(resource_id)),
      resource_(resource),
      min_(min),
      max_(max),
      suspended_(suspended),
      action_delay_(action_delay) {}

void ScalableTarget::submit(const ScalingRequest& request, Direction direction) {
  pending_.emplace_back(request, direction);
  ctx_.engine.schedule_after<&ScalableTarget::apply_next>(action_delay_, this);
}

void ScalableTarget::apply_next(std::uint64_t) {
  auto [request, direction] = pending_.front();  // one event per request, in submission order
  pending_.pop_front();
  switch (direction) {
    case Direction::kOut:
      scale_out(request);
      break;
    case Direction::kIn:
      scale_in(request);
      break;
    case Direction::kInByTracking:
      scale_in_by_tracking(request);
      break;
  }
}

int ScalableTarget::starting_capacity() const {
  return cooldowns_.scaling_out(ctx_.engine.now()) ? cooldowns_.scale_out_base() : resource_.actual_capacity();
}

void ScalableTarget::scale_out(const ScalingRequest& r) {
  if (suspended_.dynamic_out) return;
  int current = resource_.desired_capacity();
  // Below MinCapacity a scale-out first goes to the minimum (aws-facts §1.2 "Desired count outside [min, max]").
  int wanted = std::clamp(r.capacity, min_, max_);
  if (wanted <= current) return;  // inside a cooldown: not a larger scale-out than the one already made
  SimTime now = ctx_.engine.now();
  cooldowns_.scaled_out(now, current, r.cooldown);
  resource_.set_capacity(wanted, r.policy, r.reason);
}

void ScalableTarget::scale_in(const ScalingRequest& r) {
  SimTime now = ctx_.engine.now();
  // Scale-in is held back during deployments (aws-facts §1.2 "Deployments") and cooldowns.
  if (suspended_.dynamic_in || resource_.deployment_in_progress() || cooldowns_.scale_in_blocked(now)) return;
  int current = resource_.desired_capacity();
  int wanted = std::clamp(r.capacity, min_, max_);
  if (wanted >= current) return;  // above MaxCapacity or at the minimum: nothing to do
  cooldowns_.scaled_in(now, r.cooldown);
  resource_.set_capacity(wanted, r.policy, r.reason);
}

void ScalableTarget::scale_in_by_tracking(const ScalingRequest& r) {
  ScalingRequest agreed = r;
  for (const ScaleInVote* v : voters_) {
    std::optional<int> vote = v->scale_in_vote();
    if (!vote) return;
    agreed.capacity = std::max(agreed.capacity, *vote);
  }
  scale_in(agreed);
}

void ScalableTarget::set_bounds(std::optional<int> min, std::optional<int> max, const std::string& action) {
  if (min) min_ = *min;
  if (max) max_ = *max;
  int current = resource_.desired_capacity();
  int bounded = std::clamp(current, min_, std::max(min_, max_));
  if (bounded != current) {
    resource_.set_capacity(bounded, action,
                           "scheduled action " + action + " set MinCapacity " + std::to_string(min_) +
                               ", MaxCapacity " + std::to_string(max_));
  }
}

}  // namespace fleetsim
