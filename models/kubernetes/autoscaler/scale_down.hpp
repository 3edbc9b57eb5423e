#pragma once
/// The Cluster Autoscaler's scale-down arithmetic (core/scaledown, simulator): a node's utilization, and
/// whether its pods would fit on the other nodes, found by kube-scheduler's own filters over a copy of the
/// cluster (the pods of nodes already chosen for removal count where they would go).

#include <map>
#include <span>
#include <string>
#include <vector>

#include "models/kubernetes/eviction.hpp"
#include "models/kubernetes/scheduler/scheduler.hpp"
#include "sim/random/rng.hpp"

namespace fleetsim::kube {

/// Requested over allocatable, per resource (simulator/utilization).
struct NodeUtilization {
  double cpu = 0;     ///< requested / allocatable CPU
  double memory = 0;  ///< requested / allocatable memory
  /// The larger: what --scale-down-utilization-threshold is compared with.
  [[nodiscard]] double max() const { return cpu > memory ? cpu : memory; }
};

/// The utilization of `node`; with `ignore_daemonsets` the DaemonSet pods' `daemon_requests` are left out.
NodeUtilization node_utilization(const NodeInfo& node, const Resources& daemon_requests, bool ignore_daemonsets);

/// Why a pod keeps its node from being removed, or empty: with `skip_system_pods`, a kube-system pod that
/// no DaemonSet runs (CA: "non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present").
std::string blocking_pod(std::span<const PodSchedulingSpec> pods, bool skip_system_pods);

/// Moves `pods` off node `node` of `snapshot`: the node is marked unschedulable and each pod, in order,
/// is placed by the scheduler on another node of the snapshot. Returns empty when all fit (the snapshot
/// keeps them there), or the reason ("no place to move pod NS/NAME") with the snapshot unchanged.
std::string move_pods(std::vector<NodeInfo>& snapshot, std::size_t node, std::span<const PodSchedulingSpec> pods,
                      Scheduler& scheduler, Rng& rng);

/// CA's RemainingPdbTracker over one scan: each PodDisruptionBudget's disruptions allowed now, less the pods of
/// the nodes already chosen for removal (simulator/drainability/rules/pdb, core/scaledown/pdb).
class RemainingBudgets {
 public:
  /// The budgets `evictions` holds, their status read when first needed.
  explicit RemainingBudgets(const EvictionApi& evictions) : evictions_(evictions) {}
  /// Why `pods` cannot all be evicted under their budgets ("not enough pod disruption budget to move NS/NAME":
  /// a budget would need more disruptions than it has left), or empty.
  std::string blocking(std::span<const PodSchedulingSpec> pods);
  /// Counts `pods` as evicted.
  void remove(std::span<const PodSchedulingSpec> pods);

 private:
  int& remaining(const PodDisruptionBudget* budget);

  const EvictionApi& evictions_;
  std::map<const PodDisruptionBudget*, int> remaining_;
};

}  // namespace fleetsim::kube
