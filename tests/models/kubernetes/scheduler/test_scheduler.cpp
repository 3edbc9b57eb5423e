#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "models/kubernetes/scheduler/scheduler.hpp"
#include "tests/models/kubernetes/scheduler/scheduler_fixtures.hpp"

using namespace fleetsim;
using namespace fleetsim::kube;
using namespace fleetsim::kube::testing;

namespace {

// Schedules `count` copies of `pod` and binds each where it lands; returns pods per node.
std::vector<int> place(std::vector<NodeInfo>& nodes, PodSchedulingSpec pod, int count, std::uint64_t seed = 7) {
  Scheduler s;
  Rng rng(seed);
  std::vector<int> per_node(nodes.size(), 0);
  for (int i = 0; i < count; ++i) {
    pod.name = "pod-" + std::to_string(i);
    ScheduleResult r = s.schedule(pod, nodes, rng);
    if (!r.node) break;
    nodes[*r.node].add_pod(pod.record());
    ++per_node[*r.node];
  }
  return per_node;
}

}  // namespace

TEST_CASE("LeastAllocated spreads identical pods over identical nodes", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a"), make_node("n2", "a"), make_node("n3", "a")};
  CHECK(place(nodes, make_pod("p", 500, kGi), 6) == std::vector<int>{2, 2, 2});
}

TEST_CASE("Default spreading puts 6 replicas 2 per zone even when one node is much larger", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a", 16000, 64 * kGi), make_node("n2", "b"), make_node("n3", "c")};
  PodSchedulingSpec pod = make_pod("p", 100, kGi / 8);
  pod.default_spread_selector = LabelSelector{{{"app", "web"}}, {}};
  CHECK(place(nodes, pod, 6) == std::vector<int>{2, 2, 2});
}

TEST_CASE("Required anti-affinity on the hostname: one replica per node, then a FailedScheduling",
          "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a"), make_node("n2", "b"), make_node("n3", "c")};
  PodSchedulingSpec pod = make_pod("p");
  pod.affinity.pod_anti.required.push_back({LabelSelector{{{"app", "web"}}, {}}, {}, kHostnameLabel});
  CHECK(place(nodes, pod, 3) == std::vector<int>{1, 1, 1});
  Scheduler s;
  Rng rng(1);
  ScheduleResult r = s.schedule(pod, nodes, rng);
  CHECK_FALSE(r.node);
  CHECK(r.message ==
        "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: "
        "3 No preemption victims found for incoming pod.");
}

TEST_CASE("Preemption evicts on the node whose victims matter least, and as few as needed", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a", 2000), make_node("n2", "b", 2000), make_node("n3", "c", 2000)};
  nodes[0].add_pod(make_record("important", 2000, 100));
  nodes[1].add_pod(make_record("batch-1", 1000, 10));
  nodes[1].add_pod(make_record("batch-2", 1000, 10));
  nodes[2].add_pod(make_record("system", 2000, 2000));
  PodSchedulingSpec pod = make_pod("p", 1000, kGi / 4);
  pod.priority = 1000;
  Scheduler s;
  Rng rng(1);
  ScheduleResult r = s.schedule(pod, nodes, rng);
  CHECK_FALSE(r.node);
  REQUIRE(r.preemption);
  CHECK(r.preemption->node == 1u);
  REQUIRE(r.preemption->victims.size() == 1);  // one batch pod is enough; the earlier-bound one is spared
  CHECK(r.preemption->victims[0].name == "batch-2");
  // The message is the filter summary alone when preemption found room.
  CHECK(r.message == "0/3 nodes are available: 3 Insufficient cpu.");
  // A low-priority pod can preempt nothing; the system pod's node has no lower-priority victims.
  pod.priority = 5;
  r = s.schedule(pod, nodes, rng);
  CHECK_FALSE(r.preemption);
  CHECK(r.message ==
        "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims "
        "found for incoming pod.");
}

