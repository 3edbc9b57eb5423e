#pragma once
/// The disruption controller's arithmetic (pkg/controller/disruption/disruption.go): how many pods a
/// PodDisruptionBudget lets evictions take right now.

#include <optional>

#include "models/kubernetes/controllers/int_or_percent.hpp"

namespace fleetsim::kube {

/// spec.minAvailable or spec.maxUnavailable (exactly one is set in a valid budget).
struct DisruptionBudgetSpec {
  std::optional<IntOrPercent> min_available;    ///< minAvailable
  std::optional<IntOrPercent> max_unavailable;  ///< maxUnavailable
};

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
DisruptionBudgetStatus disruption_budget_status(const DisruptionBudgetSpec& spec, int matching_pods, int healthy,
                                                int controller_scale);

}  // namespace fleetsim::kube
