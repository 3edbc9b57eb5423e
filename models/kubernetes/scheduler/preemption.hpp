#pragma once
/// PostFilter DefaultPreemption (pkg/scheduler/framework/plugins/defaultpreemption), simplified:
/// on every node where preemption might help, remove all lower-priority pods, check the pod fits, then
/// give back as many as possible, most important first; among the nodes that work, choose as
/// pickOneNodeForPreemption does, by the lowest highest-victim priority, then the lowest sum of
/// victim priorities, then the fewest victims, then node order. PodDisruptionBudgets, the candidate
/// sampling and the victims' start times are not modelled.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "models/kubernetes/scheduler/filter_state.hpp"
#include "models/kubernetes/scheduler/node_info.hpp"
#include "models/kubernetes/scheduler/node_status.hpp"

namespace fleetsim::kube {

/// The node preemption nominates and the pods to evict there.
struct Preemption {
  std::size_t node = 0;            ///< index into the nodes
  std::vector<PodRecord> victims;  ///< most important first
};

/// What preemption decided.
struct PreemptionResult {
  std::optional<Preemption> chosen;  ///< set when evicting pods makes room
  std::string message;               ///< otherwise the PostFilter message ("preemption: ...")
};

/// Tries preemption for `pod`, which failed on every node with `statuses` (one per node, in order),
/// `state` being the pod's PreFilter state over `nodes`.
PreemptionResult preempt(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes,
                         std::span<const NodeStatus> statuses, const FilterState& state);

}  // namespace fleetsim::kube
