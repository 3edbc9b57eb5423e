#pragma once
/// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread): the DoNotSchedule filter and
/// the ScheduleAnyway score, with the system default constraints for pods that give none.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "models/kubernetes/scheduler/match_counter.hpp"
#include "models/kubernetes/scheduler/node_info.hpp"
#include "models/kubernetes/scheduler/node_status.hpp"

namespace fleetsim::kube {

/// Pods matching `selector` in `namespace_name` on `node` (countPodsMatchSelector).
int count_matching_pods(const NodeInfo& node, const LabelSelector& selector, const std::string& namespace_name);

/// The constraints the plugin applies for `do_not_schedule` (true: filtering, false: scoring): the
/// pod's own of that kind, or, when it has none at all, the system defaults (zone maxSkew 5, hostname
/// maxSkew 3, both ScheduleAnyway) over its default_spread_selector.
std::vector<TopologySpreadConstraint> spread_constraints(const PodSchedulingSpec& pod, bool do_not_schedule);

/// The filter's PreFilter state: matching pods per topology domain for each DoNotSchedule constraint.
class SpreadFilterState {
 public:
  /// Counts over the nodes that pass the pod's node affinity and carry every constraint's key.
  void init(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes, MatchCounter& counter);
  /// The skew check of one node.
  [[nodiscard]] NodeStatus filter(const PodSchedulingSpec& pod, const NodeInfo& node) const;
  /// Adds `delta` (+1/-1) for `record` on `node` (PreFilterExtensions AddPod/RemovePod, for preemption).
  void update(const PodSchedulingSpec& pod, const NodeInfo& node, const PodRecord& record, int delta);

 private:
  struct Entry {
    TopologySpreadConstraint constraint;
    std::map<std::string, std::int64_t> counts;  // topology value -> matching pods
  };
  std::vector<Entry> entries_;
};

/// The score's PreScore state: pods per topology pair for each ScheduleAnyway constraint.
class SpreadScoreState {
 public:
  /// Prepares scoring of `feasible` (indices into `nodes`); counts pods over every node.
  void init(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes, std::span<const std::size_t> feasible,
            MatchCounter& counter);
  /// True when there is nothing to score (the plugin skips).
  [[nodiscard]] bool skip() const { return entries_.empty(); }
  /// The raw score of nodes[`index`] (lower is better before normalising); `nodes` as given to init.
  [[nodiscard]] std::int64_t score(std::span<const NodeInfo> nodes, std::size_t index) const;
  /// NormalizeScore over the feasible nodes' raw scores, in place (0-100, fewer matches higher).
  void normalize(std::span<const NodeInfo> nodes, std::span<const std::size_t> feasible,
                 std::span<std::int64_t> scores) const;

 private:
  [[nodiscard]] bool ignored(const NodeInfo& node) const;
  struct Entry {
    TopologySpreadConstraint constraint;
    std::map<std::string, std::int64_t> counts;  // topology value -> matching pods (not for hostname)
    double weight = 0;                           // topologyNormalizingWeight
    const std::vector<int>* per_node = nullptr;  // matching pods per node (hostname)
  };
  std::vector<Entry> entries_;
  bool require_all_topologies_ = false;
};

}  // namespace fleetsim::kube
