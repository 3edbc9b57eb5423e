#include "models/kubernetes/eviction.hpp"

#include <algorithm>
#include <set>

namespace fleetsim::kube {

EvictionApi::EvictionApi(Cluster& cluster, std::function<int(const Pod&)> controller_scale)
    : cluster_(cluster), controller_scale_(std::move(controller_scale)) {}

void EvictionApi::apply(const PodDisruptionBudget& budget) {
  for (PodDisruptionBudget& b : budgets_) {
    if (b.metadata.ns == budget.metadata.ns && b.metadata.name == budget.metadata.name) {
      b = budget;
      return;
    }
  }
  budgets_.push_back(budget);
}

namespace {
bool selects(const PodDisruptionBudget& b, const std::string& ns, const Labels& labels) {
  return b.metadata.ns == ns && matches(b.selector, labels);
}
bool selects(const PodDisruptionBudget& b, const Pod& pod) {
  return selects(b, pod.ns(), pod.blueprint().scheduling.labels);
}
}  // namespace

std::vector<const PodDisruptionBudget*> EvictionApi::budgets_for(const std::string& ns, const Labels& labels) const {
  std::vector<const PodDisruptionBudget*> out;
  for (const PodDisruptionBudget& b : budgets_) {
    if (selects(b, ns, labels)) out.push_back(&b);
  }
  return out;
}

DisruptionBudgetStatus EvictionApi::status(const PodDisruptionBudget& budget) const {
  // The disruption controller lists the selected pods (terminating ones included) and counts as healthy
  // those Ready and not being deleted; the scale is the sum over their distinct controllers.
  int matching = 0, healthy = 0, scale = 0;
  std::set<std::string> owners;
  for (const Pod* p : cluster_.pods()) {
    if (!selects(budget, *p)) continue;
    ++matching;
    if (p->ready() && !p->terminating()) ++healthy;
    if (!p->blueprint().owner.empty() && owners.insert(p->blueprint().owner).second) scale += controller_scale_(*p);
  }
  return disruption_budget_status(budget, matching, healthy, scale);
}

EvictionAnswer EvictionApi::evict(Pod& pod, const std::string& reason) {
  // canIgnorePDB: a pod that finished, never started, or is already going needs no budget.
  const bool ignore = pod.phase() == PodPhase::kSucceeded || pod.phase() == PodPhase::kFailed ||
                      pod.phase() == PodPhase::kPending || pod.terminating();
  const std::vector<const PodDisruptionBudget*> mine = budgets_for(pod.ns(), pod.blueprint().scheduling.labels);
  if (!ignore && mine.size() > 1) {
    return {500, "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."};
  }
  if (!ignore && mine.size() == 1) {
    const DisruptionBudgetStatus s = status(*mine.front());
    // unhealthyPodEvictionPolicy IfHealthyBudget (the default): an unready pod may go while the budget
    // has its healthy pods; a ready one only while a disruption is allowed.
    const bool unready_ok = !pod.ready() && s.current_healthy >= s.desired_healthy;
    if (!unready_ok && s.disruptions_allowed == 0) {
      return {429, "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget " +
                       mine.front()->metadata.name + " needs " + std::to_string(s.desired_healthy) +
                       " healthy pods and has " + std::to_string(s.current_healthy) + " currently"};
    }
  }
  cluster_.delete_pod(pod, reason);
  return {};
}

}  // namespace fleetsim::kube
