#pragma once
/// Karpenter's provisioning arithmetic for one NodePool: the instance types and capacity types its
/// requirements allow (offers, with their prices and what a node of each offers pods), and the node claims
/// a batch of pending pods needs, each launching the cheapest offer that holds its pods.

#include <map>
#include <optional>
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
inline constexpr const char* kInstanceCategoryLabel = "karpenter.k8s.aws/instance-category";

/// An instance type in a capacity type ("on-demand" or "spot").
struct InstanceOffer {
  std::string instance_type;
  std::string capacity_type;
  double price_hour = 0;
  kube::Labels labels;          ///< the well-known and Karpenter labels a node of it carries (with the pool's)
  kube::Resources allocatable;  ///< for pods, the DaemonSets' requests taken off
  kube::Resources capacity;     ///< vCPUs x 1000 and the nominal memory (what NodePool limits count)
  int max_pods = 0;             ///< pods it takes, the DaemonSets' taken off
};

/// The offers the pool's requirements allow among `types` priced in `prices`, cheapest first (ties by type
/// name, on-demand before spot). Without a capacity-type requirement only on-demand is offered, as
/// Karpenter does; without an instance-type one, every type of the catalogue may be launched.
std::vector<InstanceOffer> pool_offers(const NodePool& pool, const std::map<std::string, InstanceType>& types,
                                       const std::map<std::string, InstancePrice>& prices,
                                       const kube::Resources& daemon_requests, int daemon_pods);

/// The offers a new node of `pool` may still launch with: those whose capacity, added to `used` (the capacity of
/// the pool's nodes, launching ones included), stays within spec.limits cpu and memory.
std::vector<InstanceOffer> within_limits(const NodePool& pool, std::span<const InstanceOffer> offers,
                                         const kube::Resources& used);

/// The AZs among `zones` that the pool's `topology.kubernetes.io/zone` requirements allow, in order (every one
/// without such a requirement). Offers leave the zone out; a claim's zone is chosen at launch.
std::vector<std::string> allowed_zones(const NodePool& pool, const std::vector<std::string>& zones);

/// The offer a claim launches among `candidates` (indices into `offers`, cheapest first): the cheapest Spot offer
/// when there is one, else the cheapest. Karpenter asks CreateFleet for Spot with the price-capacity-optimized
/// strategy and on-demand with lowest-price; with no capacity pools simulated, the cheapest Spot offer stands for
/// price-capacity-optimized's pick.
std::size_t choose_offer(std::span<const InstanceOffer> offers, std::span<const std::size_t> candidates);

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

/// Single-node replacement (consolidation): the offer a node of `current_price` would be replaced with so that
/// all of `pods` (its pods) fit on one new node, or nothing when they need more than one node or the offer chosen
/// is not cheaper. A Spot node is not replaced by another Spot node (Karpenter's SpotToSpotConsolidation feature
/// gate is off by default).
std::optional<std::size_t> cheaper_replacement(std::span<const InstanceOffer> offers,
                                               std::span<const kube::PodSchedulingSpec> pods,
                                               std::span<const kube::Taint> taints, double current_price,
                                               bool current_spot);

}  // namespace fleetsim
