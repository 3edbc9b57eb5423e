/// One load balancer node per Availability Zone: each node routes on its own (its own round-robin turn over the
/// healthy targets it sees), clients spread over the nodes, and a target group with cross-zone load balancing
/// off keeps each node's traffic in its zone.

#include <catch2/catch.hpp>

#include "models/alb/target_group.hpp"
#include "tests/models/alb/fake_targets.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

// Four healthy targets, 0 and 1 in us-east-1a, 2 and 3 in us-east-1b, behind a load balancer with a node in
// each of the two zones.
struct TwoZones {
  Harness h;
  TargetGroup group;
  SlowTarget targets[4];
  TargetHandle handles[4];

  static TargetGroupConfig config(bool cross_zone) {
    TargetGroupConfig c = ip_group();
    c.health.enabled = false;
    c.availability_zones = {"us-east-1a", "us-east-1b"};
    c.cross_zone = cross_zone;
    return c;
  }
  explicit TwoZones(bool cross_zone) : group(h.ctx, config(cross_zone), h.totals) {
    for (int i = 0; i < 4; ++i) {
      targets[i].engine = &h.engine;
      targets[i].service_time = Duration::seconds(1);
      handles[i] = group.register_target(
          &targets[i], {"10.0.0." + std::to_string(i) + ":80", i < 2 ? "us-east-1a" : "us-east-1b"}, &targets[i]);
    }
    h.engine.run_until(SimTime::zero() + Duration::seconds(1));  // registered, healthy (checks off)
  }
  // Routes a request from a client that reached node `node` ('a' or 'b'); returns the target that got it.
  int route(char node) {
    std::size_t before[4];
    for (int i = 0; i < 4; ++i) before[i] = targets[i].served_at.size();
    // Clients spread evenly over the nodes with a healthy target: [0, 0.5) reaches the first, [0.5, 1) the second.
    group.route(RequestSpec{50, Duration::seconds(60)}, 0, node == 'a' ? 0.25 : 0.75);
    for (int i = 0; i < 4; ++i) {
      if (targets[i].served_at.size() > before[i]) return i;
    }
    return -1;
  }
  std::vector<int> route_all(const std::string& nodes) {
    std::vector<int> out;
    for (char n : nodes) out.push_back(route(n));
    return out;
  }
};

}  // namespace

// ALB-UG "How Elastic Load Balancing works": one load balancer node per enabled Availability Zone; clients
// resolve the DNS name to the nodes' addresses; "each load balancer node distributes its share of the traffic"
// across the registered targets (with cross-zone load balancing, the default for an ALB, across all enabled
// zones). ALB-UG "Cross-zone load balancing": a target group can turn it off
// (load_balancing.cross_zone.enabled false); each node then routes only to the targets in its own zone.
TEST_CASE("each node keeps its own round-robin turn over the targets of both zones", "[alb][zones]") {
  TwoZones run(true);
  // Node a's turns: 0, 1, 2, 3, then 0 again; node b starts its own turn at 0. One global rotation would have
  // given 0, 1, 2, 3, 0, 1, 2.
  CHECK(run.route_all("aaaabba") == std::vector<int>{0, 1, 2, 3, 0, 1, 0});
  // Alternating clients: each node alternates over all four, so targets get requests in pairs.
  TwoZones alternating(true);
  CHECK(alternating.route_all("abababab") == std::vector<int>{0, 0, 1, 1, 2, 2, 3, 3});
}

TEST_CASE("with cross-zone load balancing off, each node keeps its traffic in its zone", "[alb][zones]") {
  TwoZones run(false);
  CHECK(run.route_all("aaaa") == std::vector<int>{0, 1, 0, 1});
  CHECK(run.route_all("bbbb") == std::vector<int>{2, 3, 2, 3});
  // Zone b loses its targets: DNS failover (target_group_health.dns_failover.minimum_healthy_targets.count,
  // default 1) takes its node out of DNS, so every client reaches node a, which still routes in its own zone.
  run.group.deregister_target(run.handles[2]);
  run.group.deregister_target(run.handles[3]);
  for (int target : run.route_all("abab")) CHECK(target < 2);
}
