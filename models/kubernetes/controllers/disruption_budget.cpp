#include "models/kubernetes/controllers/disruption_budget.hpp"

#include <algorithm>

namespace fleetsim::kube {

DisruptionBudgetStatus disruption_budget_status(const PodDisruptionBudget& spec, int matching_pods, int healthy,
                                                int controller_scale) {
  DisruptionBudgetStatus s;
  s.current_healthy = healthy;
  if (spec.max_unavailable) {
    s.expected_pods = controller_scale;
    s.desired_healthy = std::max(0, controller_scale - spec.max_unavailable->scaled(controller_scale, true));
  } else if (spec.min_available && !spec.min_available->percent) {
    s.expected_pods = matching_pods;
    s.desired_healthy = spec.min_available->value;
  } else if (spec.min_available) {
    s.expected_pods = controller_scale;
    s.desired_healthy = spec.min_available->scaled(controller_scale, true);
  }
  // updatePdbStatus: nothing is allowed without expected pods or without healthy pods to spare.
  s.disruptions_allowed = s.expected_pods <= 0 ? 0 : std::max(0, s.current_healthy - s.desired_healthy);
  return s;
}

}  // namespace fleetsim::kube
