#pragma once
/// The one way every controller that decides a count writes its `ScalingDecision` record to events.jsonl
/// (spec kubernetes.md, "Decision records"): who decided (`controller`, and `cluster` on EKS), for what
/// (`target`), then the controller's own inputs and answers, so that a reader can redo the decision.

#include <nlohmann/json.hpp>
#include <string>

#include "sim/output/event_log.hpp"

namespace fleetsim {

/// Who decided, and about what.
struct DecisionSubject {
  std::string controller;  ///< "horizontal-pod-autoscaler", "keda-operator", "external:NAME", ...
  std::string cluster;     ///< the EKS cluster; empty (and left out) elsewhere
  std::string target;      ///< what is scaled ("default/api", "service/default/web")
};

/// Writes one ScalingDecision at `now`: the subject's fields, then `fields` in their order.
inline void emit_scaling_decision(EventLog& events, SimTime now, const DecisionSubject& subject,
                                  const nlohmann::ordered_json& fields) {
  if (!events.enabled()) return;
  nlohmann::ordered_json record{{"controller", subject.controller}};
  if (!subject.cluster.empty()) record["cluster"] = subject.cluster;
  record["target"] = subject.target;
  for (const auto& [key, value] : fields.items()) record[key] = value;
  events.emit(now, "ScalingDecision", record);
}

}  // namespace fleetsim
