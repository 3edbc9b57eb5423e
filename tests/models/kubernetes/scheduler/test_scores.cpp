#include <catch2/catch.hpp>

#include "models/kubernetes/scheduler/inter_pod_affinity.hpp"
#include "models/kubernetes/scheduler/match_counter.hpp"
#include "models/kubernetes/scheduler/node_scores.hpp"
#include "models/kubernetes/scheduler/topology_spread.hpp"
#include "tests/models/kubernetes/scheduler/scheduler_fixtures.hpp"

using namespace fleetsim::kube;
using namespace fleetsim::kube::testing;

// The first cases come from kube-scheduler's own noderesources tests ("nothing scheduled, resources
// requested, differently sized nodes"): a pod of 3000m / 5000 bytes on nodes of 4000m and 6000m,
// 10000 bytes each.
TEST_CASE("LeastAllocated and BalancedAllocation on differently sized nodes", "[kube][scheduler]") {
  NodeInfo n1 = make_node("n1", "a", 4000, 10000);
  NodeInfo n2 = make_node("n2", "a", 6000, 10000);
  PodSchedulingSpec pod = make_pod("p", 3000, 5000);
  // cpu (4000-3000)x100/4000 = 25, memory 50: mean 37; node 2: 50 and 50.
  CHECK(least_allocated_score(pod, n1) == 37);
  CHECK(least_allocated_score(pod, n2) == 50);
  // fractions 0.75 and 0.5: deviation 0.125, (1 - 0.125) x 100 = 87; node 2 balanced: 100.
  CHECK(balanced_allocation_score(pod, n1) == 87);
  CHECK(balanced_allocation_score(pod, n2) == 100);
  // A pod without requests scores LeastAllocated as 100m / 200 MiB, and BalancedAllocation skips it.
  PodSchedulingSpec empty = make_pod("e", 0, 0);
  NodeInfo big = make_node("big", "a", 1000, 400LL * 1024 * 1024);
  CHECK(least_allocated_score(empty, big) == (90 + 50) / 2);
  CHECK(balanced_allocation_skips(empty));
  // Pods already there count with their non-zero requests.
  big.add_pod({"x", "default", {}, 0, {0, 0}, {}});
  CHECK(big.non_zero_requested.cpu_milli == 100);
  CHECK(big.requested.cpu_milli == 0);
}

TEST_CASE("DefaultNormalizeScore, straight and reversed", "[kube][scheduler]") {
  std::vector<std::int64_t> s{0, 2, 4};
  default_normalize(s, false);
  CHECK(s == std::vector<std::int64_t>{0, 50, 100});
  std::vector<std::int64_t> taints{0, 1, 2};
  default_normalize(taints, true);
  CHECK(taints == std::vector<std::int64_t>{100, 50, 0});
  std::vector<std::int64_t> none{0, 0};
  default_normalize(none, true);
  CHECK(none == std::vector<std::int64_t>{100, 100});
}

TEST_CASE("TaintToleration and NodeAffinity raw scores", "[kube][scheduler]") {
  NodeInfo n = make_node("n", "a");
  n.taints = {{"spot", "true", TaintEffect::kPreferNoSchedule}, {"hard", "x", TaintEffect::kNoSchedule}};
  PodSchedulingSpec pod = make_pod("p");
  CHECK(intolerable_prefer_no_schedule_taints(pod, n) == 1);
  pod.tolerations.push_back({"spot", true, "", TaintEffect::kNoSchedule, std::nullopt});  // wrong effect
  CHECK(intolerable_prefer_no_schedule_taints(pod, n) == 1);
  pod.tolerations.push_back({"spot", true, "", std::nullopt, std::nullopt});
  CHECK(intolerable_prefer_no_schedule_taints(pod, n) == 0);
  pod.affinity.node.preferred = {{30, {{{kZoneLabel, SelectorOperator::kIn, {"a"}}}}},
                                 {50, {{{kZoneLabel, SelectorOperator::kIn, {"b"}}}}}};
  CHECK(preferred_node_affinity_weight(pod, n) == 30);
}

TEST_CASE("ImageLocality: image size scaled by its spread, 23 MiB..1000 MiB per container", "[kube][scheduler]") {
  constexpr std::int64_t kMiB = 1024 * 1024;
  NodeInfo n1 = make_node("n1", "a");
  NodeInfo n2 = make_node("n2", "a");
  n2.images = {"registry/app:1.0"};
  PodSchedulingSpec pod = make_pod("p");
  pod.images = {{"registry/app:1.0", 300 * kMiB}};
  std::vector<int> holders{1};
  // 300 MiB x 1/2 = 150 MiB: 100 x (150 - 23) / (1000 - 23) = 12.
  CHECK(image_locality_score(pod, n2, holders, 2) == 12);
  CHECK(image_locality_score(pod, n1, holders, 2) == 0);
  CHECK(normalized_image_name("nginx") == "nginx:latest");
  CHECK(normalized_image_name("localhost:5000/app") == "localhost:5000/app:latest");
  CHECK(normalized_image_name("app:2") == "app:2");
}

