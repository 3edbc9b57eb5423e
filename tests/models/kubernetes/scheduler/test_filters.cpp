#include <catch2/catch.hpp>

#include "models/kubernetes/scheduler/fit_error.hpp"
#include "models/kubernetes/scheduler/node_filters.hpp"
#include "models/kubernetes/scheduler/scheduler.hpp"
#include "tests/models/kubernetes/scheduler/scheduler_fixtures.hpp"

using namespace fleetsim;
using namespace fleetsim::kube;
using namespace fleetsim::kube::testing;

namespace {

std::string failure(const PodSchedulingSpec& pod, const std::vector<NodeInfo>& nodes) {
  Scheduler s;
  Rng rng(1);
  ScheduleResult r = s.schedule(pod, nodes, rng);
  REQUIRE_FALSE(r.node);
  return r.message;
}

// Every filter of `pod` on each node, with fresh PreFilter state.
std::vector<NodeStatus> filter_all(const PodSchedulingSpec& pod, const std::vector<NodeInfo>& nodes) {
  MatchCounter counter;
  FilterState state;
  state.init(pod, nodes, counter);
  std::vector<NodeStatus> out;
  for (const NodeInfo& n : nodes) out.push_back(run_filters(pod, n, state));
  return out;
}

}  // namespace

// Each filter's reason as kube-scheduler words it. The preemption suffix follows: a node failing an
// unresolvable filter is "not helpful", one without lower-priority pods has "no victims".
TEST_CASE("NodeUnschedulable: a cordoned node, unless the pod tolerates its taint", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a")};
  nodes[0].unschedulable = true;
  auto pod = make_pod("p");
  CHECK(failure(pod, nodes) ==
        "0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is "
        "not helpful for scheduling.");
  pod.tolerations.push_back({kUnschedulableTaintKey, true, "", TaintEffect::kNoSchedule, std::nullopt});
  Scheduler s;
  Rng rng(1);
  CHECK(s.schedule(pod, nodes, rng).node == 0u);
}

TEST_CASE("TaintToleration: the first untolerated NoSchedule/NoExecute taint is named", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a")};
  nodes[0].taints = {{"soft", "x", TaintEffect::kPreferNoSchedule},
                     {"dedicated", "gpu", TaintEffect::kNoSchedule},
                     {"node-role.kubernetes.io/control-plane", "", TaintEffect::kNoSchedule}};
  auto pod = make_pod("p");
  CHECK(failure(pod, nodes).starts_with("0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}."));
  pod.tolerations.push_back({"dedicated", false, "gpu", TaintEffect::kNoSchedule, std::nullopt});
  CHECK(failure(pod, nodes)
            .starts_with(
                "0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }."));
}

TEST_CASE("NodeAffinity: nodeSelector and required terms", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a"), make_node("n2", "b")};
  auto pod = make_pod("p");
  pod.node_selector = {{"disktype", "ssd"}};
  CHECK(failure(pod, nodes) ==
        "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are "
        "available: 2 Preemption is not helpful for scheduling.");
  pod.node_selector.clear();
  pod.affinity.node.required = {{{{kZoneLabel, SelectorOperator::kIn, {"b"}}}}};
  Scheduler s;
  Rng rng(1);
  CHECK(s.schedule(pod, nodes, rng).node == 1u);
}

TEST_CASE("NodeResourcesFit: every shortfall of a node is a reason, pods first", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a", 1000, 2 * kGi, 1), make_node("n2", "b", 1000, 8 * kGi)};
  nodes[0].add_pod(make_record("x", 800));
  nodes[1].add_pod(make_record("y", 800));
  auto pod = make_pod("p", 500, 4 * kGi);
  NodeStatus s0 = filter_node_resources(pod, nodes[0]);
  CHECK(s0.has(FitReason::kTooManyPods));
  CHECK(s0.has(FitReason::kInsufficientCpu));
  CHECK(s0.has(FitReason::kInsufficientMemory));
  CHECK(failure(pod, nodes) ==
        "0/2 nodes are available: 1 Insufficient memory, 1 Too many pods, 2 Insufficient cpu. preemption: 0/2 nodes "
        "are available: 2 No preemption victims found for incoming pod.");
  // A pod that requests nothing is only counted.
  CHECK(filter_node_resources(make_pod("q", 0, 0), nodes[1]).fits());
}

