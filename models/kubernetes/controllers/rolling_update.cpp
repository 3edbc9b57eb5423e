#include "models/kubernetes/controllers/rolling_update.hpp"

#include <algorithm>

namespace fleetsim::kube {

Fenceposts resolve_fenceposts(const RollingUpdateStrategy& strategy, int replicas) {
  Fenceposts f{scaled_value(strategy.max_surge, replicas, true),
               scaled_value(strategy.max_unavailable, replicas, false)};
  // Validation forbids both 0, but rounding down can make maxUnavailable 0; surge might not be
  // placeable (quota), so the controller allows one unavailable pod instead.
  if (f.max_surge == 0 && f.max_unavailable == 0) f.max_unavailable = 1;
  return f;
}

int max_unavailable(const RollingUpdateStrategy& strategy, int replicas) {
  if (replicas == 0) return 0;
  return std::min(resolve_fenceposts(strategy, replicas).max_unavailable, replicas);
}

int new_rs_new_replicas(const RollingUpdateStrategy& strategy, int replicas, int all_replicas, int new_rs_replicas) {
  int max_total = replicas + scaled_value(strategy.max_surge, replicas, true);
  if (all_replicas >= max_total) return new_rs_replicas;
  int scale_up = std::min(max_total - all_replicas, replicas - new_rs_replicas);
  return new_rs_replicas + scale_up;
}

RolloutStep rolling_update_step(const RollingUpdateStrategy& strategy, int replicas, ReplicaSetCounts new_set,
                                const std::vector<ReplicaSetCounts>& old_sets) {
  RolloutStep step;
  step.new_replicas = new_set.replicas;
  int old_total = 0;
  int old_available = 0;
  for (const auto& rs : old_sets) {
    step.old_replicas.push_back(rs.replicas);
    old_total += rs.replicas;
    old_available += rs.available;
  }
  // reconcileNewReplicaSet: a change to the new ReplicaSet ends the pass.
  if (new_set.replicas > replicas) {
    step.new_replicas = replicas;
    return step;
  }
  if (new_set.replicas < replicas) {
    step.new_replicas = new_rs_new_replicas(strategy, replicas, old_total + new_set.replicas, new_set.replicas);
    if (step.new_replicas != new_set.replicas) return step;
  }
  // reconcileOldReplicaSets.
  if (old_total == 0) return step;
  int min_available = replicas - max_unavailable(strategy, replicas);
  int new_unavailable = new_set.replicas - new_set.available;
  int max_scaled_down = old_total + new_set.replicas - min_available - new_unavailable;
  if (max_scaled_down <= 0) return step;
  // cleanupUnhealthyReplicas: removing pods that are not available costs no availability.
  for (std::size_t i = 0; i < old_sets.size() && step.cleaned_up < max_scaled_down; ++i) {
    int unhealthy = step.old_replicas[i] - old_sets[i].available;
    if (step.old_replicas[i] == 0 || unhealthy <= 0) continue;
    int n = std::min(max_scaled_down - step.cleaned_up, unhealthy);
    step.old_replicas[i] -= n;
    step.cleaned_up += n;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: available pods above minAvailable, oldest sets first.
  int available = old_available + new_set.available;
  if (available <= min_available) return step;
  int to_scale_down = available - min_available;
  for (std::size_t i = 0; i < old_sets.size() && step.scaled_down < to_scale_down; ++i) {
    int n = std::min(step.old_replicas[i], to_scale_down - step.scaled_down);
    step.old_replicas[i] -= n;
    step.scaled_down += n;
  }
  return step;
}

}  // namespace fleetsim::kube
