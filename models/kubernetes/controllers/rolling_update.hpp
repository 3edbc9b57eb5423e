#pragma once
/// The Deployment controller's RollingUpdate arithmetic (pkg/controller/deployment/rolling.go and
/// util/deployment_util.go): maxSurge and maxUnavailable against replicas, and one reconcile step of
/// the new and old ReplicaSets.

#include <vector>

#include "models/kubernetes/api/objects.hpp"

namespace fleetsim::kube {

/// maxSurge and maxUnavailable resolved against a replica count.
struct Fenceposts {
  int max_surge = 0;        ///< extra pods allowed above replicas
  int max_unavailable = 0;  ///< pods allowed below replicas
};

/// ResolveFenceposts: surge rounded up, unavailable rounded down; both 0 makes unavailable 1 (so a
/// rollout whose surge cannot be placed still moves).
Fenceposts resolve_fenceposts(const DeploymentStrategy& strategy, int replicas);

/// MaxUnavailable(deployment): 0 with 0 replicas, otherwise the resolved value capped at replicas.
int max_unavailable(const DeploymentStrategy& strategy, int replicas);

/// A ReplicaSet's spec.replicas and status.availableReplicas.
struct ReplicaSetCounts {
  int replicas = 0;   ///< spec.replicas
  int available = 0;  ///< status.availableReplicas (ready for minReadySeconds)
};

/// NewRSNewReplicas for RollingUpdate: the new ReplicaSet's size after scaling up within
/// replicas + maxSurge pods in total, never above `replicas`.
int new_rs_new_replicas(const DeploymentStrategy& strategy, int replicas, int all_replicas, int new_rs_replicas);

/// The ReplicaSets' sizes after one rolloutRolling pass.
struct RolloutStep {
  int new_replicas = 0;           ///< the new ReplicaSet's spec.replicas
  std::vector<int> old_replicas;  ///< each old ReplicaSet's spec.replicas, in the order given
  int cleaned_up = 0;             ///< old pods removed because they were unavailable anyway
  int scaled_down = 0;            ///< old available pods removed within maxUnavailable
};

/// One reconcile of a rolling update: scale the new ReplicaSet up (reconcileNewReplicaSet); if that
/// changed nothing, scale old ones down (reconcileOldReplicaSets: unhealthy replicas first, bounded by
/// allPods - minAvailable - newRS unavailable; then available ones down to minAvailable). `old_sets`
/// must be oldest first.
RolloutStep rolling_update_step(const DeploymentStrategy& strategy, int replicas, ReplicaSetCounts new_set,
                                const std::vector<ReplicaSetCounts>& old_sets);

}  // namespace fleetsim::kube
