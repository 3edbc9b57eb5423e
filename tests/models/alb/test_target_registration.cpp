/// Registration: a new target stays `initial`, getting no traffic, until registration is done and it has
/// passed one health check, the first of which goes out one interval after registration.

#include <catch2/catch.hpp>

#include "models/alb/target_group.hpp"
#include "tests/models/alb/fake_targets.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

// ALB-UG "Health checks for your target groups": "After your target is registered, it must pass one health
// check to be considered healthy"; elbv2 API TargetHealth: state initial, reason Elb.RegistrationInProgress
// while "the target is in the process of being registered" (how long is not documented: the catalogue's
// alb.targetRegistrationSeconds, aws-facts §7 "Target registration latency").
TEST_CASE("a new target is healthy no earlier than the registration latency plus one check", "[alb][registration]") {
  Harness h;
  TargetGroupConfig config = ip_group();
  config.health.interval = Duration::seconds(30);
  config.registration_s = Distribution::constant(10);
  TargetGroup group(h.ctx, config, h.totals);
  SlowTarget a, b;
  a.engine = b.engine = &h.engine;
  a.service_time = b.service_time = Duration::millis(20);
  group.register_target(&a, {"10.0.0.4:80", "us-east-1a"}, &a);
  // A request every second from the start: until `a` is healthy, it gets none (503, no target).
  for (int i = 0; i < 60; ++i) h.engine.schedule_at(SimTime::zero() + Duration::seconds(i), &send, &group, 0);
  h.engine.run_until(SimTime::zero() + Duration::seconds(60));
  REQUIRE(a.healthy);
  // Registered at 10 s, checked at 40 s, the check answered 20 ms later.
  CHECK(a.healthy_at == SimTime::zero() + Duration::seconds(40) + Duration::millis(20));
  REQUIRE(!a.served_at.empty());
  CHECK(a.served_at.front() >= Duration::seconds(40).us());
  CHECK(h.totals.http503 == 41);  // the requests at 0, 1, ..., 40 s

  // Checks disabled: healthy (routable) once registered, with no check to wait for.
  Harness h2;
  config.health.enabled = false;
  TargetGroup unchecked(h2.ctx, config, h2.totals);
  b.engine = &h2.engine;
  unchecked.register_target(&b, {"10.0.0.5:80", "us-east-1a"}, &b);
  h2.engine.run_until(SimTime::zero() + Duration::seconds(60));
  REQUIRE(b.healthy);
  CHECK(b.healthy_at == SimTime::zero() + Duration::seconds(10));
}
