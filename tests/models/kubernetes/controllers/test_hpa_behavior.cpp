#include <catch2/catch.hpp>
#include <vector>

#include "models/kubernetes/controllers/hpa_behavior.hpp"

using namespace fleetsim;
using namespace fleetsim::kube;

namespace {
SimTime at_s(std::int64_t s) { return SimTime::from_micros(Duration::seconds(s).us()); }

// One HPA sync: stabilize, limit, and record the rescale as the controller does.
int sync(HpaHistory& h, const HpaBehavior& b, SimTime now, int current, int desired, int min_r, int max_r) {
  int stabilized = stabilize_recommendation(h, b, now, current, desired);
  int next = limit_by_behavior(b, h, now, current, stabilized, min_r, max_r).replicas;
  if (next != current) record_scale_event(h, b, now, current, next);
  return next;
}
}  // namespace

// kubernetes.io, Horizontal Pod Autoscaling, "Scaling policies": Pods 4 per 60 s and Percent 10 per
// 60 s, selectPolicy Max, scaling down from 80 toward 10. Each minute the larger of 10 % (kept
// replicas truncated) and 4 pods goes; below 40 the 4-pod policy is the larger.
TEST_CASE("HPA behavior: the documented scale-down example", "[kube][controllers][hpa]") {
  HpaBehavior b = default_hpa_behavior();
  b.scale_down.policies = {{ScalingPolicyType::kPods, 4, 60}, {ScalingPolicyType::kPercent, 10, 60}};
  HpaHistory h;
  int current = 80;
  std::vector<int> per_minute;
  for (std::int64_t t = 0; t < 15 * 60; t += 15) {  // the 15 s sync period
    current = sync(h, b, at_s(t), current, 10, 1, 100);
    if (t % 60 == 0) per_minute.push_back(current);
  }
  CHECK(per_minute == std::vector<int>{72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16, 12, 10, 10});
}

TEST_CASE("HPA behavior: default scale-up limits", "[kube][controllers][hpa]") {
  HpaBehavior b = default_hpa_behavior();
  HpaHistory h;
  // The larger of +100 % and +4 pods per 15 s.
  LimitedReplicas l = limit_by_behavior(b, h, at_s(0), 1, 20, 1, 100);
  CHECK(l.replicas == 5);
  CHECK(l.reason == LimitReason::kScaleUpLimit);
  record_scale_event(h, b, at_s(0), 1, 5);
  // Within the period the limit counts from its start (1 replica): no more growth yet.
  CHECK(limit_by_behavior(b, h, at_s(10), 5, 20, 1, 100).replicas == 5);
  // Once the event is 15 s old it no longer counts: 5 doubles to 10.
  CHECK(limit_by_behavior(b, h, at_s(15), 5, 20, 1, 100).replicas == 10);
  // maxReplicas binds before the policy does.
  l = limit_by_behavior(b, h, at_s(15), 5, 20, 1, 8);
  CHECK(l.replicas == 8);
  CHECK(l.reason == LimitReason::kTooManyReplicas);
  // Within range: unchanged.
  CHECK(limit_by_behavior(b, h, at_s(15), 5, 7, 1, 100).reason == LimitReason::kNone);
  // Default scale-down allows 100 %: minReplicas binds.
  l = limit_by_behavior(b, h, at_s(15), 5, 0, 2, 100);
  CHECK(l.replicas == 2);
  CHECK(l.reason == LimitReason::kTooFewReplicas);
}

TEST_CASE("HPA behavior: selectPolicy Min and Disabled", "[kube][controllers][hpa]") {
  ScalingRules rules{
      0, SelectPolicy::kMin, {{ScalingPolicyType::kPods, 4, 60}, {ScalingPolicyType::kPercent, 100, 60}}};
  HpaHistory h;
  CHECK(scale_up_limit(rules, h, at_s(0), 10) == 14);
  CHECK(scale_down_limit(rules, h, at_s(0), 10) == 6);  // -4 keeps more than -100 %
  rules.select = SelectPolicy::kMax;
  CHECK(scale_up_limit(rules, h, at_s(0), 10) == 20);
  CHECK(scale_down_limit(rules, h, at_s(0), 10) == 0);
  // Percent rounds up on the way up: 10 % of 72 is 7.2, so 80 (aws-facts §10.1).
  ScalingRules ten{0, SelectPolicy::kMax, {{ScalingPolicyType::kPercent, 10, 60}}};
  CHECK(scale_up_limit(ten, h, at_s(0), 72) == 80);
  HpaBehavior b = default_hpa_behavior();
  b.scale_down.select = SelectPolicy::kDisabled;
  LimitedReplicas l = limit_by_behavior(b, h, at_s(0), 10, 3, 1, 100);
  CHECK(l.replicas == 10);
  CHECK(l.reason == LimitReason::kScaleDownLimit);
}

TEST_CASE("HPA behavior: stabilization windows", "[kube][controllers][hpa]") {
  HpaBehavior b = default_hpa_behavior();  // scale-down window 300 s, scale-up 0
  HpaHistory h;
  CHECK(stabilize_recommendation(h, b, at_s(0), 10, 10) == 10);
  // A lower recommendation is held at the highest of the last 300 s.
  CHECK(stabilize_recommendation(h, b, at_s(60), 10, 4) == 10);
  CHECK(stabilize_recommendation(h, b, at_s(299), 10, 4) == 10);
  // At 300 s the 10 of t=0 has left the window (only entries after the cutoff count); the 4s remain.
  CHECK(stabilize_recommendation(h, b, at_s(300), 10, 4) == 4);
  CHECK(stabilize_recommendation(h, b, at_s(301), 10, 4) == 4);
  // A scale-up is not delayed with the default window of 0.
  CHECK(stabilize_recommendation(h, b, at_s(302), 4, 9) == 9);
  // With a scale-up window, the lowest recommendation of the window holds it back.
  b.scale_up.stabilization_window_seconds = 60;
  CHECK(stabilize_recommendation(h, b, at_s(303), 4, 12) == 4);
  // Entries older than both windows are reused, so the history stays bounded.
  std::size_t size = h.recommendations.size();
  stabilize_recommendation(h, b, at_s(1000), 4, 4);
  CHECK(h.recommendations.size() == size);
}
