#include "models/eks/karpenter/instance_selection.hpp"

#include <algorithm>
#include <numeric>

#include "models/eks/node_allocatable.hpp"

namespace fleetsim {

namespace {

bool fits(const InstanceOffer& offer, const kube::Resources& requested, std::size_t pods) {
  return requested.cpu_milli <= offer.allocatable.cpu_milli &&
         requested.memory_bytes <= offer.allocatable.memory_bytes && static_cast<int>(pods) <= offer.max_pods;
}

std::string family_of(const std::string& type) { return type.substr(0, type.find('.')); }

// The letters before the generation digit: "m" for m5, "c" for c6g (karpenter.k8s.aws/instance-category).
std::string category_of(const std::string& type) {
  std::string out;
  for (char c : type) {
    if (c < 'a' || c > 'z') break;
    out += c;
  }
  return out;
}

}  // namespace

std::vector<InstanceOffer> pool_offers(const NodePool& pool, const std::map<std::string, InstanceType>& types,
                                       const std::map<std::string, InstancePrice>& prices,
                                       const kube::Resources& daemon_requests, int daemon_pods) {
  bool capacity_type_given = false;
  kube::NodeSelectorTerm term;
  for (const kube::SelectorRequirement& r : pool.requirements) {
    capacity_type_given |= r.key == kCapacityTypeLabel;
    if (r.key != kube::kZoneLabel) term.match_expressions.push_back(r);  // the zone is chosen at launch
  }
  std::vector<InstanceOffer> out;
  for (const auto& [name, type] : types) {
    auto price = prices.find(name);
    if (price == prices.end()) continue;  // not sold in the region
    const NodeAllocatable alloc = eks_node_allocatable(type);
    for (const char* capacity : {"on-demand", "spot"}) {
      InstanceOffer o;
      o.instance_type = name;
      o.capacity_type = capacity;
      o.price_hour = o.capacity_type == "spot" ? price->second.spot_hour : price->second.on_demand_hour;
      o.labels = pool.labels;
      o.labels[kube::kInstanceTypeLabel] = name;
      o.labels[kCapacityTypeLabel] = capacity;
      o.labels["kubernetes.io/arch"] = type.architecture == "arm64" ? "arm64" : "amd64";
      o.labels["kubernetes.io/os"] = "linux";
      o.labels[kInstanceFamilyLabel] = family_of(name);
      o.labels[kInstanceCpuLabel] = std::to_string(type.vcpu);
      o.labels[kInstanceCategoryLabel] = category_of(name);
      o.labels["karpenter.sh/nodepool"] = pool.name;
      // No requirement allows every type (an empty nodeSelectorTerm would match nothing).
      if (!term.match_expressions.empty() && !kube::matches(term, o.labels)) continue;
      if (!capacity_type_given && o.capacity_type == "spot") continue;
      o.allocatable = {alloc.allocatable.cpu_milli - daemon_requests.cpu_milli,
                       alloc.allocatable.memory_bytes - daemon_requests.memory_bytes};
      o.max_pods = alloc.max_pods - daemon_pods;
      o.capacity = alloc.capacity;
      out.push_back(std::move(o));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const InstanceOffer& a, const InstanceOffer& b) {
    return a.price_hour < b.price_hour;  // the map's order (type name, on-demand first) breaks ties
  });
  return out;
}

std::vector<InstanceOffer> within_limits(const NodePool& pool, std::span<const InstanceOffer> offers,
                                         const kube::Resources& used) {
  std::vector<InstanceOffer> out;
  for (const InstanceOffer& o : offers) {
    if (pool.cpu_limit_milli && used.cpu_milli + o.capacity.cpu_milli > *pool.cpu_limit_milli) continue;
    if (pool.memory_limit_bytes && used.memory_bytes + o.capacity.memory_bytes > *pool.memory_limit_bytes) continue;
    out.push_back(o);
  }
  return out;
}

std::vector<std::string> allowed_zones(const NodePool& pool, const std::vector<std::string>& zones) {
  kube::NodeSelectorTerm term;
  for (const kube::SelectorRequirement& r : pool.requirements) {
    if (r.key == kube::kZoneLabel) term.match_expressions.push_back(r);
  }
  std::vector<std::string> out;
  for (const std::string& z : zones) {
    if (term.match_expressions.empty() || kube::matches(term, kube::Labels{{kube::kZoneLabel, z}})) out.push_back(z);
  }
  return out;
}

std::size_t choose_offer(std::span<const InstanceOffer> offers, std::span<const std::size_t> candidates) {
  for (std::size_t o : candidates) {
    if (offers[o].capacity_type == "spot") return o;
  }
  return candidates.front();
}

bool pod_compatible(const kube::PodSchedulingSpec& pod, const InstanceOffer& offer,
                    std::span<const kube::Taint> taints) {
  for (const kube::Taint& t : taints) {
    if (t.effect == kube::TaintEffect::kPreferNoSchedule) continue;
    if (std::none_of(pod.tolerations.begin(), pod.tolerations.end(),
                     [&](const kube::Toleration& tol) { return kube::tolerates(tol, t); }))
      return false;
  }
  for (const auto& [key, value] : pod.node_selector) {
    auto it = offer.labels.find(key);
    if (it == offer.labels.end() || it->second != value) return false;
  }
  const auto& required = pod.affinity.node.required;
  return required.empty() || std::any_of(required.begin(), required.end(), [&](const kube::NodeSelectorTerm& t) {
           return kube::matches(t, offer.labels);
         });
}

ProvisioningPlan plan_node_claims(std::span<const InstanceOffer> offers, std::span<const kube::PodSchedulingSpec> pods,
                                  std::span<const kube::Taint> taints) {
  std::vector<std::size_t> order(pods.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const kube::Resources &x = pods[a].requests, &y = pods[b].requests;
    return x.cpu_milli != y.cpu_milli ? x.cpu_milli > y.cpu_milli : x.memory_bytes > y.memory_bytes;
  });
  ProvisioningPlan plan;
  for (std::size_t p : order) {
    const kube::PodSchedulingSpec& pod = pods[p];
    bool placed = false;
    for (NodeClaimPlan& claim : plan.claims) {
      const kube::Resources with{claim.requested.cpu_milli + pod.requests.cpu_milli,
                                 claim.requested.memory_bytes + pod.requests.memory_bytes};
      std::vector<std::size_t> still;
      for (std::size_t o : claim.offers) {
        if (pod_compatible(pod, offers[o], taints) && fits(offers[o], with, claim.pods.size() + 1)) still.push_back(o);
      }
      if (still.empty()) continue;
      claim.offers = std::move(still);
      claim.requested = with;
      claim.pods.push_back(p);
      placed = true;
      break;
    }
    if (placed) continue;
    NodeClaimPlan claim;
    for (std::size_t o = 0; o < offers.size(); ++o) {
      if (pod_compatible(pod, offers[o], taints) && fits(offers[o], pod.requests, 1)) claim.offers.push_back(o);
    }
    if (claim.offers.empty()) {
      plan.unschedulable.push_back(p);
      continue;
    }
    claim.pods.push_back(p);
    claim.requested = pod.requests;
    plan.claims.push_back(std::move(claim));
  }
  std::sort(plan.unschedulable.begin(), plan.unschedulable.end());
  return plan;
}

std::optional<std::size_t> cheaper_replacement(std::span<const InstanceOffer> offers,
                                               std::span<const kube::PodSchedulingSpec> pods,
                                               std::span<const kube::Taint> taints, double current_price,
                                               bool current_spot) {
  if (pods.empty()) return std::nullopt;  // an empty node is deleted, not replaced
  ProvisioningPlan plan = plan_node_claims(offers, pods, taints);
  if (plan.claims.size() != 1 || !plan.unschedulable.empty()) return std::nullopt;
  std::vector<std::size_t> candidates;
  for (std::size_t o : plan.claims.front().offers) {
    if (!(current_spot && offers[o].capacity_type == "spot")) candidates.push_back(o);
  }
  if (candidates.empty()) return std::nullopt;
  const std::size_t chosen = choose_offer(offers, candidates);
  if (offers[chosen].price_hour >= current_price) return std::nullopt;
  return chosen;
}

}  // namespace fleetsim