TEST_CASE("Ties are broken by reservoir sampling on the caller's stream", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a"), make_node("n2", "a"), make_node("n3", "a")};
  std::set<std::size_t> chosen;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Scheduler s;
    Rng rng(seed);
    Rng again(seed);
    Scheduler s2;
    auto a = s.schedule(make_pod("p"), nodes, rng).node;
    CHECK(a == s2.schedule(make_pod("p"), nodes, again).node);
    chosen.insert(*a);
  }
  CHECK(chosen.size() == 3);
}

TEST_CASE("Filtering stops after enough feasible nodes and resumes where it stopped", "[kube][scheduler]") {
  CHECK(num_feasible_nodes_to_find(50) == 50);
  CHECK(num_feasible_nodes_to_find(200) == 100);    // 49 % of 200 is 98, below the floor of 100
  CHECK(num_feasible_nodes_to_find(1000) == 420);   // 50 - 8 = 42 %
  CHECK(num_feasible_nodes_to_find(10000) == 500);  // the 5 % floor
  std::vector<NodeInfo> nodes;
  for (int i = 0; i < 200; ++i) nodes.push_back(make_node("n" + std::to_string(i), "a"));
  Scheduler s;
  Rng rng(3);
  s.schedule(make_pod("p"), nodes, rng);
  CHECK(s.last_scored_nodes().size() == 100);
  CHECK(s.last_scored_nodes().front() == 0u);
  s.schedule(make_pod("q"), nodes, rng);
  CHECK(s.last_scored_nodes().front() == 100u);
}

TEST_CASE("200 nodes and 5,000 pods: all placed within capacity, evenly", "[kube][scheduler]") {
  std::vector<NodeInfo> nodes;
  const char* zones[] = {"us-east-1a", "us-east-1b", "us-east-1c"};
  for (int i = 0; i < 200; ++i) nodes.push_back(make_node("ip-" + std::to_string(i), zones[i % 3], 8000, 32 * kGi));
  Scheduler s;
  Rng rng(11);
  int placed = 0;
  for (int i = 0; i < 5000; ++i) {
    PodSchedulingSpec pod = make_pod("pod-" + std::to_string(i), 250, kGi / 2, "app-" + std::to_string(i % 20));
    pod.default_spread_selector = LabelSelector{{{"app", pod.labels["app"]}}, {}};
    ScheduleResult r = s.schedule(pod, nodes, rng);
    REQUIRE(r.node);
    nodes[*r.node].add_pod(pod.record());
    ++placed;
  }
  CHECK(placed == 5000);
  auto [lo, hi] = std::minmax_element(
      nodes.begin(), nodes.end(), [](const NodeInfo& a, const NodeInfo& b) { return a.pods.size() < b.pods.size(); });
  CHECK(hi->pods.size() - lo->pods.size() <= 2);
  CHECK(hi->requested.cpu_milli <= hi->allocatable.cpu_milli);
}

TEST_CASE("A failed attempt leaves the scheduler as it was: the next pod lands where it would have",
          "[kube][scheduler]") {
  // NodeFleet remembers a failure per pod spec until the nodes change and answers the spec's other pending
  // pods with it; that is exact only if failing moves neither the filtering start nor the tie stream.
  std::vector<NodeInfo> nodes;
  for (int i = 0; i < 150; ++i) nodes.push_back(make_node("n" + std::to_string(i), "a"));
  Scheduler plain, with_failures;
  Rng rng_plain(5), rng_failures(5);
  const PodSchedulingSpec too_big = make_pod("big", 64000);
  for (int i = 0; i < 10; ++i) {
    ScheduleResult failed = with_failures.schedule(too_big, nodes, rng_failures);
    CHECK_FALSE(failed.node);
    CHECK_FALSE(failed.preemption);
    CHECK(failed.message ==
          "0/150 nodes are available: 150 Insufficient cpu. preemption: 0/150 nodes are available: 150 No preemption "
          "victims found for incoming pod.");
    PodSchedulingSpec pod = make_pod("p" + std::to_string(i));
    auto a = plain.schedule(pod, nodes, rng_plain).node;
    auto b = with_failures.schedule(pod, nodes, rng_failures).node;
    REQUIRE(a);
    CHECK(a == b);
    CHECK(plain.last_scored_nodes() == with_failures.last_scored_nodes());
    nodes[*a].add_pod(pod.record());
  }
}
