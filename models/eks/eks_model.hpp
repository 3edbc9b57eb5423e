#pragma once
/// The EKS model of a run: its clusters, and the ALB target bindings the AWS Load Balancer Controller
/// made for their Ingresses.

#include <memory>
#include <vector>

#include "models/eks/cloudwatch_external_metrics.hpp"
#include "models/eks/eks_catalog.hpp"
#include "models/eks/eks_cluster.hpp"
#include "models/eks/ingress_targets.hpp"
#include "models/eks/karpenter/karpenter.hpp"
#include "models/eks/keda_scaled_object.hpp"
#include "models/eks/kube_proxy.hpp"
#include "models/eks/node_targets.hpp"
#include "models/eks/service_client.hpp"
#include "models/world.hpp"

namespace fleetsim {

/// Every EKS cluster of a run.
class EksModel : public Model {
 public:
  explicit EksModel(World& world) : world_(world) {}
  void link(World& world) override { external_metrics.link(world); }
  void start() override {
    for (auto& c : clusters) c->start(world_.costs);
    for (auto& k : keda) k->start();
    for (auto& k : karpenters) k->start();
  }
  void finish(SimTime end) override {
    for (auto& c : clusters) c->finish(end, world_.costs);
  }
  void write_summary(nlohmann::ordered_json& summary) const override {
    for (const auto& c : clusters) summary["kubernetes"][c->name()] = c->summary();
    for (const auto& n : node_targets) n->write_summary(summary);
  }
  /// The cluster `name`, or nullptr.
  EksCluster* find(const std::string& name) const {
    for (const auto& c : clusters) {
      if (c->name() == name) return c.get();
    }
    return nullptr;
  }

  EksCatalog catalog;
  std::vector<std::unique_ptr<EksCluster>> clusters;
  std::vector<std::unique_ptr<IngressTargets>> ingress_targets;
  KubeProxy kube_proxy;
  std::vector<std::unique_ptr<NodeTargets>> node_targets;       ///< instance mode's bindings
  std::vector<std::unique_ptr<ServiceClient>> service_clients;  ///< in-cluster traffic to ClusterIPs
  CloudWatchExternalMetrics external_metrics;                   ///< what HPAs' External metrics read
  std::vector<std::unique_ptr<KedaScaledObject>> keda;          ///< KEDA's ScaledObjects
  std::map<std::string, std::vector<NodePool>> node_pools;      ///< by cluster, as applied
  std::vector<std::unique_ptr<Karpenter>> karpenters;           ///< one per cluster with NodePools

 private:
  World& world_;
};

}  // namespace fleetsim
