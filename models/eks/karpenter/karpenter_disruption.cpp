// Karpenter's disruption: expiry, then consolidation of each NodePool within its budgets, and the termination of
// the nodes chosen (cordon, drain through the Eviction API, then the instance terminated).

#include <algorithm>

#include "models/eks/eks_cluster.hpp"
#include "models/eks/karpenter/karpenter.hpp"
#include "models/kubernetes/autoscaler/scale_down.hpp"

namespace fleetsim {

namespace {

nlohmann::ordered_json pod_names(const std::vector<kube::PodSchedulingSpec>& pods) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const kube::PodSchedulingSpec& p : pods) out.push_back(p.namespace_name + "/" + p.name);
  return out;
}

}  // namespace

int Karpenter::disrupting(std::size_t pool) const {
  return static_cast<int>(std::count_if(claims_.begin(), claims_.end(),
                                        [&](const Claim& c) { return c.pool == pool && c.deleting && !c.gone; }));
}

void Karpenter::disrupt() {
  const SimTime now = cluster_.kube().context().engine.now();
  // consolidateAfter counts from the last time a pod was bound to or left the node.
  for (Claim& c : claims_) {
    if (!c.registered || c.gone) continue;
    std::optional<std::size_t> i = node_index(c);
    const std::size_t pods = i ? cluster_.nodes().pods_on_node(*i).size() : 0;
    if (pods != c.last_pods) {
      c.last_pods = pods;
      c.last_pod_event = now;
    }
  }
  // Expiration is forceful in karpenter.sh/v1: no budget holds it back.
  for (Claim& c : claims_) {
    const NodePool& pool = pools_[c.pool];
    if (!c.registered || c.gone || c.deleting || !pool.expire_after || now - c.created < *pool.expire_after) continue;
    decide(c.pool, pool_nodes(c.pool), pool_nodes(c.pool) - 1,
           {{"action", "Expire"},
            {"nodeClaim", c.name},
            {"node", c.node},
            {"createdAt", c.created.seconds_f()},
            {"expireAfter", pool.expire_after->seconds_f()}});
    delete_claim(c, "Expired");
  }
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    if (!pools_[p].consolidate_after) continue;  // consolidateAfter: Never
    std::vector<std::size_t> candidates;
    for (std::size_t k = 0; k < claims_.size(); ++k) {
      const Claim& c = claims_[k];
      if (c.pool == p && c.registered && !c.gone && !c.deleting &&
          now - c.last_pod_event >= *pools_[p].consolidate_after)
        candidates.push_back(k);
    }
    if (!candidates.empty()) consolidate(p, candidates);
  }
}

