#include "models/eks/karpenter/karpenter.hpp"

#include <algorithm>

#include "models/api/scaling_decision.hpp"
#include "models/eks/eks_cluster.hpp"
#include "sim/random/stream_seed.hpp"

namespace fleetsim {

namespace {

// Pending pods are looked at every second (batchIdleDuration's resolution); disruption every 10 s (Karpenter's
// disruption controller polls at that period).
constexpr Duration kTick = Duration::seconds(1);

nlohmann::ordered_json pod_json(const kube::PodSchedulingSpec& pod) {
  return {{"pod", pod.namespace_name + "/" + pod.name},
          {"cpu", pod.requests.cpu_milli},
          {"memory", pod.requests.memory_bytes}};
}

nlohmann::ordered_json offer_json(const InstanceOffer& o) {
  return {{"instanceType", o.instance_type}, {"capacityType", o.capacity_type}, {"priceHour", o.price_hour}};
}

}  // namespace

Karpenter::Karpenter(EksCluster& cluster, InstanceFleet& fleet, std::vector<NodePool> pools,
                     const std::map<std::string, InstanceType>& types,
                     const std::map<std::string, InstancePrice>& prices)
    : cluster_(cluster),
      fleet_(fleet),
      types_(types),
      pools_(std::move(pools)),
      rng_(cluster.kube().context().stream("karpenter/" + cluster.name())) {
  // Higher weights first; equal weights in the order they were applied.
  std::stable_sort(pools_.begin(), pools_.end(),
                   [](const NodePool& a, const NodePool& b) { return a.weight > b.weight; });
  for (const NodePool& p : pools_)
    offers_.push_back(pool_offers(p, types, prices, cluster.catalog().daemon_requests, cluster.catalog().daemon_pods));
  fleet_.join_cluster(this, "karpenter");
}

void Karpenter::start() { tick_ = cluster_.kube().context().engine.schedule_after<&Karpenter::on_tick>(kTick, this); }

void Karpenter::on_tick(std::uint64_t) {
  RunContext& ctx = cluster_.kube().context();
  tick_ = ctx.engine.schedule_after<&Karpenter::on_tick>(kTick, this);
  const SimTime now = ctx.engine.now();
  std::vector<std::string> pending;
  for (const kube::PendingPod& p : cluster_.nodes().pending_pods())
    pending.push_back(p.spec.namespace_name + "/" + p.spec.name);
  std::vector<std::string> sorted = pending;
  std::sort(sorted.begin(), sorted.end());
  if (std::any_of(sorted.begin(), sorted.end(),
                  [&](const std::string& k) { return !std::binary_search(seen_.begin(), seen_.end(), k); }))
    batcher_.pods_arrived(now);
  seen_ = std::move(sorted);
  if (batcher_.due(now)) {
    provision();
    batcher_.close();
  }
  finish_deletions();
  if (++ticks_ % 10 == 0) disrupt();
}

NodegroupConfig Karpenter::node_config(const Claim& claim) const {
  NodegroupConfig config;
  config.name = pools_[claim.pool].name;
  config.capacity_type = claim.offer.capacity_type == "spot" ? "SPOT" : "ON_DEMAND";
  config.labels = claim.offer.labels;
  config.labels["karpenter.sh/registered"] = "true";
  config.taints = pools_[claim.pool].taints;
  config.managed = false;
  return config;
}

kube::NodeInfo Karpenter::claim_node(const Claim& claim) const {
  const InstanceType& type = types_.at(claim.offer.instance_type);
  InstanceRegistration r;
  r.instance_type = type.name;
  r.availability_zone = claim.zone;
  r.architecture = type.architecture;
  r.vcpu = type.vcpu;
  return kube::NodeFleet::node_info(cluster_.node_registration(r, node_config(claim), "nodeclaim-" + claim.name));
}

std::optional<std::size_t> Karpenter::node_index(const Claim& claim) const {
  const auto& nodes = cluster_.nodes().nodes();
  for (std::size_t i = nodes.size(); i-- > 0;) {
    if (nodes[i].machine.instance_id == claim.instance_id && !cluster_.nodes().gone(i)) return i;
  }
  return std::nullopt;
}

std::vector<InstanceOffer> Karpenter::within_limits(std::size_t pool, const kube::Resources& freed) const {
  // spec.limits count the capacity of the pool's nodes, those launching included.
  kube::Resources used{-freed.cpu_milli, -freed.memory_bytes};
  for (const Claim& c : claims_) {
    if (c.pool != pool || c.gone) continue;
    used.cpu_milli += c.offer.capacity.cpu_milli;
    used.memory_bytes += c.offer.capacity.memory_bytes;
  }
  return fleetsim::within_limits(pools_[pool], offers_[pool], used);
}

void Karpenter::provision() {
  std::vector<kube::PodSchedulingSpec> pending;
  for (kube::PendingPod& p : cluster_.nodes().pending_pods()) pending.push_back(std::move(p.spec));
  if (pending.empty()) return;
  // Pods that the nodes, or the node claims still launching, would take need no new node.
  std::vector<kube::NodeInfo> snapshot = cluster_.nodes().node_infos();
  for (const Claim& c : claims_) {
    if (!c.registered && !c.gone && !c.deleting) snapshot.push_back(claim_node(c));
  }
  std::vector<kube::PodSchedulingSpec> unhelped;
  int awaiting = 0;
  for (const kube::PodSchedulingSpec& pod : pending) {
    kube::ScheduleResult r = snapshot.empty() ? kube::ScheduleResult{} : scheduler_.schedule(pod, snapshot, rng_);
    if (r.node) {
      snapshot[*r.node].add_pod(pod.record());
      ++awaiting;
    } else {
      unhelped.push_back(pod);
    }
  }
  for (std::size_t p = 0; p < pools_.size() && !unhelped.empty(); ++p) {
    const std::vector<InstanceOffer> offers = within_limits(p, {});
    ProvisioningPlan plan = plan_node_claims(offers, unhelped, pools_[p].taints);
    nlohmann::ordered_json considered = nlohmann::ordered_json::array();
    for (const kube::PodSchedulingSpec& pod : unhelped) considered.push_back(pod_json(pod));
    nlohmann::ordered_json claims = nlohmann::ordered_json::array();
    const int before = pool_nodes(p);
    std::vector<kube::PodSchedulingSpec> left;
    for (std::size_t u : plan.unschedulable) left.push_back(unhelped[u]);
    for (const NodeClaimPlan& c : plan.claims) {
      // Limits are checked again as each claim launches: earlier claims of the batch count.
      const std::vector<InstanceOffer> now_allowed = within_limits(p, {});
      const std::size_t chosen = choose_offer(offers, c.offers);
      const bool allowed = std::any_of(now_allowed.begin(), now_allowed.end(), [&](const InstanceOffer& o) {
        return o.instance_type == offers[chosen].instance_type && o.capacity_type == offers[chosen].capacity_type;
      });
      nlohmann::ordered_json options = nlohmann::ordered_json::array();
      // The five cheapest offers that hold the claim's pods: what the decision chose from.
      for (std::size_t k = 0; k < c.offers.size() && k < 5; ++k) options.push_back(offer_json(offers[c.offers[k]]));
      nlohmann::ordered_json pods = nlohmann::ordered_json::array();
      for (std::size_t i : c.pods) pods.push_back(unhelped[i].namespace_name + "/" + unhelped[i].name);
      nlohmann::ordered_json one{{"pods", pods},
                                 {"requested", {{"cpu", c.requested.cpu_milli}, {"memory", c.requested.memory_bytes}}},
                                 {"offersThatFit", c.offers.size()},
                                 {"cheapest", options}};
      std::size_t launched = allowed ? launch(p, c, offers, unhelped, chosen) : claims_.size();
      if (launched < claims_.size()) {
        one["nodeClaim"] = claims_[launched].name;
        one["chosen"] = offer_json(offers[chosen]);
        one["chosen"]["zone"] = claims_[launched].zone;
      } else {
        one["chosen"] = nullptr;
        one["error"] = allowed ? "no zone of the NodePool can launch" : "NodePool limits reached";
        for (std::size_t i : c.pods) left.push_back(unhelped[i]);
      }
      claims.push_back(std::move(one));
    }
    nlohmann::ordered_json unschedulable = nlohmann::ordered_json::array();
    for (std::size_t u : plan.unschedulable)
      unschedulable.push_back(unhelped[u].namespace_name + "/" + unhelped[u].name);
    decide(p, before, pool_nodes(p),
           {{"action", "Provision"},
            {"batchStart", batcher_.started().seconds_f()},
            {"pendingPods", considered},
            {"podsAwaitingNodes", awaiting},
            {"offers", offers.size()},
            {"nodeClaims", claims},
            {"incompatiblePods", unschedulable}});
    unhelped = std::move(left);
  }
}

std::size_t Karpenter::launch(std::size_t pool, const NodeClaimPlan& plan, std::span<const InstanceOffer> offers,
                              const std::vector<kube::PodSchedulingSpec>& pods, std::size_t chosen) {
  // The zone: of those the pool allows, the one with the fewest of its nodes (ties in the fleet's order).
  std::vector<std::string> zones = allowed_zones(pools_[pool], fleet_.zones());
  if (zones.empty()) return claims_.size();
  std::string zone = zones.front();
  auto in_zone = [&](const std::string& z) {
    return std::count_if(claims_.begin(), claims_.end(),
                         [&](const Claim& c) { return c.pool == pool && !c.gone && c.zone == z; });
  };
  for (const std::string& z : zones) {
    if (in_zone(z) < in_zone(zone)) zone = z;
  }
  const InstanceOffer& offer = offers[chosen];
  std::string id = fleet_.launch_instance(offer.instance_type, zone, offer.capacity_type == "spot");
  if (id.empty()) return claims_.size();
  Claim c;
  // NodeClaims are named after their NodePool with a random five-character suffix.
  static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::uint64_t h = stream_seed(serial_++, "nodeclaim/" + cluster_.name());
  std::string suffix;
  for (int k = 0; k < 5; ++k, h /= 27) suffix += kAlphabet[h % 27];
  c.name = pools_[pool].name + "-" + suffix;
  c.pool = pool;
  c.offer = offer;
  c.zone = zone;
  c.instance_id = id;
  c.created = cluster_.kube().context().engine.now();
  c.last_pod_event = c.created;
  claims_.push_back(c);
  kube::Cluster& k = cluster_.kube();
  k.event("NodeClaim", "", c.name, "Normal", "Launched",
          "Status condition transitioned, Type: Launched, Status: True (" + offer.instance_type + " " +
              offer.capacity_type + " in " + zone + ", " + id + ")");
  for (std::size_t i : plan.pods)
    k.event("Pod", pods[i].namespace_name, pods[i].name, "Normal", "Nominated",
            "Pod should schedule on: nodeclaim/" + c.name);
  return claims_.size() - 1;
}

void Karpenter::instance_registered(const InstanceRegistration& r) {
  auto it =
      std::find_if(claims_.begin(), claims_.end(), [&](const Claim& c) { return c.instance_id == r.instance_id; });
  if (it == claims_.end()) return;
  cluster_.register_node(r, node_config(*it));
  it->registered = true;
  if (std::optional<std::size_t> i = node_index(*it)) it->node = cluster_.nodes().nodes()[*i].name;
  it->last_pod_event = cluster_.kube().context().engine.now();
  // The node is Ready with its DaemonSets as it joins here, so it is initialized at once.
  for (const char* condition : {"Registered", "Initialized"})
    cluster_.kube().event("NodeClaim", "", it->name, "Normal", condition,
                          std::string("Status condition transitioned, Type: ") + condition + ", Status: True");
  // A consolidation replacement is ready: the node it replaces goes now.
  if (const std::string old = std::exchange(it->replaces, ""); !old.empty()) {
    for (Claim& c : claims_) {
      if (c.instance_id == old && !c.gone) delete_claim(c, c.disruption_reason);
    }
  }
}

void Karpenter::instance_draining(const std::string& instance_id, const std::string&) {
  // The interruption controller: a Spot notice deletes the NodeClaim (cordon, drain); its pods' replacements
  // are provisioned as any pending pods, before the two minutes end when a node can be launched in time.
  for (Claim& c : claims_) {
    if (c.instance_id != instance_id || c.gone) continue;
    if (!c.node.empty())
      cluster_.kube().event("Node", "", c.node, "Warning", "SpotInterrupted",
                            "Spot interruption warning was triggered");
    c.deleting = false;
    delete_claim(c, "Interrupted");
  }
}

void Karpenter::instance_lost(const std::string& instance_id, const std::string& reason) {
  cluster_.instance_lost(instance_id, reason);
  for (Claim& c : claims_) {
    if (c.instance_id == instance_id) c.gone = true;
  }
}

int Karpenter::tasks_on(const std::string& instance_id) const { return cluster_.tasks_on(instance_id); }

int Karpenter::pool_nodes(std::size_t pool) const {
  return static_cast<int>(std::count_if(claims_.begin(), claims_.end(),
                                        [&](const Claim& c) { return c.pool == pool && !c.gone && !c.deleting; }));
}

void Karpenter::decide(std::size_t pool, int from, int to, const nlohmann::ordered_json& fields) const {
  RunContext& ctx = cluster_.kube().context();
  // The pool's node claims (launching ones included) before and after, as `fleetsim explain` reads a count.
  nlohmann::ordered_json record{{"action", fields["action"]}, {"currentCapacity", from}, {"desiredCapacity", to}};
  for (const auto& [key, value] : fields.items()) record[key] = value;
  emit_scaling_decision(ctx.events, ctx.engine.now(), {"karpenter", cluster_.name(), "nodepool/" + pools_[pool].name},
                        record);
}

}  // namespace fleetsim
