#include "models/kubernetes/autoscaler/scale_down.hpp"

namespace fleetsim::kube {

NodeUtilization node_utilization(const NodeInfo& node, const Resources& daemon_requests, bool ignore_daemonsets) {
  // DaemonSet pods count unless --ignore-daemonsets-utilization (default false).
  Resources requested = node.requested;
  if (ignore_daemonsets) {
    requested.cpu_milli -= daemon_requests.cpu_milli;
    requested.memory_bytes -= daemon_requests.memory_bytes;
  }
  auto ratio = [](std::int64_t used, std::int64_t of) {
    return of > 0 ? static_cast<double>(used) / static_cast<double>(of) : 0.0;
  };
  return {ratio(requested.cpu_milli, node.allocatable.cpu_milli),
          ratio(requested.memory_bytes, node.allocatable.memory_bytes)};
}

std::string blocking_pod(std::span<const PodSchedulingSpec> pods, bool skip_system_pods) {
  if (!skip_system_pods) return {};
  for (const PodSchedulingSpec& pod : pods) {
    if (pod.namespace_name == "kube-system")
      return "non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present: " + pod.name;
  }
  return {};
}

std::string move_pods(std::vector<NodeInfo>& snapshot, std::size_t node, std::span<const PodSchedulingSpec> pods,
                      Scheduler& scheduler, Rng& rng) {
  std::vector<NodeInfo> trial = snapshot;
  trial[node].unschedulable = true;
  for (const PodSchedulingSpec& pod : pods) {
    ScheduleResult r = scheduler.schedule(pod, trial, rng);
    if (!r.node) return "no place to move pod " + pod.namespace_name + "/" + pod.name;
    trial[*r.node].add_pod(pod.record());
  }
  snapshot = std::move(trial);
  return {};
}

int& RemainingBudgets::remaining(const PodDisruptionBudget* budget) {
  auto it = remaining_.find(budget);
  if (it == remaining_.end()) it = remaining_.emplace(budget, evictions_.status(*budget).disruptions_allowed).first;
  return it->second;
}

std::string RemainingBudgets::blocking(std::span<const PodSchedulingSpec> pods) {
  // CanRemovePods: every budget must allow as many disruptions as the node has pods it selects.
  std::map<const PodDisruptionBudget*, int> wanted;
  for (const PodSchedulingSpec& pod : pods) {
    for (const PodDisruptionBudget* b : evictions_.budgets_for(pod.namespace_name, pod.labels)) {
      if (++wanted[b] > remaining(b))
        return "not enough pod disruption budget to move " + pod.namespace_name + "/" + pod.name;
    }
  }
  return {};
}

void RemainingBudgets::remove(std::span<const PodSchedulingSpec> pods) {
  for (const PodSchedulingSpec& pod : pods) {
    for (const PodDisruptionBudget* b : evictions_.budgets_for(pod.namespace_name, pod.labels)) --remaining(b);
  }
}

}  // namespace fleetsim::kube
