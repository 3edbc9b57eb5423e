#pragma once
/// The Eviction API (pods/eviction, policy/v1) as the API server answers it
/// (pkg/registry/core/pod/storage/eviction.go): a pod is deleted only while the PodDisruptionBudget that
/// selects it allows a disruption; otherwise 429 TooManyRequests and the client retries.

#include <functional>
#include <string>
#include <vector>

#include "models/kubernetes/api/objects.hpp"
#include "models/kubernetes/cluster.hpp"
#include "models/kubernetes/controllers/disruption_budget.hpp"

namespace fleetsim::kube {

/// The API server's answer to one eviction.
struct EvictionAnswer {
  int code = 201;       ///< 201 Created (the pod is being deleted), 429 refused by a budget, 500 more than one budget
  std::string message;  ///< the Status message a client prints; empty on success
};

/// A cluster's PodDisruptionBudgets and the eviction subresource that honours them.
class EvictionApi {
 public:
  /// `controller_scale` tells the replicas a pod's controller asks for (a Deployment's spec.replicas), 0 when
  /// it has none the disruption controller can scale.
  EvictionApi(Cluster& cluster, std::function<int(const Pod&)> controller_scale);

  /// Creates or replaces (kubectl apply) a budget.
  void apply(const PodDisruptionBudget& budget);
  /// POST pods/NAME/eviction: deletes `pod` gracefully with `reason` when allowed.
  EvictionAnswer evict(Pod& pod, const std::string& reason);
  /// The budgets that select a pod of namespace `ns` with `labels`, in the order applied.
  std::vector<const PodDisruptionBudget*> budgets_for(const std::string& ns, const Labels& labels) const;
  /// The status of `budget` now, as the disruption controller computes it.
  DisruptionBudgetStatus status(const PodDisruptionBudget& budget) const;

 private:
  Cluster& cluster_;
  std::function<int(const Pod&)> controller_scale_;
  std::vector<PodDisruptionBudget> budgets_;  // in the order applied
};

}  // namespace fleetsim::kube
