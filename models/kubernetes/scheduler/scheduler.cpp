#include "models/kubernetes/scheduler/scheduler.hpp"

#include <algorithm>

#include "models/kubernetes/scheduler/fit_error.hpp"
#include "models/kubernetes/scheduler/node_scores.hpp"

namespace fleetsim::kube {

namespace {

// schedule_one.go: minFeasibleNodesToFind and minFeasibleNodesPercentageToFind.
constexpr std::size_t kMinFeasibleNodesToFind = 100;
constexpr std::size_t kMinFeasibleNodesPercentage = 5;

}  // namespace

std::size_t num_feasible_nodes_to_find(std::size_t all_nodes) {
  if (all_nodes < kMinFeasibleNodesToFind) return all_nodes;
  std::size_t reduction = all_nodes / 125;
  std::size_t percentage = reduction >= 50 ? 0 : 50 - reduction;
  percentage = std::max(percentage, kMinFeasibleNodesPercentage);
  return std::max(all_nodes * percentage / 100, kMinFeasibleNodesToFind);
}

void Scheduler::find_feasible(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes) {
  // Filtering resumes where the last cycle stopped so that every node gets its turn, and stops once
  // enough feasible nodes are found.
  const std::size_t n = nodes.size();
  const std::size_t to_find = num_feasible_nodes_to_find(n);
  feasible_.clear();
  statuses_.assign(n, NodeStatus{});
  std::size_t processed = 0;
  for (std::size_t i = 0; i < n && feasible_.size() < to_find; ++i, ++processed) {
    std::size_t index = (next_start_index_ + i) % n;
    NodeStatus s = run_filters(pod, nodes[index], filter_state_);
    if (s.fits()) {
      feasible_.push_back(index);
    } else {
      statuses_[index] = s;
    }
  }
  next_start_index_ = (next_start_index_ + processed) % n;
}

void Scheduler::score(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes) {
  const std::size_t f = feasible_.size();
  totals_.assign(f, 0);
  plugin_.resize(f);
  auto add = [&](int weight) {
    for (std::size_t k = 0; k < f; ++k) totals_[k] += weight * plugin_[k];
  };
  auto each = [&](auto&& raw) {
    for (std::size_t k = 0; k < f; ++k) plugin_[k] = raw(nodes[feasible_[k]]);
  };

  each([&](const NodeInfo& n) { return intolerable_prefer_no_schedule_taints(pod, n); });
  default_normalize(plugin_, true);
  add(weights_.taint_toleration);

  if (!pod.affinity.node.preferred.empty()) {
    each([&](const NodeInfo& n) { return preferred_node_affinity_weight(pod, n); });
    default_normalize(plugin_, false);
    add(weights_.node_affinity);
  }

  each([&](const NodeInfo& n) { return least_allocated_score(pod, n); });
  add(weights_.node_resources_fit);

  spread_score_.init(pod, nodes, feasible_, match_counter_);
  if (!spread_score_.skip()) {
    for (std::size_t k = 0; k < f; ++k) plugin_[k] = spread_score_.score(nodes, feasible_[k]);
    spread_score_.normalize(nodes, feasible_, plugin_);
    add(weights_.pod_topology_spread);
  }

  affinity_score_.init(pod, nodes);
  if (!affinity_score_.skip()) {
    each([&](const NodeInfo& n) { return affinity_score_.score(n); });
    PodAffinityScoreState::normalize(plugin_);
    add(weights_.inter_pod_affinity);
  }

  if (!balanced_allocation_skips(pod)) {
    each([&](const NodeInfo& n) { return balanced_allocation_score(pod, n); });
    add(weights_.balanced_allocation);
  }

  if (!pod.images.empty()) {
    nodes_with_image_.assign(pod.images.size(), 0);
    for (std::size_t i = 0; i < pod.images.size(); ++i) {
      std::string image = normalized_image_name(pod.images[i].name);
      for (const NodeInfo& n : nodes) nodes_with_image_[i] += n.has_image(image) ? 1 : 0;
    }
    each([&](const NodeInfo& n) { return image_locality_score(pod, n, nodes_with_image_, nodes.size()); });
    add(weights_.image_locality);
  }
}

ScheduleResult Scheduler::schedule(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes, Rng& rng) {
  ScheduleResult result;
  totals_.clear();
  if (nodes.empty()) {
    feasible_.clear();
    result.message = kNoNodesAvailable;
    return result;
  }
  filter_state_.init(pod, nodes, match_counter_);
  find_feasible(pod, nodes);
  if (feasible_.empty()) {
    PreemptionResult p = preempt(pod, nodes, statuses_, filter_state_);
    result.preemption = std::move(p.chosen);
    result.message = fit_error_message(nodes.size(), statuses_, p.message);
    return result;
  }
  if (feasible_.size() == 1) {  // one feasible node: kube-scheduler does not score
    totals_.assign(1, 0);
    result.node = feasible_[0];
    return result;
  }
  score(pod, nodes);
  // selectHost: reservoir sampling over the nodes sharing the top score, in filtering order.
  std::size_t best = 0;
  std::uint64_t ties = 1;
  for (std::size_t k = 1; k < feasible_.size(); ++k) {
    if (totals_[k] > totals_[best]) {
      best = k;
      ties = 1;
    } else if (totals_[k] == totals_[best]) {
      ++ties;
      if (rng.next_below(ties) == 0) best = k;
    }
  }
  result.node = feasible_[best];
  return result;
}

}  // namespace fleetsim::kube
