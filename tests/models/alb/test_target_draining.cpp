/// Deregistration: a draining target gets no new request, its requests in flight finish, and the
/// owner hears "drained" once nothing is in flight and its connections have closed (the load balancer's
/// idle timeout after their last use), or when the deregistration delay is over.

#include <catch2/catch.hpp>

#include "models/alb/target_group.hpp"
#include "tests/models/alb/fake_targets.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

TEST_CASE("a draining target gets no new request and drains after its last answer", "[alb][draining]") {
  Harness h;
  TargetGroupConfig config = ip_group();
  config.health.enabled = false;
  config.deregistration_delay = Duration::seconds(300);
  TargetGroup group(h.ctx, config, h.totals);
  SlowTarget a, b;
  a.engine = b.engine = &h.engine;
  a.service_time = Duration::seconds(20);  // long requests: some are in flight at deregistration
  b.service_time = Duration::seconds(1);
  TargetHandle ha = group.register_target(&a, {"10.0.0.4:80", "us-east-1a"}, &a);
  group.register_target(&b, {"10.0.0.5:80", "us-east-1b"}, &b);
  // A request every 100 ms for 60 s; a deregisters at 30 s.
  for (int i = 0; i < 600; ++i) h.engine.schedule_at(SimTime::zero() + Duration::millis(100 * i), &send, &group, 0);
  Deregistration d{&group, ha};
  d.at(h.engine, SimTime::zero() + Duration::seconds(30));
  h.engine.run_until(SimTime::zero() + Duration::seconds(120));

  const std::int64_t dereg_us = Duration::seconds(30).us();
  REQUIRE(!a.served_at.empty());
  CHECK(a.served_at.back() <= dereg_us);  // nothing routed to it once draining (30 s itself came first)
  std::int64_t last_arrival = a.served_at.back();
  // Its last request arrived before 30 s and took 20 s; its connection then idles for the idle timeout
  // (60 s by default) before the ALB closes it: drained then, not at once and not after the 300 s delay.
  REQUIRE(a.drained);
  CHECK(a.drained_at.us() == last_arrival + Duration::seconds(20 + 60).us());
  CHECK(a.in_flight == 0);
  // Every request was answered: none cut.
  CHECK(h.totals.http502 == 0);
  CHECK(h.totals.ok == 600);
  CHECK(b.served_at.back() >= Duration::seconds(59).us());
}

TEST_CASE("in-flight requests past the deregistration delay are cut", "[alb][draining]") {
  Harness h;
  TargetGroupConfig config = ip_group();
  config.health.enabled = false;
  config.deregistration_delay = Duration::seconds(5);
  TargetGroup group(h.ctx, config, h.totals);
  SlowTarget a;
  a.engine = &h.engine;
  a.service_time = Duration::seconds(30);
  TargetHandle ha = group.register_target(&a, {"10.0.0.4:80", "us-east-1a"}, &a);
  h.engine.schedule_at(SimTime::zero() + Duration::seconds(1), &send, &group, 0);
  Deregistration d{&group, ha};
  d.at(h.engine, SimTime::zero() + Duration::seconds(2));
  h.engine.run_until(SimTime::zero() + Duration::seconds(60));
  REQUIRE(a.drained);
  CHECK(a.drained_at.us() == Duration::seconds(7).us());  // the delay, not the request's end at 31 s
}

namespace {

/// When a target that served requests until `busy_until` (one every 100 ms, answered in 50 ms) and was
/// deregistered at 30 s hears "drained", with `idle_timeout` and `delay`.
SimTime drained_at(Duration busy_until, Duration idle_timeout, Duration delay) {
  Harness h;
  TargetGroupConfig config = ip_group();
  config.health.enabled = false;
  config.deregistration_delay = delay;
  config.idle_timeout = idle_timeout;
  TargetGroup group(h.ctx, config, h.totals);
  SlowTarget a;
  a.engine = &h.engine;
  a.service_time = Duration::millis(50);
  TargetHandle ha = group.register_target(&a, {"10.0.0.4:80", "us-east-1a"}, &a);
  for (std::int64_t t = 0; t < busy_until.us(); t += Duration::millis(100).us())
    h.engine.schedule_at(SimTime::zero() + Duration::micros(t), &send, &group, 0);
  Deregistration d{&group, ha};
  d.at(h.engine, SimTime::zero() + Duration::seconds(30));
  h.engine.run_until(SimTime::zero() + Duration::seconds(3600));
  REQUIRE(a.drained);
  CHECK(h.totals.http502 == 0);
  return a.drained_at;
}

}  // namespace

// ALB-UG "Deregistration delay": "If a deregistering target has no in-flight requests and no active
// connections, Elastic Load Balancing immediately completes the deregistration process"; ALB-UG
// "Connection idle timeout": the load balancer closes a connection (to a client or to a target) that has
// sent no data for idle_timeout.timeout_seconds (default 60 s).
TEST_CASE("a busy target drains for its connections' idle timeout, an idle one at once", "[alb][draining]") {
  const SimTime dereg = SimTime::zero() + Duration::seconds(30);
  // Busy until the deregistration: its last answer leaves at 29.95 s, the connection closes 60 s later.
  CHECK(drained_at(Duration::seconds(30), Duration::seconds(60), Duration::seconds(300)) ==
        SimTime::zero() + Duration::millis(29950) + Duration::seconds(60));
  // A shorter idle timeout ends it sooner: 29.95 s + 10 s.
  CHECK(drained_at(Duration::seconds(30), Duration::seconds(10), Duration::seconds(300)) ==
        SimTime::zero() + Duration::millis(39950));
  // The deregistration delay caps it: 30 s + 20 s, before the connections would idle out.
  CHECK(drained_at(Duration::seconds(30), Duration::seconds(60), Duration::seconds(20)) ==
        dereg + Duration::seconds(20));
  // Its last request was 25 s before (at 4.95 s): the connection closes at 64.95 s, 35 s into the draining.
  CHECK(drained_at(Duration::seconds(5), Duration::seconds(60), Duration::seconds(300)) ==
        SimTime::zero() + Duration::millis(64950));
  // Idle for longer than the idle timeout (last answer at 4.95 s, timeout 10 s): no connection, done at once.
  CHECK(drained_at(Duration::seconds(5), Duration::seconds(10), Duration::seconds(300)) == dereg);
  // Never sent a request: no connection ever opened, done at once.
  CHECK(drained_at(Duration::seconds(0), Duration::seconds(60), Duration::seconds(300)) == dereg);
}
