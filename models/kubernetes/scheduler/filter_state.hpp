#pragma once
/// The filters that look beyond one node (PodTopologySpread, InterPodAffinity) need counts over the
/// cluster, computed once per scheduling attempt (PreFilter); this holds them and runs every filter.

#include <span>

#include "models/kubernetes/scheduler/inter_pod_affinity.hpp"
#include "models/kubernetes/scheduler/node_info.hpp"
#include "models/kubernetes/scheduler/node_status.hpp"
#include "models/kubernetes/scheduler/topology_spread.hpp"

namespace fleetsim::kube {

/// PreFilter state of one pod's scheduling attempt.
struct FilterState {
  SpreadFilterState spread;         ///< PodTopologySpread, DoNotSchedule
  PodAffinityFilterState affinity;  ///< InterPodAffinity, required terms

  /// Computes the counts for `pod` over `nodes`.
  void init(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes, MatchCounter& counter);
  /// Accounts for `record` joining (+1) or leaving (-1) `node`.
  void update(const PodSchedulingSpec& pod, const NodeInfo& node, const PodRecord& record, int delta);
};

/// Every filter of the default profile in its order, stopping at the first that fails:
/// NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit, PodTopologySpread, InterPodAffinity.
NodeStatus run_filters(const PodSchedulingSpec& pod, const NodeInfo& node, const FilterState& state);

}  // namespace fleetsim::kube
