#include "models/kubernetes/scheduler/preemption.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>

#include "models/kubernetes/scheduler/fit_error.hpp"

namespace fleetsim::kube {

namespace {

struct Candidate {
  std::size_t node = 0;
  std::vector<PodRecord> victims;
  int highest = std::numeric_limits<int>::min();
  std::int64_t priority_sum = 0;
};

// SelectVictimsOnNode on a copy of the node and of the PreFilter state; nullopt with `status` set when
// the node cannot be made to fit.
std::optional<Candidate> select_victims(const PodSchedulingSpec& pod, const NodeInfo& original, std::size_t index,
                                        FilterState state, NodeStatus& status) {
  // Only pods of lower priority can be victims; a node without one is ruled out before anything is copied.
  auto lower = [&](const PodRecord& p) { return p.priority < pod.priority; };
  if (std::none_of(original.pods.begin(), original.pods.end(), lower)) {
    status = NodeStatus::of(FitReason::kNoVictims, true);
    return std::nullopt;
  }
  NodeInfo node = original;
  std::vector<PodRecord> potential;
  std::copy_if(original.pods.begin(), original.pods.end(), std::back_inserter(potential), lower);
  for (const PodRecord& p : potential) {
    node.remove_pod(p.namespace_name, p.name);
    state.update(pod, node, p, -1);
  }
  status = run_filters(pod, node, state);
  if (!status.fits()) return std::nullopt;
  // Most important first (higher priority; among equals, the earlier bound), each reprieved if the
  // pod still fits with it back.
  std::stable_sort(potential.begin(), potential.end(),
                   [](const PodRecord& a, const PodRecord& b) { return a.priority > b.priority; });
  Candidate c;
  c.node = index;
  for (const PodRecord& p : potential) {
    node.add_pod(p);
    state.update(pod, node, p, 1);
    if (run_filters(pod, node, state).fits()) continue;
    node.remove_pod(p.namespace_name, p.name);
    state.update(pod, node, p, -1);
    c.highest = std::max(c.highest, p.priority);
    // pickOneNodeForPreemption sums priority + MaxInt32 + 1 so that negative priorities still add up.
    c.priority_sum += static_cast<std::int64_t>(p.priority) + std::numeric_limits<std::int32_t>::max() + 1;
    c.victims.push_back(p);
  }
  if (c.victims.empty()) return std::nullopt;  // the pod fitted all along: nothing to preempt here
  return c;
}

bool better(const Candidate& a, const Candidate& b) {
  if (a.highest != b.highest) return a.highest < b.highest;
  if (a.priority_sum != b.priority_sum) return a.priority_sum < b.priority_sum;
  return a.victims.size() < b.victims.size();
}

}  // namespace

PreemptionResult preempt(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes,
                         std::span<const NodeStatus> statuses, const FilterState& state) {
  if (pod.preemption_never) return {std::nullopt, "preemption: not eligible due to preemptionPolicy=Never."};
  std::vector<NodeStatus> outcome(nodes.size());
  std::optional<Candidate> best;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    // nodesWherePreemptionMightHelp: an unresolvable failure stays whatever is evicted.
    if (statuses[i].unresolvable) {
      outcome[i] = NodeStatus::of(FitReason::kPreemptionNotHelpful, true);
      continue;
    }
    auto c = select_victims(pod, nodes[i], i, state, outcome[i]);
    if (c && (!best || better(*c, *best))) best = std::move(c);
  }
  if (best) return {Preemption{best->node, std::move(best->victims)}, ""};
  return {std::nullopt, "preemption: " + fit_error_message(nodes.size(), outcome, "")};
}

}  // namespace fleetsim::kube
