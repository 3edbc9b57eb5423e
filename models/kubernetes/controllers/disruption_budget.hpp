#pragma once
/// The disruption controller's arithmetic (pkg/controller/disruption/disruption.go): how many pods a
/// PodDisruptionBudget lets evictions take right now.

#include "models/kubernetes/api/objects.hpp"

namespace fleetsim::kube {

/// What the budget's status reports.
struct DisruptionBudgetStatus {
  int expected_pods = 0;        ///< status.expectedPods
  int desired_healthy = 0;      ///< status.desiredHealthy
  int current_healthy = 0;      ///< status.currentHealthy
  int disruptions_allowed = 0;  ///< status.disruptionsAllowed
};

/// The status for a budget whose selector matches `matching_pods` pods, `healthy` of them ready, their
/// controllers asking for `controller_scale` replicas in all. An integer minAvailable counts against
/// the matching pods; a percentage, and maxUnavailable, against the controllers' scale, rounded up.
DisruptionBudgetStatus disruption_budget_status(const PodDisruptionBudget& spec, int matching_pods, int healthy,
                                                int controller_scale);

}  // namespace fleetsim::kube
