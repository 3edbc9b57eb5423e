#include "models/kubernetes/scheduler/filter_state.hpp"

#include "models/kubernetes/scheduler/node_filters.hpp"

namespace fleetsim::kube {

void FilterState::init(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes, MatchCounter& counter) {
  spread.init(pod, nodes, counter);
  affinity.init(pod, nodes);
}

void FilterState::update(const PodSchedulingSpec& pod, const NodeInfo& node, const PodRecord& record, int delta) {
  spread.update(pod, node, record, delta);
  affinity.update(pod, node, record, delta);
}

NodeStatus run_filters(const PodSchedulingSpec& pod, const NodeInfo& node, const FilterState& state) {
  NodeStatus s = run_node_filters(pod, node);
  if (!s.fits()) return s;
  s = state.spread.filter(pod, node);
  if (!s.fits()) return s;
  return state.affinity.filter(pod, node);
}

}  // namespace fleetsim::kube
