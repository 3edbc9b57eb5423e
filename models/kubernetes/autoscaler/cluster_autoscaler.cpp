#include "models/kubernetes/autoscaler/cluster_autoscaler.hpp"

#include <algorithm>

#include "models/kubernetes/autoscaler/scale_down.hpp"
#include "models/kubernetes/autoscaler/scaling_decision.hpp"

namespace fleetsim::kube {

namespace {

// CA polls evicted pods every 5 s until they are gone (core/scaledown/actuation, the drain's wait loop).
constexpr Duration kDrainPoll = Duration::seconds(5);
constexpr const char* kController = "cluster-autoscaler";

std::string pod_key(const PodSchedulingSpec& pod) { return pod.namespace_name + "/" + pod.name; }

nlohmann::ordered_json pod_json(const PodSchedulingSpec& pod) {
  return {{"pod", pod_key(pod)}, {"cpu", pod.requests.cpu_milli}, {"memory", pod.requests.memory_bytes}};
}

// NoScaleUpInfo's ReasonsMessage: each reason counted over the node groups, "N reason" sorted, joined.
std::string reasons_message(const std::vector<GroupRejection>& rejections) {
  std::map<std::string, int> counts;
  for (const GroupRejection& r : rejections) {
    for (const std::string& reason : r.reasons) ++counts[reason];
  }
  std::vector<std::string> parts;
  for (const auto& [reason, n] : counts) parts.push_back(std::to_string(n) + " " + reason);
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

ClusterAutoscaler::ClusterAutoscaler(Cluster& cluster, NodeFleet& fleet, const EvictionApi& evictions,
                                     AutoscalerOptions options, std::vector<AutoscaledNodeGroup*> groups)
    : cluster_(cluster),
      fleet_(fleet),
      evictions_(evictions),
      options_(std::move(options)),
      groups_(std::move(groups)),
      rng_(cluster.context().stream("cluster-autoscaler/" + cluster.name())) {}

void ClusterAutoscaler::start() {
  scan_ = cluster_.context().engine.schedule_after<&ClusterAutoscaler::on_scan>(options_.scan_interval, this);
}

void ClusterAutoscaler::on_scan(std::uint64_t) {
  // RunOnce takes no virtual time, so the loop's next pass is one scan interval later.
  scan_ = cluster_.context().engine.schedule_after<&ClusterAutoscaler::on_scan>(options_.scan_interval, this);
  scale_up();
  scale_down();
}

AutoscaledNodeGroup* ClusterAutoscaler::group_of(const NodeRegistration& node) const {
  for (AutoscaledNodeGroup* g : groups_) {
    if (g->id() == node.pool) return g;
  }
  return nullptr;
}

int ClusterAutoscaler::deleting_in(const AutoscaledNodeGroup* group) const {
  return static_cast<int>(
      std::count_if(deleting_.begin(), deleting_.end(), [&](const Deletion& d) { return d.group == group; }));
}

std::vector<GroupTemplate> ClusterAutoscaler::templates() const {
  std::vector<GroupTemplate> out;
  for (const AutoscaledNodeGroup* g : groups_) {
    NodeTemplate t = g->template_node();
    out.push_back({g->id(), NodeFleet::node_info(t.registration), t.capacity, g->target_size(), g->max_size()});
  }
  return out;
}

bool ClusterAutoscaler::scale_up() {
  const SimTime now = cluster_.context().engine.now();
  std::vector<PodSchedulingSpec> pending;
  for (PendingPod& p : fleet_.pending_pods()) {
    // --new-pod-scale-up-delay: pods younger than it are left to the scheduler.
    if (now - p.since >= options_.new_pod_scale_up_delay) pending.push_back(std::move(p.spec));
  }
  if (pending.empty()) return false;
  std::vector<GroupTemplate> groups = templates();
  // Nodes asked for and not registered yet count as if they were there (ClusterStateRegistry's upcoming
  // nodes): pods that would fit on them do not trigger another scale-up.
  std::vector<NodeInfo> snapshot = fleet_.node_infos();
  nlohmann::ordered_json upcoming = nlohmann::ordered_json::object();
  for (const GroupTemplate& g : groups) {
    int registered = 0;
    for (std::size_t i = 0; i < fleet_.nodes().size(); ++i)
      registered += fleet_.nodes()[i].pool == g.id && !fleet_.gone(i) ? 1 : 0;
    const int count = std::max(0, g.target_size - registered);
    if (count > 0) upcoming[g.id] = count;
    for (int k = 0; k < count; ++k) {
      snapshot.push_back(g.node);
      snapshot.back().name = "upcoming-" + g.id + "-" + std::to_string(k);
      snapshot.back().labels[kHostnameLabel] = snapshot.back().name;
    }
  }
  std::vector<PodSchedulingSpec> unhelped;
  int awaiting = 0;
  for (const PodSchedulingSpec& pod : pending) {
    ScheduleResult r = snapshot.empty() ? ScheduleResult{} : scheduler_.schedule(pod, snapshot, rng_);
    if (r.node) {
      snapshot[*r.node].add_pod(pod.record());
      ++awaiting;
    } else {
      unhelped.push_back(pod);
    }
  }
  if (unhelped.empty()) return false;

  ScaleUpPlan plan = estimate_scale_up(groups, unhelped, scheduler_, rng_);
  int room = options_.max_nodes_total > 0 ? options_.max_nodes_total : INT32_MAX;
  for (const GroupTemplate& g : groups) room -= g.target_size;
  if (plan.options.empty() || room <= 0) {
    // Nothing helps: NotTriggerScaleUp, written again only when its reasons change.
    for (std::size_t p = 0; p < unhelped.size(); ++p) {
      std::string message = room <= 0 ? "max total nodes in cluster reached"
                                      : "pod didn't trigger scale-up: " + reasons_message(plan.rejections[p]);
      std::string& said = not_triggered_[pod_key(unhelped[p])];
      if (said == message) continue;
      said = message;
      cluster_.event("Pod", unhelped[p].namespace_name, unhelped[p].name, "Normal", "NotTriggerScaleUp", message);
    }
    return false;
  }

  for (ScaleUpOption& o : plan.options) o.priority = group_priority(options_.priorities, groups[o.group].id);
  const std::size_t chosen = choose_option(plan.options, options_.expanders, rng_);
  const ScaleUpOption& best = plan.options[chosen];
  const int nodes = std::min(best.node_count, room);
  std::vector<std::size_t> grown{best.group};
  if (options_.balance_similar_node_groups) grown = similar_groups(groups, best.group);
  std::vector<int> added = balance_nodes(groups, grown, nodes);

  nlohmann::ordered_json scale_ups = nlohmann::ordered_json::array();
  std::string infos;
  for (std::size_t k = 0; k < grown.size(); ++k) {
    if (added[k] == 0) continue;
    const GroupTemplate& g = groups[grown[k]];
    // ScaleUpInfo.String(): "ID CURRENT->NEW (max: MAX)", the list printed by Go's %v.
    infos += (infos.empty() ? "" : " ") + g.id + " " + std::to_string(g.target_size) + "->" +
             std::to_string(g.target_size + added[k]) + " (max: " + std::to_string(g.max_size) + ")";
    scale_ups.push_back(
        {{"nodeGroup", g.id}, {"from", g.target_size}, {"to", g.target_size + added[k]}, {"max", g.max_size}});
  }

  nlohmann::ordered_json considered = nlohmann::ordered_json::array();
  for (const PodSchedulingSpec& pod : unhelped) considered.push_back(pod_json(pod));
  nlohmann::ordered_json options = nlohmann::ordered_json::array();
  for (const ScaleUpOption& o : plan.options) {
    nlohmann::ordered_json pods = nlohmann::ordered_json::array();
    for (std::size_t p : o.pods) pods.push_back(pod_key(unhelped[p]));
    const GroupTemplate& g = groups[o.group];
    options.push_back({{"nodeGroup", g.id},
                       {"currentSize", g.target_size},
                       {"maxSize", g.max_size},
                       {"nodeCount", o.node_count},
                       {"pods", pods},
                       {"wastedCpu", o.wasted_cpu},
                       {"wastedMemory", o.wasted_memory}});
    if (uses_priority_expander(options_))
      options.back()["priority"] = o.priority ? nlohmann::ordered_json(*o.priority) : nlohmann::ordered_json();
  }
  std::string expanders;
  for (Expander e : options_.expanders) expanders += (expanders.empty() ? "" : ",") + std::string(expander_name(e));
  write_scaling_decision(cluster_.context(), kController, cluster_.name(),
                         {{"action", "ScaleUp"},
                          {"pendingPods", considered},
                          {"podsAwaitingUpcomingNodes", awaiting},
                          {"upcomingNodes", upcoming},
                          {"expander", expanders},
                          {"options", options},
                          {"chosen", groups[best.group].id},
                          {"balanced", options_.balance_similar_node_groups},
                          {"scaleUps", scale_ups}});
  for (std::size_t k = 0; k < grown.size(); ++k) {
    if (added[k] > 0) groups_[grown[k]]->increase_size(added[k]);
  }
  for (std::size_t p : best.pods) {
    not_triggered_.erase(pod_key(unhelped[p]));
    cluster_.event("Pod", unhelped[p].namespace_name, unhelped[p].name, "Normal", "TriggeredScaleUp",
                   "pod triggered scale-up: [" + infos + "]");
  }
  last_scale_up_ = now;
  return true;
}

void ClusterAutoscaler::scale_down() {
  if (!options_.scale_down_enabled) return;
  const SimTime now = cluster_.context().engine.now();
  struct Candidate {
    std::size_t node;
    NodeUtilization utilization;
    std::vector<PodSchedulingSpec> pods;
    SimTime since;
  };
  // Which nodes are unneeded now: under the utilization threshold, no pod that blocks, and every pod fits
  // on the nodes that stay (the pods of earlier candidates counted where they would go).
  std::vector<NodeInfo> snapshot = fleet_.node_infos();
  std::vector<Candidate> unneeded;
  std::map<std::string, SimTime> still;
  std::map<std::string, std::string> blocked;
  RemainingBudgets budgets(evictions_);
  for (std::size_t i = 0; i < snapshot.size(); ++i) {
    const NodeRegistration& reg = fleet_.nodes()[i];
    if (fleet_.gone(i) || snapshot[i].unschedulable || group_of(reg) == nullptr) continue;
    NodeUtilization u = node_utilization(snapshot[i], reg.daemon_requests, options_.ignore_daemonsets_utilization);
    if (u.max() >= options_.scale_down_utilization_threshold) continue;
    std::vector<PodSchedulingSpec> pods = fleet_.pods_on_node(i);
    if (!blocking_pod(pods, options_.skip_nodes_with_system_pods).empty()) continue;
    // A node whose pods their PodDisruptionBudgets do not let go stays; the reason is written once.
    if (std::string why = budgets.blocking(pods); !why.empty()) {
      if (blocked_[reg.name] != why)
        write_scaling_decision(cluster_.context(), kController, cluster_.name(),
                               {{"action", "ScaleDownBlocked"},
                                {"node", reg.name},
                                {"nodeGroup", reg.pool},
                                {"utilization", {{"cpu", u.cpu}, {"memory", u.memory}}},
                                {"reason", why}});
      blocked[reg.name] = std::move(why);
      continue;
    }
    if (!move_pods(snapshot, i, pods, scheduler_, rng_).empty()) continue;
    budgets.remove(pods);
    auto it = unneeded_since_.find(reg.name);
    SimTime since = it == unneeded_since_.end() ? now : it->second;
    still[reg.name] = since;
    unneeded.push_back({i, u, std::move(pods), since});
  }
  unneeded_since_ = std::move(still);
  blocked_ = std::move(blocked);

  // Cool-downs: no removal within --scale-down-delay-after-add of a scale-up, nor within
  // --scale-down-delay-after-delete of a removal (its default, 0, is the scan interval: the next loop).
  auto within = [&](SimTime last, Duration d) { return last != SimTime::never() && now - last < d; };
  if (within(last_scale_up_, options_.scale_down_delay_after_add)) return;
  if (within(last_scale_down_, options_.scale_down_delay_after_delete)) return;

  int empty_budget = options_.max_empty_bulk_delete;
  int drain_budget = options_.max_drain_parallelism;
  for (const Deletion& d : deleting_) drain_budget -= fleet_.pods_on(d.instance_id) > 0 ? 1 : 0;
  for (const Candidate& c : unneeded) {
    if (now - c.since < options_.scale_down_unneeded_time) continue;
    const NodeRegistration& reg = fleet_.nodes()[c.node];
    AutoscaledNodeGroup* group = group_of(reg);
    const int size = group->target_size() - deleting_in(group);
    if (size <= group->min_size()) continue;
    int& budget = c.pods.empty() ? empty_budget : drain_budget;
    if (budget <= 0) continue;
    --budget;
    nlohmann::ordered_json pods = nlohmann::ordered_json::array();
    for (const PodSchedulingSpec& pod : c.pods) pods.push_back(pod_json(pod));
    start_deletion(c.node, group,
                   {{"action", "ScaleDown"},
                    {"node", reg.name},
                    {"nodeGroup", group->id()},
                    {"utilization", {{"cpu", c.utilization.cpu}, {"memory", c.utilization.memory}}},
                    {"threshold", options_.scale_down_utilization_threshold},
                    {"unneededSince", c.since.seconds_f()},
                    {"unneededTime", options_.scale_down_unneeded_time.seconds_f()},
                    {"pods", pods},
                    {"from", size},
                    {"to", size - 1}});
  }
}

void ClusterAutoscaler::start_deletion(std::size_t node, AutoscaledNodeGroup* group,
                                       const nlohmann::ordered_json& inputs) {
  const NodeRegistration reg = fleet_.nodes()[node];
  write_scaling_decision(cluster_.context(), kController, cluster_.name(), inputs);
  // The ToBeDeletedByClusterAutoscaler taint, then each pod evicted gracefully.
  cluster_.event("Node", "", reg.name, "Normal", "ScaleDown", "marked the node as toBeDeleted/unschedulable");
  for (const PodSchedulingSpec& pod : fleet_.pods_on_node(node))
    cluster_.event("Pod", pod.namespace_name, pod.name, "Normal", "ScaleDown", "deleting pod for node scale down");
  const SimTime now = cluster_.context().engine.now();
  deleting_.push_back({reg.machine.instance_id, reg.name, group, now});
  unneeded_since_.erase(reg.name);
  last_scale_down_ = now;
  fleet_.drain(reg.machine.instance_id, "ScaleDown");
  finish_deletions();
}

void ClusterAutoscaler::finish_deletions() {
  // A drained node goes once its pods are gone, or after --max-graceful-termination-sec in any case.
  const SimTime now = cluster_.context().engine.now();
  std::vector<Deletion> done;
  std::erase_if(deleting_, [&](const Deletion& d) {
    if (fleet_.pods_on(d.instance_id) > 0 && now - d.started < options_.max_graceful_termination) return false;
    done.push_back(d);
    return true;
  });
  for (const Deletion& d : done) {
    cluster_.event("Node", "", d.node, "Normal", "ScaleDown", "node removed by cluster autoscaler");
    d.group->delete_node(d.instance_id);
  }
  if (!deleting_.empty() && !drain_check_)
    drain_check_ = cluster_.context().engine.schedule_after<&ClusterAutoscaler::on_drain_check>(kDrainPoll, this);
}

void ClusterAutoscaler::on_drain_check(std::uint64_t) {
  drain_check_ = EventId{};
  finish_deletions();
}

}  // namespace fleetsim::kube
