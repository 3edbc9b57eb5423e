#include "models/autoscaling/scalable_target.hpp"

#include <algorithm>

#include "models/api/scaling_decision.hpp"
#include "sim/metrics/metric_store.hpp"

namespace fleetsim {

namespace {

// Which bound of [min, max] a capacity met, if any.
const char* bound_met(int capacity, int min, int max) {
  return capacity > max ? "MaxCapacity" : capacity < min ? "MinCapacity" : nullptr;
}

}  // namespace

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

void ScalableTarget::record(const ScalingRequest& r, int current, int desired, const char* limited_by,
                            const nlohmann::ordered_json& extra) const {
  if (r.decision.is_null()) return;
  nlohmann::ordered_json fields = r.decision;
  for (const auto& [key, value] : extra.items()) fields[key] = value;
  fields["minCapacity"] = min_;
  fields["maxCapacity"] = max_;
  fields["cooldown"] = r.cooldown.seconds_f();
  fields["currentCapacity"] = current;
  fields["desiredCapacity"] = desired;
  fields["limitedBy"] = limited_by == nullptr ? nlohmann::ordered_json() : nlohmann::ordered_json(limited_by);
  emit_scaling_decision(ctx_.events, ctx_.engine.now(), {"application-autoscaling", "", resource_id_}, fields);
}

void ScalableTarget::record_unchanged(const ScalingRequest& r, const char* why) const {
  const int current = resource_.desired_capacity();
  record(r, current, current, why);
}

void ScalableTarget::scale_out(const ScalingRequest& r) {
  int current = resource_.desired_capacity();
  if (suspended_.dynamic_out) return record(r, current, current, "DynamicScalingOutSuspended");
  // Below MinCapacity a scale-out first goes to the minimum (aws-facts §1.2 "Desired count outside [min, max]").
  int wanted = std::clamp(r.capacity, min_, max_);
  SimTime now = ctx_.engine.now();
  if (wanted <= current) {
    // Inside a cooldown: not a larger scale-out than the one already made; outside, the desired count (not yet
    // running) already covers it.
    const char* held = bound_met(r.capacity, min_, max_);
    return record(r, current, current,
                  held != nullptr               ? held
                  : cooldowns_.scaling_out(now) ? "ScaleOutCooldown"
                                                : "DesiredCapacity");
  }
  cooldowns_.scaled_out(now, current, r.cooldown);
  record(r, current, wanted, bound_met(r.capacity, min_, max_));
  resource_.set_capacity(wanted, r.policy, r.reason);
}

void ScalableTarget::scale_in(const ScalingRequest& r, const nlohmann::ordered_json& extra) {
  SimTime now = ctx_.engine.now();
  int current = resource_.desired_capacity();
  // Scale-in is held back during deployments (aws-facts §1.2 "Deployments") and cooldowns.
  const char* blocked = suspended_.dynamic_in                ? "DynamicScalingInSuspended"
                        : resource_.deployment_in_progress() ? "Deployment"
                        : cooldowns_.scale_in_blocked(now)   ? "ScaleInCooldown"
                                                             : nullptr;
  if (blocked != nullptr) return record(r, current, current, blocked, extra);
  int wanted = std::clamp(r.capacity, min_, max_);
  if (wanted >= current) {  // above MaxCapacity or at the minimum: nothing to do
    const char* held = bound_met(r.capacity, min_, max_);
    return record(r, current, current, held != nullptr ? held : "DesiredCapacity", extra);
  }
  cooldowns_.scaled_in(now, r.cooldown);
  record(r, current, wanted, bound_met(r.capacity, min_, max_), extra);
  resource_.set_capacity(wanted, r.policy, r.reason);
}

void ScalableTarget::scale_in_by_tracking(const ScalingRequest& r) {
  ScalingRequest agreed = r;
  nlohmann::ordered_json votes = nlohmann::ordered_json::array();
  bool all_agree = true;
  for (const ScaleInVote* v : voters_) {
    std::optional<int> vote = v->scale_in_vote();
    votes.push_back(vote ? nlohmann::ordered_json(*vote) : nlohmann::ordered_json());
    if (!vote) all_agree = false;
    if (vote) agreed.capacity = std::max(agreed.capacity, *vote);
  }
  nlohmann::ordered_json extra{{"scaleInVotes", votes}, {"agreedCapacity", agreed.capacity}};
  if (!all_agree) {
    const int current = resource_.desired_capacity();
    return record(r, current, current, "ScaleInVote", extra);
  }
  scale_in(agreed, extra);
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
