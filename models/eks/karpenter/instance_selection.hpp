#pragma once
/// Karpenter's provisioning arithmetic for one NodePool: the instance types and capacity types its
/// requirements allow (offers, with their prices and what a node of each offers pods), and the node claims
/// a batch of pending pods needs, each launching the cheapest offer that holds its pods.

#include <map>
#include <span>
#include <string>
#include <vector>

#include "models/catalog/instance_types.hpp"
#include "models/eks/karpenter/node_pool.hpp"
#include "models/kubernetes/scheduler/node_info.hpp"

namespace fleetsim {

/// The labels Karpenter puts on a node it launches and requirements select on.
inline constexpr const char* kCapacityTypeLabel = "karpenter.sh/capacity-type";
inline constexpr const char* kInstanceFamilyLabel = "karpenter.k8s.aws/instance-family";
inline constexpr const char* kInstanceCpuLabel = "karpenter.k8s.aws/instance-cpu";

/// An instance type in a capacity type ("on-demand" or "spot").
struct InstanceOffer {
  std::string instance_type;
  std::string capacity_type;
  double price_hour = 0;
  kube::Labels labels;          ///< the well-known and Karpenter labels a node of it carries (with the pool's)
  kube::Resources allocatable;  ///< for pods, the DaemonSets' requests taken off
  int max_pods = 0;             ///< pods it takes, the DaemonSets' taken off
};

/// The offers the pool's requirements allow among `types` priced in `prices`, cheapest first (ties by type
/// name, on-demand before spot). Without a capacity-type requirement only on-demand is offered, as
/// Karpenter does; without an instance-type one, every type of the catalogue may be launched.
std::vector<InstanceOffer> pool_offers(const NodePool& pool, const std::map<std::string, InstanceType>& types,
                                       const std::map<std::string, InstancePrice>& prices,
                                       const kube::Resources& daemon_requests, int daemon_pods);

/// A node Karpenter would launch for part of a batch.
struct NodeClaimPlan {
  std::vector<std::size_t> pods;    ///< indices into the batch
  kube::Resources requested;        ///< their requests together
  std::vector<std::size_t> offers;  ///< the offers that hold them all, cheapest first
};

/// A batch's plan: its node claims, and the pods no offer of the pool holds.
struct ProvisioningPlan {
  std::vector<NodeClaimPlan> claims;
  std::vector<std::size_t> unschedulable;
};

/// True when `pod` may run on a node of `offer` from a pool with `taints`: it tolerates the taints and its
/// node selector and required node affinity match the offer's labels.
bool pod_compatible(const kube::PodSchedulingSpec& pod, const InstanceOffer& offer,
                    std::span<const kube::Taint> taints);

/// Karpenter's scheduler over a batch: the pods largest first (CPU, then memory); each joins the first claim
/// for which an offer still holds it with the claim's pods (the claim's offers narrow to those), else opens
/// a claim with every offer that holds it alone. Each claim launches its first (cheapest) offer.
ProvisioningPlan plan_node_claims(std::span<const InstanceOffer> offers, std::span<const kube::PodSchedulingSpec> pods,
                                  std::span<const kube::Taint> taints);

}  // namespace fleetsim
