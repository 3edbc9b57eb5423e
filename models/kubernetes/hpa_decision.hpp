#pragma once
/// The HPA's `ScalingDecision` record (spec kubernetes.md, "Decision records"): the inputs of one sync
/// and each step's answer, so that a reader can redo the decision by hand.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/api/run_context.hpp"
#include "models/kubernetes/api/hpa_types.hpp"
#include "models/kubernetes/controllers/replica_calculator.hpp"

namespace fleetsim::kube {

/// One metric's part of a decision.
struct HpaMetricDecision {
  const HpaMetricSpec* spec = nullptr;
  std::vector<HpaPodSample> pods;           ///< Resource and Pods metrics: the pods as the calculator saw them
  std::optional<std::int64_t> value_milli;  ///< External: the metric's value (summed over its series)
  int ready_pods = 0;                       ///< External: the ready pods the ratio multiplies
  double usage_ratio = 0;
  std::optional<int> proposed;  ///< nothing: the metric failed (`error` says why)
  std::string error;
};

/// One sync's decision.
struct HpaDecision {
  std::string cluster;
  std::string target;  ///< namespace/name of the scaled Deployment
  int current = 0;
  std::vector<HpaMetricDecision> metrics;
  double tolerance_up = 0.1, tolerance_down = 0.1;
  int recommendation = 0, stabilized = 0, limited = 0, desired = 0;
  LimitReason limited_by = LimitReason::kNone;
};

/// The condition reason of `reason` ("ScaleUpLimit"), or "" for kNone.
const char* limit_reason_name(LimitReason reason);

/// Writes `decision` at `now` as a ScalingDecision event.
void emit_hpa_decision(EventLog& events, SimTime now, const HpaDecision& decision);

}  // namespace fleetsim::kube
