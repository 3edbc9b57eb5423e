#include "models/kubernetes/hpa_decision.hpp"

#include "models/api/scaling_decision.hpp"

namespace fleetsim::kube {

namespace {

const char* state_name(const HpaPodSample& pod) {
  if (pod.state == HpaPodState::kIgnored) return "ignored";
  if (pod.state == HpaPodState::kPending) return "unready";  // set aside, as a not-ready pod
  if (!pod.value_milli) return "missing";
  return pod.state == HpaPodState::kReady ? "ready" : "unready";
}

nlohmann::ordered_json target_json(const HpaMetricSpec& m) {
  nlohmann::ordered_json t;
  switch (m.target_type) {
    case HpaTargetType::kUtilization:
      t = {{"type", "Utilization"}, {"averageUtilization", m.average_utilization}};
      break;
    case HpaTargetType::kAverageValue:
      t = {{"type", "AverageValue"}, {"averageValue", m.average_value_milli}};
      break;
    case HpaTargetType::kValue:
      t = {{"type", "Value"}, {"value", m.value_milli}};
      break;
  }
  return t;
}

const char* type_name(HpaMetricType type) {
  if (type == HpaMetricType::kPods) return "Pods";
  if (type == HpaMetricType::kExternal) return "External";
  return "Resource";
}

nlohmann::ordered_json metric_json(const HpaMetricDecision& d) {
  nlohmann::ordered_json m{{"type", type_name(d.spec->type)}, {"name", d.spec->name}};
  if (!d.spec->selector.empty()) m["selector"] = d.spec->selector;
  m["target"] = target_json(*d.spec);
  if (d.spec->type == HpaMetricType::kExternal) {
    m["value"] = d.value_milli ? nlohmann::ordered_json(*d.value_milli) : nlohmann::ordered_json();
    m["readyPods"] = d.ready_pods;
  } else {
    nlohmann::ordered_json pods = nlohmann::ordered_json::array();
    for (const HpaPodSample& p : d.pods) {
      nlohmann::ordered_json pod{{"pod", p.name}};
      if (d.spec->type == HpaMetricType::kResource)
        pod["request"] = p.request_milli ? nlohmann::ordered_json(*p.request_milli) : nlohmann::ordered_json();
      pod["value"] = p.value_milli ? nlohmann::ordered_json(*p.value_milli) : nlohmann::ordered_json();
      pod["state"] = state_name(p);
      pods.push_back(std::move(pod));
    }
    m["pods"] = std::move(pods);
  }
  if (d.proposed) {
    m["usageRatio"] = d.usage_ratio;
    m["proposedReplicas"] = *d.proposed;
  } else {
    m["error"] = d.error;
  }
  return m;
}

}  // namespace

const char* limit_reason_name(LimitReason reason) {
  switch (reason) {
    case LimitReason::kScaleUpLimit:
      return "ScaleUpLimit";
    case LimitReason::kTooManyReplicas:
      return "TooManyReplicas";
    case LimitReason::kScaleDownLimit:
      return "ScaleDownLimit";
    case LimitReason::kTooFewReplicas:
      return "TooFewReplicas";
    case LimitReason::kNone:
      break;
  }
  return "";
}

void emit_hpa_decision(EventLog& events, SimTime now, const HpaDecision& d) {
  if (!events.enabled()) return;  // the records below are not built for nothing
  nlohmann::ordered_json metrics = nlohmann::ordered_json::array();
  for (const HpaMetricDecision& m : d.metrics) metrics.push_back(metric_json(m));
  // One tolerance unless behavior sets the directions apart.
  nlohmann::ordered_json tolerance = d.tolerance_up;
  if (d.tolerance_up != d.tolerance_down) tolerance = {{"scaleUp", d.tolerance_up}, {"scaleDown", d.tolerance_down}};
  nlohmann::ordered_json limited_by;
  if (d.limited_by != LimitReason::kNone) limited_by = limit_reason_name(d.limited_by);
  emit_scaling_decision(events, now, {"horizontal-pod-autoscaler", d.cluster, d.target},
                        {{"currentReplicas", d.current},
                         {"metrics", std::move(metrics)},
                         {"tolerance", std::move(tolerance)},
                         {"recommendation", d.recommendation},
                         {"stabilized", d.stabilized},
                         {"limited", d.limited},
                         {"desiredReplicas", d.desired},
                         {"limitedBy", std::move(limited_by)}});
}

}  // namespace fleetsim::kube