TEST_CASE("PodTopologySpread DoNotSchedule: skew against the emptiest zone", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a"), make_node("n2", "b"), make_node("n3", "")};
  nodes[2].labels.erase(kZoneLabel);
  nodes[0].add_pod({"w1", "default", {{"app", "web"}}, 0, {100, kGi}, {}});
  auto pod = make_pod("p");
  pod.topology_spread_constraints.push_back({1, kZoneLabel, true, LabelSelector{{{"app", "web"}}, {}}, 1});
  auto s = filter_all(pod, nodes);
  CHECK(s[0].has(FitReason::kSpread));  // 1 + 1 - 0 > 1
  CHECK(s[1].fits());
  CHECK(s[2].has(FitReason::kSpreadMissingLabel));
  nodes[1].unschedulable = true;
  CHECK(failure(pod, nodes) ==
        "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) didn't match pod "
        "topology spread constraints (missing required label), 1 node(s) were unschedulable. preemption: 0/3 nodes are "
        "available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.");
}

TEST_CASE("InterPodAffinity: required anti-affinity, and affinity with the first-pod exception", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a"), make_node("n2", "a")};
  nodes[0].add_pod({"w1", "default", {{"app", "web"}}, 0, {100, kGi}, {}});
  auto pod = make_pod("p", 100, kGi, "web");
  pod.affinity.pod_anti.required.push_back({LabelSelector{{{"app", "web"}}, {}}, {}, kHostnameLabel});
  auto s = filter_all(pod, nodes);
  CHECK(s[0].has(FitReason::kPodAntiAffinity));
  CHECK(s[1].fits());
  // Another namespace's pods do not count.
  pod.namespace_name = "other";
  CHECK(filter_all(pod, nodes)[0].fits());

  auto cache = make_pod("c", 100, kGi, "cache");
  cache.affinity.pod.required.push_back({LabelSelector{{{"app", "cache"}}, {}}, {}, kZoneLabel});
  CHECK(filter_all(cache, nodes)[0].fits());  // no cache pod anywhere, and it matches its own term
  cache.affinity.pod.required[0].selector.match_labels = {{"app", "db"}};
  NodeStatus first = filter_all(cache, nodes)[0];
  CHECK(first.has(FitReason::kPodAffinity));
  CHECK(first.unresolvable);
}

TEST_CASE("FailedScheduling summary: reasons counted and sorted bytewise, as FitError.Error()", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("gpu-1", "a"), make_node("n2", "b", 1000), make_node("n3", "c", 1000)};
  nodes[0].taints = {{"dedicated", "gpu", TaintEffect::kNoSchedule}};
  nodes[1].add_pod(make_record("x", 900));
  nodes[2].add_pod(make_record("y", 900));
  auto pod = make_pod("p", 500);
  CHECK(failure(pod, nodes) ==
        "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: "
        "0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for "
        "incoming pod.");
  pod.preemption_never = true;
  CHECK(failure(pod, nodes) ==
        "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: "
        "not eligible due to preemptionPolicy=Never.");
  // "10 ..." sorts before "2 ..." as strings do.
  std::vector<NodeStatus> statuses(10, NodeStatus::of(FitReason::kInsufficientCpu, false));
  statuses.push_back(NodeStatus::of(FitReason::kNodeAffinity, true));
  statuses.push_back(NodeStatus::of(FitReason::kNodeAffinity, true));
  CHECK(fit_error_message(12, statuses, "") ==
        "0/12 nodes are available: 10 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector.");
  Scheduler s;
  Rng rng(1);
  CHECK(s.schedule(pod, {}, rng).message == "no nodes available to schedule pods");
}

TEST_CASE("InterPodAffinity: an existing pod's required anti-affinity keeps the pods it selects away",
          "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a"), make_node("n2", "a")};
  PodRecord db = make_record("db", 2000, 10, "db");
  db.required_anti_affinity.push_back({LabelSelector{{{"app", "web"}}, {}}, {}, kHostnameLabel});
  nodes[0].add_pod(db);
  CHECK(nodes[0].pods_with_required_anti_affinity == 1);
  auto web = make_pod("w", 100, kGi, "web");
  auto s = filter_all(web, nodes);
  CHECK(s[0].has(FitReason::kExistingPodsAntiAffinity));
  CHECK(s[1].fits());
  // The term is read in the existing pod's namespace.
  web.namespace_name = "other";
  CHECK(filter_all(web, nodes)[0].fits());
  // Resolvable by preemption: evicting the db pod lets a more important web pod in.
  web.namespace_name = "default";
  web.priority = 100;
  nodes[1].unschedulable = true;
  Scheduler scheduler;
  Rng rng(1);
  ScheduleResult r = scheduler.schedule(web, nodes, rng);
  CHECK(r.message ==
        "0/2 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules, 1 node(s) were "
        "unschedulable.");
  REQUIRE(r.preemption);
  CHECK(r.preemption->node == 0u);
  REQUIRE(r.preemption->victims.size() == 1);
  CHECK(r.preemption->victims[0].name == "db");
}
