#include "models/eks/node_targets.hpp"

namespace fleetsim {

namespace {
// Nodes with this label are left out of every load balancer's targets (well-known label).
constexpr const char* kExcludeLabel = "node.kubernetes.io/exclude-from-external-load-balancers";
}  // namespace

NodeTarget::NodeTarget(TargetSync& sync, std::uint64_t id, NodeTargets& owner, const kube::NodeRegistration& node)
    : SyncedTarget(sync, id),
      owner_(owner),
      instance_id_(node.machine.instance_id),
      node_name_(node.name),
      zone_(node.machine.availability_zone),
      local_(owner.endpoints().on_node(node.name)) {}

ProbeAnswer NodeTarget::probe_answer() const {
  // A gone node answers nothing; with Local and no endpoint here kube-proxy drops the check (a real
  // check then times out; here it fails at once, with the same count of failures).
  return alive_ ? owner_.probe(local_) : ProbeAnswer::kRefused;
}

void NodeTarget::serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) {
  kube::Pod* pod = alive_ ? owner_.forward(node_name_, zone_, local_) : nullptr;
  if (pod == nullptr) {
    observer->on_dropped(token);  // no endpoint (or no node): the connection is refused, the ALB answers 502
    return;
  }
  group_ = observer;
  ++outstanding_;
  pod->serve(token, cpu_ms, this);
}

void NodeTarget::on_served(std::uint32_t token) {
  --outstanding_;
  group_->on_served(token);
}

void NodeTarget::on_dropped(std::uint32_t token) {
  --outstanding_;
  group_->on_dropped(token);
}

NodeTargets::NodeTargets(EksCluster& cluster, kube::ServiceEndpoints& endpoints, bool local, TargetGroupPort& group,
                         Duration sync_delay)
    : cluster_(cluster.name()),
      group_(group.name()),
      endpoints_(endpoints),
      local_(local),
      sync_(cluster.kube().context().engine, group, sync_delay) {
  cluster.watch_nodes(this);
}

void NodeTargets::write_summary(nlohmann::ordered_json& summary) const {
  summary["kubernetes"][cluster_]["instanceTargets"][group_] = {{"forwardedToAnotherNode", forwarded},
                                                                {"forwardedToAnotherZone", cross_zone}};
}

void NodeTargets::on_node_ready(const kube::NodeRegistration& node) {
  if (node.labels.count(kExcludeLabel) != 0) return;
  NodeTarget& target = sync_.add<NodeTarget>(*this, node);
  by_instance_[node.machine.instance_id] = &target;
  sync_.want(target, true);
}

void NodeTargets::on_node_gone(const std::string& instance_id) {
  auto it = by_instance_.find(instance_id);
  if (it == by_instance_.end()) return;
  NodeTarget& target = *it->second;
  by_instance_.erase(it);
  target.lose();
  sync_.forget(target);
}

kube::Pod* NodeTargets::forward(const std::string& node, const std::string& zone,
                                const std::vector<kube::Pod*>& local) {
  if (local_) return endpoints_.pick_from(local);
  kube::Pod* pod = endpoints_.pick();
  if (pod != nullptr && pod->node() != node) {
    ++forwarded;
    if (pod->availability_zone() != zone) ++cross_zone;
  }
  return pod;
}

ProbeAnswer NodeTargets::probe(const std::vector<kube::Pod*>& local) const {
  // The check on the NodePort is a connection like a request's: kube-proxy sends it to an endpoint (with
  // Cluster, any; with Local, the node's own). It passes when an endpoint it may reach answers healthy.
  const std::vector<kube::Pod*>& reachable = local_ ? local : endpoints_.ready();
  if (reachable.empty()) return ProbeAnswer::kRefused;
  for (const kube::Pod* pod : reachable) {
    if (pod->probe_answer() == ProbeAnswer::kHealthy) return ProbeAnswer::kHealthy;
  }
  return ProbeAnswer::kFailing;
}

}  // namespace fleetsim
