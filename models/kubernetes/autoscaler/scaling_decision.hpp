#pragma once
/// The `ScalingDecision` record of events.jsonl (../shared/spec/kubernetes.md, "Decision records"): one per
/// decision a controller takes, with the inputs it used, so that a reader can redo it.

#include <nlohmann/json.hpp>
#include <string>

#include "models/api/run_context.hpp"

namespace fleetsim::kube {

/// Writes a ScalingDecision of `controller` ("cluster-autoscaler", "karpenter", ...) in `cluster` now:
/// those two fields first, then `inputs` in their order.
void write_scaling_decision(RunContext& ctx, const char* controller, const std::string& cluster,
                            const nlohmann::ordered_json& inputs);

}  // namespace fleetsim::kube
