#pragma once
/// kube-proxy's view of one Service: its ready endpoints (the pods its selector picks that are ready and
/// not terminating, as the EndpointSlice controller publishes them) and the choice among them that the
/// iptables proxy mode makes for each new connection: uniformly at random over the ready endpoints (one
/// `statistic --mode random` rule per endpoint with probability 1/n, 1/(n-1), ..., 1; Kubernetes docs,
/// "Virtual IPs and Service Proxies", iptables mode). Endpoints change at once with a pod's readiness.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/kubernetes/cluster.hpp"
#include "sim/random/rng.hpp"

namespace fleetsim::kube {

/// The ready endpoints of one Service and kube-proxy's random pick among them.
class ServiceEndpoints : public PodWatcher {
 public:
  /// The endpoints of the pods of `ns` matching `selector`; picks draw from `rng`.
  ServiceEndpoints(std::string ns, LabelSelector selector, Rng rng)
      : ns_(std::move(ns)), selector_(std::move(selector)), rng_(rng) {}
  void on_pod_readiness(Pod& pod) override;
  void on_pod_gone(Pod& pod) override;

  /// A ready endpoint anywhere in the cluster, uniformly at random; nullptr when there is none.
  Pod* pick() { return pick_from(all_); }
  /// The ready endpoints on the node named `node`, kept up to date: the reference stays valid.
  const std::vector<Pod*>& on_node(const std::string& node) { return by_node_[node]; }
  /// One of `endpoints` (all of them, or a node's), uniformly at random; nullptr when empty.
  Pod* pick_from(const std::vector<Pod*>& endpoints) {
    if (endpoints.empty()) return nullptr;
    return endpoints[endpoints.size() == 1 ? 0 : rng_.next_below(endpoints.size())];
  }
  /// Every ready endpoint.
  const std::vector<Pod*>& ready() const { return all_; }

 private:
  void remove(const Pod& pod);

  std::string ns_;
  LabelSelector selector_;
  Rng rng_;
  std::vector<Pod*> all_;                             // order of arrival, a removed one swapped with the last
  std::map<const Pod*, std::size_t> index_;           // position in all_; looked up, never iterated
  std::map<std::string, std::vector<Pod*>> by_node_;  // looked up (and held by reference), never iterated
};

}  // namespace fleetsim::kube
