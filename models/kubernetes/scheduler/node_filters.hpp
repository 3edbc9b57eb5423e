#pragma once
/// The filters that need only the node itself: NodeUnschedulable, TaintToleration, NodeAffinity and
/// NodeResourcesFit, each as its plugin decides (pkg/scheduler/framework/plugins).

#include "models/kubernetes/scheduler/node_info.hpp"
#include "models/kubernetes/scheduler/node_status.hpp"

namespace fleetsim::kube {

/// The taint a cordoned node carries for the scheduler (node.kubernetes.io/unschedulable:NoSchedule).
inline constexpr const char* kUnschedulableTaintKey = "node.kubernetes.io/unschedulable";

/// True when `labels` satisfy the pod's nodeSelector and its required node affinity (ORed terms).
bool matches_node_selector_and_affinity(const PodSchedulingSpec& pod, const Labels& labels);

/// NodeUnschedulable: a cordoned node takes only pods tolerating its unschedulable taint.
NodeStatus filter_node_unschedulable(const PodSchedulingSpec& pod, const NodeInfo& node);
/// TaintToleration: the first NoSchedule or NoExecute taint the pod does not tolerate.
NodeStatus filter_taint_toleration(const PodSchedulingSpec& pod, const NodeInfo& node);
/// NodeAffinity: nodeSelector and requiredDuringSchedulingIgnoredDuringExecution.
NodeStatus filter_node_affinity(const PodSchedulingSpec& pod, const NodeInfo& node);
/// NodeResourcesFit: pod count, cpu and memory against allocatable less what is requested.
NodeStatus filter_node_resources(const PodSchedulingSpec& pod, const NodeInfo& node);

/// The four in the default profile's order, stopping at the first that fails.
NodeStatus run_node_filters(const PodSchedulingSpec& pod, const NodeInfo& node);

}  // namespace fleetsim::kube
