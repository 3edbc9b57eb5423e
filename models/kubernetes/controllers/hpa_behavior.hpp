#pragma once
/// The Horizontal Pod Autoscaler's `behavior` (pkg/controller/podautoscaler/horizontal.go,
/// normalizeDesiredReplicasWithBehaviors): the stabilization window over the recommendation history,
/// then the scale-up and scale-down policies over the scale events of their periods.

#include <cstdint>
#include <vector>

#include "sim/time.hpp"

namespace fleetsim::kube {

/// HPAScalingPolicyType.
enum class ScalingPolicyType : std::uint8_t {
  kPods,     ///< at most `value` pods per period
  kPercent,  ///< at most `value` percent of the replicas at the period's start
};

/// One HPAScalingPolicy.
struct ScalingPolicy {
  ScalingPolicyType type = ScalingPolicyType::kPods;  ///< type
  int value = 0;                                      ///< value (pods or percent)
  int period_seconds = 0;                             ///< periodSeconds (1..1800)
};

/// ScalingPolicySelect.
enum class SelectPolicy : std::uint8_t {
  kMax,       ///< the policy allowing the largest change (default)
  kMin,       ///< the policy allowing the smallest change
  kDisabled,  ///< no scaling in this direction
};

/// HPAScalingRules for one direction.
struct ScalingRules {
  int stabilization_window_seconds = 0;      ///< stabilizationWindowSeconds
  SelectPolicy select = SelectPolicy::kMax;  ///< selectPolicy
  std::vector<ScalingPolicy> policies;       ///< policies
};

/// HorizontalPodAutoscalerBehavior.
struct HpaBehavior {
  ScalingRules scale_up;    ///< scaleUp
  ScalingRules scale_down;  ///< scaleDown
};

/// The defaults when `behavior` is absent (aws-facts §10.1): scale-up the larger of 100 % and 4 pods
/// per 15 s with no window; scale-down 100 % per 15 s with a 300 s window.
HpaBehavior default_hpa_behavior();

/// A recommendation the controller computed, before stabilization.
struct TimedRecommendation {
  SimTime at;        ///< when
  int replicas = 0;  ///< the unstabilized recommendation
};

/// A rescale the controller made: `change` pods added (scale-up list) or removed (scale-down list).
struct ScaleEvent {
  SimTime at;      ///< when
  int change = 0;  ///< pods added or removed, positive
};

/// What the controller remembers about one HPA between syncs.
struct HpaHistory {
  std::vector<TimedRecommendation> recommendations;  ///< for the stabilization windows
  std::vector<ScaleEvent> scale_up_events;           ///< for the scale-up policies' periods
  std::vector<ScaleEvent> scale_down_events;         ///< for the scale-down policies' periods
};

/// stabilizeRecommendationWithBehaviors: `desired` held between the minimum over the scale-up window
/// and the maximum over the scale-down window (both including `desired`), starting from `current`;
/// records `desired` in the history, reusing an entry older than both windows.
int stabilize_recommendation(HpaHistory& history, const HpaBehavior& behavior, SimTime now, int current, int desired);

/// calculateScaleUpLimitWithScalingRules: the most replicas the scale-up policies allow now.
int scale_up_limit(const ScalingRules& rules, const HpaHistory& history, SimTime now, int current);

/// calculateScaleDownLimitWithBehaviors: the fewest replicas the scale-down policies allow now.
int scale_down_limit(const ScalingRules& rules, const HpaHistory& history, SimTime now, int current);

/// Why the behavior rate changed a stabilized recommendation (the ScalingLimited condition's reason).
enum class LimitReason : std::uint8_t {
  kNone,             ///< DesiredWithinRange
  kScaleUpLimit,     ///< ScaleUpLimit
  kTooManyReplicas,  ///< TooManyReplicas
  kScaleDownLimit,   ///< ScaleDownLimit
  kTooFewReplicas,   ///< TooFewReplicas
};

/// The replicas after the behavior rate and min/max, and what bound them.
struct LimitedReplicas {
  int replicas = 0;                         ///< the desired replicas
  LimitReason reason = LimitReason::kNone;  ///< what bound them, kNone when nothing did
};

/// convertDesiredReplicasWithBehaviorRate: `desired` held within the policies' limits and
/// [min_replicas, max_replicas] (each applied only in the direction of the change).
LimitedReplicas limit_by_behavior(const HpaBehavior& behavior, const HpaHistory& history, SimTime now, int current,
                                  int desired, int min_replicas, int max_replicas);

/// storeScaleEvent: records a rescale from `previous` to `next`, forgetting the events of that
/// direction older than its longest policy period.
void record_scale_event(HpaHistory& history, const HpaBehavior& behavior, SimTime now, int previous, int next);

}  // namespace fleetsim::kube