TEST_CASE("PodTopologySpread system defaults: fewer matching pods in zone and node score higher", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a"), make_node("n2", "b"), make_node("n3", "c")};
  nodes[0].add_pod({"w1", "default", {{"app", "web"}}, 0, {100, kGi}, {}});
  nodes[0].add_pod({"w2", "default", {{"app", "web"}}, 0, {100, kGi}, {}});
  PodSchedulingSpec pod = make_pod("p");
  pod.default_spread_selector = LabelSelector{{{"app", "web"}}, {}};
  auto constraints = spread_constraints(pod, false);
  REQUIRE(constraints.size() == 2);
  CHECK(constraints[0].max_skew == 5);
  CHECK(constraints[1].max_skew == 3);
  CHECK(spread_constraints(pod, true).empty());
  std::vector<std::size_t> feasible{0, 1, 2};
  MatchCounter counter;
  SpreadScoreState state;
  state.init(pod, nodes, feasible, counter);
  // Both weights log(3 + 2): n1 = 2w + 4 + 2w + 2 = 12.4 -> 12, the others 4 + 2 = 6.
  std::vector<std::int64_t> raw;
  for (std::size_t i = 0; i < nodes.size(); ++i) raw.push_back(state.score(nodes, i));
  CHECK(raw == std::vector<std::int64_t>{12, 6, 6});
  state.normalize(nodes, feasible, raw);
  CHECK(raw == std::vector<std::int64_t>{50, 100, 100});  // 100 x (12 + 6 - s) / 12
  // No owner: no default spreading.
  pod.default_spread_selector.reset();
  state.init(pod, nodes, feasible, counter);
  CHECK(state.skip());
}

TEST_CASE("InterPodAffinity preferred terms: weights per topology domain, min-max normalised", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a"), make_node("n2", "b"), make_node("n3", "c")};
  nodes[0].add_pod({"c1", "default", {{"app", "cache"}}, 0, {}, {}});
  nodes[1].add_pod({"w1", "default", {{"app", "web"}}, 0, {}, {}});
  PodSchedulingSpec pod = make_pod("p");
  pod.affinity.pod.preferred.push_back({80, {LabelSelector{{{"app", "cache"}}, {}}, {}, kZoneLabel}});
  pod.affinity.pod_anti.preferred.push_back({20, {LabelSelector{{{"app", "web"}}, {}}, {}, kZoneLabel}});
  PodAffinityScoreState state;
  state.init(pod, nodes);
  std::vector<std::int64_t> s{state.score(nodes[0]), state.score(nodes[1]), state.score(nodes[2])};
  CHECK(s == std::vector<std::int64_t>{80, -20, 0});
  PodAffinityScoreState::normalize(s);
  CHECK(s == std::vector<std::int64_t>{100, 0, 20});
}

// kube-scheduler's own PodTopologySpread score cases ("one constraint on node, all 4 nodes are
// candidates"): matching pods per node and the normalised scores it expects.
TEST_CASE("PodTopologySpread ScheduleAnyway on the hostname: Kubernetes' score table", "[kube][scheduler]") {
  struct Row {
    int max_skew;
    std::vector<int> pods;
    std::vector<std::int64_t> want;
  };
  const Row rows[] = {
      {1, {2, 1, 0, 3}, {20, 60, 100, 0}},
      {2, {2, 1, 0, 3}, {33, 66, 100, 16}},
      {3, {4, 3, 2, 1}, {44, 66, 77, 100}},
  };
  for (const Row& r : rows) {
    std::vector<NodeInfo> nodes;
    for (std::size_t i = 0; i < r.pods.size(); ++i) {
      NodeInfo n;
      n.name = std::string("node-") + static_cast<char>('a' + i);
      n.labels = {{kHostnameLabel, n.name}};
      for (int k = 0; k < r.pods[i]; ++k)
        n.add_pod({n.name + "-" + std::to_string(k), "default", {{"foo", ""}}, 0, {}, {}});
      nodes.push_back(std::move(n));
    }
    PodSchedulingSpec pod;
    pod.labels = {{"foo", ""}};
    pod.topology_spread_constraints.push_back(
        {r.max_skew, kHostnameLabel, false, LabelSelector{{}, {{"foo", SelectorOperator::kExists, {}}}}, 1});
    std::vector<std::size_t> feasible{0, 1, 2, 3};
    MatchCounter counter;
    SpreadScoreState state;
    state.init(pod, nodes, feasible, counter);
    std::vector<std::int64_t> s;
    for (std::size_t i = 0; i < nodes.size(); ++i) s.push_back(state.score(nodes, i));
    state.normalize(nodes, feasible, s);
    CHECK(s == r.want);
  }
}

TEST_CASE("MatchCounter recounts a node only when its pods changed", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a"), make_node("n2", "b")};
  LabelSelector web{{{"app", "web"}}, {}};
  MatchCounter counter;
  CHECK(counter.counts(nodes, web, "default") == std::vector<int>{0, 0});
  nodes[1].add_pod({"w1", "default", {{"app", "web"}}, 0, {}, {}});
  nodes[1].add_pod({"w2", "other", {{"app", "web"}}, 0, {}, {}});
  CHECK(counter.counts(nodes, web, "default") == std::vector<int>{0, 1});
  CHECK(counter.counts(nodes, web, "other") == std::vector<int>{0, 1});
  nodes[1].remove_pod("default", "w1");
  CHECK(counter.counts(nodes, web, "default") == std::vector<int>{0, 0});
  std::vector<NodeInfo> moved{nodes[1], nodes[0]};  // other objects, other order
  moved[0].add_pod({"w3", "default", {{"app", "web"}}, 0, {}, {}});
  CHECK(counter.counts(moved, web, "default") == std::vector<int>{1, 0});
}
