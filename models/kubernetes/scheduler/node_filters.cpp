#include "models/kubernetes/scheduler/node_filters.hpp"

#include <algorithm>

namespace fleetsim::kube {

namespace {

bool tolerated(const std::vector<Toleration>& tolerations, const Taint& taint) {
  return std::any_of(tolerations.begin(), tolerations.end(), [&](const Toleration& t) { return tolerates(t, taint); });
}

}  // namespace

bool matches_node_selector_and_affinity(const PodSchedulingSpec& pod, const Labels& labels) {
  for (const auto& [key, value] : pod.node_selector) {
    auto it = labels.find(key);
    if (it == labels.end() || it->second != value) return false;
  }
  const auto& required = pod.affinity.node.required;
  if (required.empty()) return true;
  return std::any_of(required.begin(), required.end(), [&](const NodeSelectorTerm& t) { return matches(t, labels); });
}

NodeStatus filter_node_unschedulable(const PodSchedulingSpec& pod, const NodeInfo& node) {
  if (!node.unschedulable) return {};
  Taint cordon{kUnschedulableTaintKey, "", TaintEffect::kNoSchedule};
  if (tolerated(pod.tolerations, cordon)) return {};
  return NodeStatus::of(FitReason::kNodeUnschedulable, true);
}

NodeStatus filter_taint_toleration(const PodSchedulingSpec& pod, const NodeInfo& node) {
  // FindMatchingUntoleratedTaint over NoSchedule and NoExecute taints; PreferNoSchedule only scores.
  for (const Taint& taint : node.taints) {
    if (taint.effect == TaintEffect::kPreferNoSchedule) continue;
    if (tolerated(pod.tolerations, taint)) continue;
    NodeStatus s = NodeStatus::of(FitReason::kUntoleratedTaint, true);
    s.taint = &taint;
    return s;
  }
  return {};
}

NodeStatus filter_node_affinity(const PodSchedulingSpec& pod, const NodeInfo& node) {
  if (matches_node_selector_and_affinity(pod, node.labels)) return {};
  return NodeStatus::of(FitReason::kNodeAffinity, true);
}

NodeStatus filter_node_resources(const PodSchedulingSpec& pod, const NodeInfo& node) {
  // fitsRequest: every shortfall is reported, pods first; a pod requesting nothing checks only the count.
  NodeStatus s;
  if (static_cast<int>(node.pods.size()) + 1 > node.allocatable_pods) s.add(FitReason::kTooManyPods);
  const Resources& r = pod.requests;
  if (r.cpu_milli > 0 && r.cpu_milli > node.allocatable.cpu_milli - node.requested.cpu_milli)
    s.add(FitReason::kInsufficientCpu);
  if (r.memory_bytes > 0 && r.memory_bytes > node.allocatable.memory_bytes - node.requested.memory_bytes)
    s.add(FitReason::kInsufficientMemory);
  return s;
}

NodeStatus run_node_filters(const PodSchedulingSpec& pod, const NodeInfo& node) {
  // Default profile order (apis/config/v1/default_plugins.go): NodeUnschedulable, TaintToleration,
  // NodeAffinity, NodeResourcesFit; the framework stops at the first plugin that rejects the node.
  for (auto filter :
       {filter_node_unschedulable, filter_taint_toleration, filter_node_affinity, filter_node_resources}) {
    NodeStatus s = filter(pod, node);
    if (!s.fits()) return s;
  }
  return {};
}

}  // namespace fleetsim::kube
