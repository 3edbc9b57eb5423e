#pragma once
/// kube-scheduler's scheduling cycle for one pod with the default profile: filter the nodes (from
/// where the previous cycle stopped, until enough feasible ones are found), score them with the
/// default plugin weights, pick among the best by reservoir sampling, and on failure try preemption
/// and word the FailedScheduling message.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "models/kubernetes/scheduler/filter_state.hpp"
#include "models/kubernetes/scheduler/inter_pod_affinity.hpp"
#include "models/kubernetes/scheduler/node_info.hpp"
#include "models/kubernetes/scheduler/preemption.hpp"
#include "models/kubernetes/scheduler/topology_spread.hpp"
#include "sim/random/rng.hpp"

namespace fleetsim::kube {

/// Score plugin weights of the v1 default profile (pkg/scheduler/apis/config/v1/default_plugins.go).
struct ScoreWeights {
  int taint_toleration = 3;     ///< TaintToleration
  int node_affinity = 2;        ///< NodeAffinity
  int node_resources_fit = 1;   ///< NodeResourcesFit (LeastAllocated)
  int pod_topology_spread = 2;  ///< PodTopologySpread
  int inter_pod_affinity = 2;   ///< InterPodAffinity
  int balanced_allocation = 1;  ///< NodeResourcesBalancedAllocation
  int image_locality = 1;       ///< ImageLocality
};

/// The outcome of one scheduling attempt.
struct ScheduleResult {
  std::optional<std::size_t> node;       ///< index of the chosen node; empty when none fits
  std::string message;                   ///< the FailedScheduling message when none fits
  std::optional<Preemption> preemption;  ///< when none fits but evicting these pods makes room
};

/// How many feasible nodes the scheduler looks for before it stops filtering
/// (numFeasibleNodesToFind with percentageOfNodesToScore unset: all below 100 nodes, else
/// max(100, nodes x max(5, 50 - nodes/125) %)).
std::size_t num_feasible_nodes_to_find(std::size_t all_nodes);

/// One scheduler profile. It keeps where the last cycle stopped filtering, and scratch space reused
/// across pods.
class Scheduler {
 public:
  /// Schedules `pod` onto one of `nodes` (it does not bind: the caller adds pod.record() to the node,
  /// or evicts the victims of a preemption and tries again later). Ties are broken with `rng`.
  ScheduleResult schedule(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes, Rng& rng);

  /// The total weighted score of every node last scored, aligned with last_scored_nodes().
  [[nodiscard]] const std::vector<std::int64_t>& last_scores() const { return totals_; }
  /// The indices of the nodes last scored (the feasible ones, in filtering order).
  [[nodiscard]] const std::vector<std::size_t>& last_scored_nodes() const { return feasible_; }

 private:
  void find_feasible(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes);
  void score(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes);

  ScoreWeights weights_;
  std::size_t next_start_index_ = 0;
  MatchCounter match_counter_;
  FilterState filter_state_;
  SpreadScoreState spread_score_;
  PodAffinityScoreState affinity_score_;
  std::vector<std::size_t> feasible_;
  std::vector<NodeStatus> statuses_;
  std::vector<std::int64_t> totals_;
  std::vector<std::int64_t> plugin_;
  std::vector<int> nodes_with_image_;
};

}  // namespace fleetsim::kube