bool Karpenter::consolidate(std::size_t p, std::vector<std::size_t>& candidates) {
  const NodePool& pool = pools_[p];
  const int nodes = static_cast<int>(std::count_if(
      claims_.begin(), claims_.end(), [&](const Claim& c) { return c.pool == p && c.registered && !c.gone; }));
  int allowed = pool.allowed_disruptions(nodes) - disrupting(p);
  auto budget_json = [&] { return nlohmann::ordered_json{{"nodes", nodes}, {"allowed", allowed}}; };
  if (allowed <= 0) return false;
  // Empty nodes first, as many as the budget allows.
  for (std::size_t k : candidates) {
    Claim& c = claims_[k];
    std::optional<std::size_t> i = node_index(c);
    if (!i || !cluster_.nodes().pods_on_node(*i).empty()) continue;
    decide(p, pool_nodes(p), pool_nodes(p) - 1,
           {{"action", "Delete"},
            {"reason", "Empty"},
            {"nodeClaim", c.name},
            {"node", c.node},
            {"instanceType", c.offer.instance_type},
            {"capacityType", c.offer.capacity_type},
            {"priceHour", c.offer.price_hour},
            {"emptySince", c.last_pod_event.seconds_f()},
            {"consolidateAfter", pool.consolidate_after->seconds_f()},
            {"budget", budget_json()}});
    delete_claim(c, "Empty");
    if (--allowed <= 0) return true;
  }
  if (pool.policy == ConsolidationPolicy::kWhenEmpty) return false;
  // Underutilized: one node per pass, the cheapest to disrupt first (fewest pods, then the dearest node).
  std::vector<std::size_t> busy;
  for (std::size_t k : candidates) {
    if (!claims_[k].deleting && node_index(claims_[k])) busy.push_back(k);
  }
  std::vector<std::size_t> pod_counts(claims_.size(), 0);
  for (std::size_t k : busy) pod_counts[k] = cluster_.nodes().pods_on_node(*node_index(claims_[k])).size();
  std::stable_sort(busy.begin(), busy.end(), [&](std::size_t a, std::size_t b) {
    if (pod_counts[a] != pod_counts[b]) return pod_counts[a] < pod_counts[b];
    return claims_[a].offer.price_hour > claims_[b].offer.price_hour;
  });
  std::vector<kube::NodeInfo> snapshot = cluster_.nodes().node_infos();
  for (const Claim& c : claims_) {
    if (!c.registered && !c.gone && !c.deleting) snapshot.push_back(claim_node(c));
  }
  for (std::size_t k : busy) {
    Claim& c = claims_[k];
    const std::size_t i = *node_index(c);
    const std::vector<kube::PodSchedulingSpec> pods = cluster_.nodes().pods_on_node(i);
    nlohmann::ordered_json inputs{{"reason", "Underutilized"},
                                  {"nodeClaim", c.name},
                                  {"node", c.node},
                                  {"instanceType", c.offer.instance_type},
                                  {"capacityType", c.offer.capacity_type},
                                  {"priceHour", c.offer.price_hour},
                                  {"pods", pod_names(pods)},
                                  {"lastPodEvent", c.last_pod_event.seconds_f()},
                                  {"consolidateAfter", pool.consolidate_after->seconds_f()},
                                  {"budget", budget_json()}};
    std::vector<kube::NodeInfo> trial = snapshot;
    if (kube::move_pods(trial, i, pods, scheduler_, rng_).empty()) {
      nlohmann::ordered_json fields{{"action", "Delete"}};
      for (const auto& [key, value] : inputs.items()) fields[key] = value;
      decide(p, pool_nodes(p), pool_nodes(p) - 1, fields);
      delete_claim(c, "Underutilized");
      return true;
    }
    const std::vector<InstanceOffer> offers = within_limits(p, c.offer.capacity);
    std::optional<std::size_t> o =
        cheaper_replacement(offers, pods, pool.taints, c.offer.price_hour, c.offer.capacity_type == "spot");
    if (!o) continue;
    NodeClaimPlan plan;
    for (std::size_t n = 0; n < pods.size(); ++n) plan.pods.push_back(n);
    const std::size_t made = launch(p, plan, offers, pods, *o);
    if (made >= claims_.size()) continue;
    nlohmann::ordered_json fields{{"action", "Replace"}};
    for (const auto& [key, value] : inputs.items()) fields[key] = value;
    fields["replacement"] = {{"nodeClaim", claims_[made].name},
                             {"instanceType", offers[*o].instance_type},
                             {"capacityType", offers[*o].capacity_type},
                             {"priceHour", offers[*o].price_hour},
                             {"zone", claims_[made].zone}};
    decide(p, pool_nodes(p) - 1, pool_nodes(p) - 1, fields);
    // Pre-spun: the node goes once its replacement is initialized.
    Claim& old = claims_[k];  // launch may have moved the claims
    old.deleting = true;
    old.disruption_reason = "Underutilized";
    claims_[made].replaces = old.instance_id;
    cluster_.kube().event("NodeClaim", "", claims_[made].name, "Normal", "DisruptionLaunching",
                          "Launching NodeClaim: Underutilized");
    return true;
  }
  return false;
}

void Karpenter::delete_claim(Claim& claim, const std::string& reason) {
  claim.deleting = true;
  claim.disruption_reason = reason;
  if (!claim.registered) {
    fleet_.terminate_instance(claim.instance_id, "karpenter: NodeClaim deleted (" + reason + ")");
    return;
  }
  cluster_.kube().event("Node", "", claim.node, "Normal", "DisruptionTerminating", "Disrupting Node: " + reason);
  cluster_.kube().event("NodeClaim", "", claim.name, "Normal", "DisruptionTerminating",
                        "Disrupting NodeClaim: " + reason);
  // The karpenter.sh/disrupted:NoSchedule taint, then the termination controller's drain through the Eviction API
  // (PodDisruptionBudgets honoured).
  claim.draining = true;
  cluster_.drain(claim.node, "", 1);
  finish_deletions();
}

void Karpenter::finish_deletions() {
  for (std::size_t k = 0; k < claims_.size(); ++k) {
    Claim& c = claims_[k];
    if (!c.draining || c.gone || cluster_.nodes().pods_on(c.instance_id) > 0) continue;
    fleet_.terminate_instance(c.instance_id, "karpenter: NodeClaim deleted (" + c.disruption_reason + ")");
  }
}

}  // namespace fleetsim
