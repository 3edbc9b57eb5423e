#include "models/kubernetes/autoscaler/scaling_decision.hpp"

namespace fleetsim::kube {

void write_scaling_decision(RunContext& ctx, const char* controller, const std::string& cluster,
                            const nlohmann::ordered_json& inputs) {
  if (!ctx.events.enabled()) return;
  nlohmann::ordered_json fields{{"controller", controller}, {"cluster", cluster}};
  for (const auto& [key, value] : inputs.items()) fields[key] = value;
  ctx.events.emit(ctx.engine.now(), "ScalingDecision", fields);
}

}  // namespace fleetsim::kube
