#pragma once
/// Karpenter (karpenter.sh/v1 on AWS) for one EKS cluster: it batches pending pods, launches the cheapest
/// instance types of its NodePools that hold each batch through an instant EC2 Fleet, and disrupts nodes:
/// consolidation (empty nodes deleted, underutilized ones deleted when their pods fit elsewhere or replaced by one
/// cheaper node) within the pools' budgets, expiry, and Spot interruption (the node cordoned and drained; its pods'
/// replacements provisioned as any pending pods). Each decision is written as a ScalingDecision.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/api/instance_fleet.hpp"
#include "models/eks/karpenter/instance_selection.hpp"
#include "models/eks/karpenter/pod_batcher.hpp"
#include "models/kubernetes/scheduler/scheduler.hpp"
#include "sim/engine.hpp"
#include "sim/random/rng.hpp"

namespace fleetsim {

class EksCluster;
struct NodegroupConfig;

/// One cluster's Karpenter; it is the registry the fleet's instances join.
class Karpenter : public ContainerInstanceRegistry {
 public:
  /// Provisions `pools` (weights highest first) for `cluster` with `fleet`, pricing `types` at `prices`.
  Karpenter(EksCluster& cluster, InstanceFleet& fleet, std::vector<NodePool> pools,
            const std::map<std::string, InstanceType>& types, const std::map<std::string, InstancePrice>& prices);
  /// Starts looking at pending pods (every second) and at disruption (every 10 s).
  void start();

  void instance_registered(const InstanceRegistration& instance) override;
  void instance_draining(const std::string& instance_id, const std::string& reason) override;
  void instance_lost(const std::string& instance_id, const std::string& reason) override;
  int tasks_on(const std::string& instance_id) const override;

 private:
  // A NodeClaim: one instance Karpenter launched and the node it became.
  struct Claim {
    std::string name;  // NODEPOOL-xxxxx
    std::size_t pool = 0;
    InstanceOffer offer;
    std::string zone, instance_id, node;
    SimTime created;
    bool registered = false;
    bool gone = false;              // its instance terminated
    bool deleting = false;          // chosen for disruption (drained, or waiting for its replacement)
    bool draining = false;          // cordoned and drained: terminated once empty
    std::string replaces;           // the instance this claim replaces once it is initialized
    SimTime last_pod_event;         // when its pods last changed (consolidateAfter counts from it)
    std::size_t last_pods = 0;      // its pods then
    std::string disruption_reason;  // "Underutilized", "Empty", "Expired", "Interrupted"
  };
  void on_tick(std::uint64_t);
  void provision();
  std::size_t launch(std::size_t pool, const NodeClaimPlan& plan, std::span<const InstanceOffer> offers,
                     const std::vector<kube::PodSchedulingSpec>& pods, std::size_t chosen);
  void disrupt();
  bool consolidate(std::size_t pool, std::vector<std::size_t>& candidates);
  void delete_claim(Claim& claim, const std::string& reason);
  void finish_deletions();
  std::optional<std::size_t> node_index(const Claim& claim) const;
  kube::NodeInfo claim_node(const Claim& claim) const;
  NodegroupConfig node_config(const Claim& claim) const;
  std::vector<InstanceOffer> within_limits(std::size_t pool, const kube::Resources& freed) const;
  int disrupting(std::size_t pool) const;
  int pool_nodes(std::size_t pool) const;
  void decide(std::size_t pool, int from, int to, const nlohmann::ordered_json& fields) const;

  EksCluster& cluster_;
  InstanceFleet& fleet_;
  const std::map<std::string, InstanceType>& types_;
  std::vector<NodePool> pools_;
  std::vector<std::vector<InstanceOffer>> offers_;  // per pool, cheapest first
  std::vector<Claim> claims_;                       // every claim launched, in launch order
  kube::Scheduler scheduler_;                       // its own scheduling simulation: kube-scheduler's plugins
  Rng rng_;
  PodBatcher batcher_;
  std::vector<std::string> seen_;  // the pending pods seen at the last tick
  std::uint64_t serial_ = 0;
  int ticks_ = 0;
  EventId tick_;
};

}  // namespace fleetsim
