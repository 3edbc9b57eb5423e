#pragma once
/// kubectl drain after the cordon: every pod on the node evicted through the Eviction API, each refused
/// one (429, a PodDisruptionBudget) tried again 5 s later until it goes (kubectl's drain.go).

#include <cstdint>
#include <string>
#include <vector>

#include "models/kubernetes/eviction.hpp"

namespace fleetsim::kube {

/// One `kubectl drain NODE` in progress.
class NodeDrain {
 public:
  /// kubectl's wait between two tries of a refused eviction ("will retry after 5s").
  static constexpr Duration kRetry = Duration::seconds(5);

  /// Drains the (cordoned) node `node` of `cluster` through `evictions`.
  NodeDrain(Cluster& cluster, EvictionApi& evictions, std::string node);
  ~NodeDrain();
  NodeDrain(const NodeDrain&) = delete;
  NodeDrain& operator=(const NodeDrain&) = delete;

  /// Sends the first evictions now.
  void start();

 private:
  struct PodKey {
    std::string ns;
    std::string name;
  };
  void try_all();
  void on_retry(std::uint64_t);

  Cluster& cluster_;
  EvictionApi& evictions_;
  std::string node_;
  std::vector<PodKey> left_;  // pods not yet evicted, by name: a pod may be gone before its retry
  EventId retry_;
};

}  // namespace fleetsim::kube
