#pragma once
/// The AWS Load Balancer Controller's target binding for one Ingress backend in `instance` mode (its
/// default): every node of the cluster is registered on the Service's NodePort, and kube-proxy on the node
/// sends each request on to a ready endpoint of the Service. With `externalTrafficPolicy: Cluster` that is
/// any endpoint in the cluster, uniformly at random (an extra hop, often to another node, sometimes in
/// another AZ); with `Local` only the node's own endpoints, so a node without a ready pod of the Service
/// answers no health check and the ALB stops sending to it.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/eks/eks_cluster.hpp"
#include "models/eks/target_sync.hpp"
#include "models/kubernetes/service_endpoints.hpp"

namespace fleetsim {

class NodeTargets;

/// A node as an instance target: its kube-proxy forwards what the ALB sends to its NodePort.
class NodeTarget : public SyncedTarget, public ServingObserver {
 public:
  NodeTarget(TargetSync& sync, std::uint64_t id, NodeTargets& owner, const kube::NodeRegistration& node);
  TargetInfo info() const override { return TargetInfo{instance_id_, zone_, true}; }
  ProbeAnswer probe_answer() const override;
  void serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) override;
  std::uint32_t outstanding() const override { return outstanding_; }
  void on_served(std::uint32_t token) override;
  void on_dropped(std::uint32_t token) override;
  /// The node's machine is gone: nothing answers at its address any more.
  void lose() { alive_ = false; }

 private:
  NodeTargets& owner_;
  std::string instance_id_;  // its target id
  std::string node_name_;    // what pods bound to it name as their node
  std::string zone_;
  const std::vector<kube::Pod*>& local_;  // the Service's ready endpoints on this node
  bool alive_ = true;
  std::uint32_t outstanding_ = 0;
  ServingObserver* group_ = nullptr;  // the target group: the one observer of every request sent here
};

/// One backend Service of an Ingress in instance mode, bound to its target group.
class NodeTargets : public NodeWatcher {
 public:
  /// The nodes of `cluster` registered in `group` `sync_delay` after they join or leave, forwarding to
  /// `endpoints`, only to the node's own when `local` (externalTrafficPolicy Local).
  NodeTargets(EksCluster& cluster, kube::ServiceEndpoints& endpoints, bool local, TargetGroupPort& group,
              Duration sync_delay);
  void on_node_ready(const kube::NodeRegistration& node) override;
  void on_node_gone(const std::string& instance_id) override;

  /// kube-proxy's choice for a request reaching the node named `node` (nullptr: no endpoint it may use).
  kube::Pod* forward(const std::string& node, const std::string& zone, const std::vector<kube::Pod*>& local);
  /// How the node answers a health check on the NodePort.
  ProbeAnswer probe(const std::vector<kube::Pod*>& local) const;
  kube::ServiceEndpoints& endpoints() { return endpoints_; }
  /// Its part of summary.json: `kubernetes.CLUSTER.instanceTargets.TARGET_GROUP`.
  void write_summary(nlohmann::ordered_json& summary) const;

  std::int64_t forwarded = 0;   ///< requests kube-proxy sent on to a pod on another node
  std::int64_t cross_zone = 0;  ///< of those, to a pod in another AZ

 private:
  std::string cluster_;
  std::string group_;
  kube::ServiceEndpoints& endpoints_;
  bool local_;
  TargetSync sync_;
  std::map<std::string, NodeTarget*> by_instance_;  // looked up, never iterated
};

}  // namespace fleetsim
