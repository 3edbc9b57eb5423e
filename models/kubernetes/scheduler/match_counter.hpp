#pragma once
/// Pods matching a label selector, per node, remembered between scheduling cycles: a node's count is
/// recounted only when its pods changed since (its generation moved), as kube-scheduler's
/// PodTopologySpread memo does. Replicas of one workload scheduled in turn then cost a look at each
/// node's generation instead of a pass over every pod in the cluster.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "models/kubernetes/scheduler/node_info.hpp"

namespace fleetsim::kube {

/// Memoised matching-pod counts, keyed by namespace and selector.
class MatchCounter {
 public:
  /// For every node, the pods in `namespace_name` matching `selector`. The reference stays valid; its
  /// counts are those of `nodes` until the next call with the same selector and namespace.
  const std::vector<int>& counts(std::span<const NodeInfo> nodes, const LabelSelector& selector,
                                 const std::string& namespace_name);

 private:
  struct Memo {
    std::vector<const NodeInfo*> nodes;
    std::vector<std::uint64_t> generations;
    std::vector<int> counts;
  };
  std::map<std::string, Memo> memos_;
  std::string key_;
};

}  // namespace fleetsim::kube
