#include "models/ecs/deployment.hpp"

namespace fleetsim {

const char* rollout_state_name(RolloutState s) {
  static const char* const kNames[] = {"IN_PROGRESS", "COMPLETED", "FAILED", "ROLLBACK_IN_PROGRESS",
                                       "ROLLBACK_COMPLETED"};
  return kNames[static_cast<int>(s)];
}

RolloutBounds RolloutBounds::of(const DeploymentConfiguration& config, int desired) {
  // Integer arithmetic: minimum healthy rounds up, maximum rounds down (aws-facts §8).
  long d = desired;
  return {static_cast<int>((d * config.minimum_healthy_percent + 99) / 100),
          static_cast<int>(d * config.maximum_percent / 100)};
}

}  // namespace fleetsim
