#include "models/kubernetes/controllers/hpa_behavior.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

namespace fleetsim::kube {

namespace {

// The instant `seconds` before `now`; entries strictly after it are inside the window (Go's After).
std::int64_t cutoff(SimTime now, int seconds) { return now.us() - Duration::seconds(seconds).us(); }

// getReplicasChangePerPeriod: the pods changed within the last `period_seconds`.
int change_in_period(const std::vector<ScaleEvent>& events, SimTime now, int period_seconds) {
  int sum = 0;
  for (const ScaleEvent& e : events)
    if (e.at.us() > cutoff(now, period_seconds)) sum += e.change;
  return sum;
}

// The replicas at the start of a policy's period: undo the changes made within it.
int period_start(const HpaHistory& history, SimTime now, int current, int period_seconds) {
  return current - change_in_period(history.scale_up_events, now, period_seconds) +
         change_in_period(history.scale_down_events, now, period_seconds);
}

int longest_period(const ScalingRules& rules) {
  int longest = 0;
  for (const ScalingPolicy& p : rules.policies) longest = std::max(longest, p.period_seconds);
  return longest;
}

// The replica count one policy allows from `start`. A percentage rounds up on the way up, or a small
// target could never grow (aws-facts §10.1: 7.2 -> 8); on the way down the kept replicas truncate,
// so the pods removed round up.
int policy_bound(const ScalingPolicy& p, int start, bool up) {
  if (p.type == ScalingPolicyType::kPods) return up ? start + p.value : start - p.value;
  if (up) return static_cast<int>(std::ceil(static_cast<double>(start) * (1 + p.value / 100.0)));
  return static_cast<int>(static_cast<double>(start) * (1 - p.value / 100.0));
}

// calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors.
int rate_limit(const ScalingRules& rules, const HpaHistory& history, SimTime now, int current, bool up) {
  if (rules.select == SelectPolicy::kDisabled) return current;
  // Max picks the largest change: the highest count on the way up, the lowest on the way down.
  bool highest = (rules.select == SelectPolicy::kMax) == up;
  int result = highest ? INT_MIN : INT_MAX;
  for (const ScalingPolicy& p : rules.policies) {
    int proposed = policy_bound(p, period_start(history, now, current, p.period_seconds), up);
    result = highest ? std::max(result, proposed) : std::min(result, proposed);
  }
  return result;
}

}  // namespace

HpaBehavior default_hpa_behavior() {
  HpaBehavior b;
  b.scale_up.stabilization_window_seconds = 0;
  b.scale_up.policies = {{ScalingPolicyType::kPercent, 100, 15}, {ScalingPolicyType::kPods, 4, 15}};
  b.scale_down.stabilization_window_seconds = 300;
  b.scale_down.policies = {{ScalingPolicyType::kPercent, 100, 15}};
  return b;
}

int stabilize_recommendation(HpaHistory& history, const HpaBehavior& behavior, SimTime now, int current, int desired) {
  std::int64_t up_cutoff = cutoff(now, behavior.scale_up.stabilization_window_seconds);
  std::int64_t down_cutoff = cutoff(now, behavior.scale_down.stabilization_window_seconds);
  int up = desired;
  int down = desired;
  std::size_t old_index = history.recommendations.size();
  for (std::size_t i = 0; i < history.recommendations.size(); ++i) {
    const TimedRecommendation& r = history.recommendations[i];
    if (r.at.us() > up_cutoff) up = std::min(up, r.replicas);
    if (r.at.us() > down_cutoff) down = std::max(down, r.replicas);
    // Go keeps the last such index.
    if (r.at.us() < up_cutoff && r.at.us() < down_cutoff) old_index = i;
  }
  int stabilized = std::min(std::max(current, up), down);
  TimedRecommendation entry{now, desired};
  if (old_index < history.recommendations.size())
    history.recommendations[old_index] = entry;
  else
    history.recommendations.push_back(entry);
  return stabilized;
}

int scale_up_limit(const ScalingRules& rules, const HpaHistory& history, SimTime now, int current) {
  return rate_limit(rules, history, now, current, true);
}

int scale_down_limit(const ScalingRules& rules, const HpaHistory& history, SimTime now, int current) {
  return rate_limit(rules, history, now, current, false);
}

LimitedReplicas limit_by_behavior(const HpaBehavior& behavior, const HpaHistory& history, SimTime now, int current,
                                  int desired, int min_replicas, int max_replicas) {
  if (desired > current) {
    // No further scale-up until the period's events age out.
    int limit = std::max(scale_up_limit(behavior.scale_up, history, now, current), current);
    LimitedReplicas bound = max_replicas > limit ? LimitedReplicas{limit, LimitReason::kScaleUpLimit}
                                                 : LimitedReplicas{max_replicas, LimitReason::kTooManyReplicas};
    if (desired > bound.replicas) return bound;
  } else if (desired < current) {
    int limit = std::min(scale_down_limit(behavior.scale_down, history, now, current), current);
    LimitedReplicas bound = min_replicas < limit ? LimitedReplicas{limit, LimitReason::kScaleDownLimit}
                                                 : LimitedReplicas{min_replicas, LimitReason::kTooFewReplicas};
    if (desired < bound.replicas) return bound;
  }
  return {desired, LimitReason::kNone};
}

void record_scale_event(HpaHistory& history, const HpaBehavior& behavior, SimTime now, int previous, int next) {
  if (next == previous) return;
  bool up = next > previous;
  std::vector<ScaleEvent>& events = up ? history.scale_up_events : history.scale_down_events;
  std::int64_t oldest = cutoff(now, longest_period(up ? behavior.scale_up : behavior.scale_down));
  // Events outside every period no longer limit anything (markScaleEventsOutdated).
  std::erase_if(events, [oldest](const ScaleEvent& e) { return e.at.us() <= oldest; });
  events.push_back({now, up ? next - previous : previous - next});
}

}  // namespace fleetsim::kube
