// The Cluster Autoscaler's scale-down checks: utilization, blocking pods, and whether a node's pods fit
// on the nodes that stay, by the scheduler's own filters.

#include <catch2/catch.hpp>

#include "models/kubernetes/autoscaler/scale_down.hpp"
#include "tests/models/kubernetes/scheduler/scheduler_fixtures.hpp"

using namespace fleetsim;
using namespace fleetsim::kube;
using namespace fleetsim::kube::testing;

TEST_CASE("utilization is requested over allocatable, the larger resource, DaemonSets counted by default",
          "[kube][autoscaler]") {
  NodeInfo node = make_node("n", "a", 2000, 8 * kGi);
  node.add_pod(make_record("daemon", 200));  // 200m, 256 MiB
  node.add_pod(make_record("app", 600));
  NodeUtilization u = node_utilization(node, {200, kGi / 4}, false);
  CHECK(u.cpu == Approx(0.4));
  CHECK(u.memory == Approx(0.0625));
  CHECK(u.max() == Approx(0.4));
  CHECK(node_utilization(node, {200, kGi / 4}, true).cpu == Approx(0.3));
}

TEST_CASE("a kube-system pod blocks its node unless --skip-nodes-with-system-pods=false", "[kube][autoscaler]") {
  PodSchedulingSpec dns = make_pod("coredns-1");
  dns.namespace_name = "kube-system";
  std::vector<PodSchedulingSpec> pods{make_pod("web-1"), dns};
  CHECK(blocking_pod(pods, true) == "non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present: coredns-1");
  CHECK(blocking_pod(pods, false).empty());
}

TEST_CASE("a node's pods move only where the others have room, and the moves are kept", "[kube][autoscaler]") {
  std::vector<NodeInfo> nodes{make_node("n1", "a", 2000), make_node("n2", "a", 2000), make_node("n3", "a", 2000)};
  nodes[0].add_pod(make_record("a", 1500));
  nodes[1].add_pod(make_record("b", 1200));
  nodes[2].add_pod(make_record("c", 600));
  Scheduler s;
  Rng rng(1);
  // n3's 600m pod fits on n2 (800m free).
  std::vector<PodSchedulingSpec> from_n3{make_pod("c", 600)};
  CHECK(move_pods(nodes, 2, from_n3, s, rng).empty());
  CHECK(nodes[2].unschedulable);
  CHECK(nodes[1].requested.cpu_milli == 1800);
  // Then n2's pods (1200m and the moved 600m) fit nowhere: the snapshot is left as it was.
  std::vector<PodSchedulingSpec> from_n2{make_pod("b", 1200), make_pod("c", 600)};
  CHECK(move_pods(nodes, 1, from_n2, s, rng) == "no place to move pod default/b");
  CHECK_FALSE(nodes[1].unschedulable);
  CHECK(nodes[0].requested.cpu_milli == 1500);
}
