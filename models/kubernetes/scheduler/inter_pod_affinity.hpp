#pragma once
/// InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity): the incoming pod's required
/// affinity and anti-affinity and existing pods' required anti-affinity as a filter, the incoming
/// pod's preferred terms as a score. Existing pods' affinity and preferred terms toward the incoming
/// pod are not modelled (pods are light records).

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>

#include "models/kubernetes/scheduler/node_info.hpp"
#include "models/kubernetes/scheduler/node_status.hpp"

namespace fleetsim::kube {

/// True when `term` selects `record` (namespaces empty: the incoming pod's own).
bool term_matches(const PodAffinityTerm& term, const std::string& pod_namespace, const PodRecord& record);

/// The filter's PreFilter state: matching pods per (topology key, value).
class PodAffinityFilterState {
 public:
  /// Counts existing pods against the pod's required terms, and existing pods' required anti-affinity
  /// terms selecting the pod, over every node.
  void init(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes);
  /// Required affinity, required anti-affinity, then existing pods' anti-affinity, for one node.
  [[nodiscard]] NodeStatus filter(const PodSchedulingSpec& pod, const NodeInfo& node) const;
  /// Adds `delta` (+1/-1) for `record` on `node` (for preemption's dry runs).
  void update(const PodSchedulingSpec& pod, const NodeInfo& node, const PodRecord& record, int delta);

 private:
  using Pair = std::pair<std::string, std::string>;
  std::map<Pair, std::int64_t> affinity_counts_;
  std::map<Pair, std::int64_t> anti_affinity_counts_;
  std::map<Pair, std::int64_t> existing_anti_affinity_counts_;
  bool pod_matches_own_terms_ = false;
};

/// The score's PreScore state: summed term weights per (topology key, value).
class PodAffinityScoreState {
 public:
  /// Sums preferred affinity weights (minus anti-affinity weights) over every existing pod.
  void init(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes);
  /// True when the pod has no preferred terms (the plugin skips).
  [[nodiscard]] bool skip() const { return skip_; }
  /// The raw score of `node`.
  [[nodiscard]] std::int64_t score(const NodeInfo& node) const;
  /// NormalizeScore: min-max to 0-100, in place.
  static void normalize(std::span<std::int64_t> scores);

 private:
  std::map<std::string, std::map<std::string, std::int64_t>> by_key_;
  bool skip_ = true;
};

}  // namespace fleetsim::kube
