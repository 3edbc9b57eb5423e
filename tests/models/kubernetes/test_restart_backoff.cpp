#include <catch2/catch.hpp>

#include "models/kubernetes/restart_backoff.hpp"

using namespace fleetsim;
using namespace fleetsim::kube;

// flowcontrol.Backoff as the kubelet's doBackOff uses it, worked by hand: the first restart is immediate,
// then 10 s, 20 s, 40 s, ... up to 300 s, and a container that ran 2 x 300 s since its last restart starts
// afresh.
TEST_CASE("the kubelet's restart back-off: immediate, then 10 s doubling to 5 min, reset after 10 min",
          "[kube][lifecycle]") {
  RestartBackoff b(Duration::seconds(10), Duration::seconds(300));
  SimTime t = SimTime::from_micros(100000000);
  const long want[] = {0, 10, 20, 40, 80, 160, 300, 300, 300};
  for (long w : want) {
    INFO("exit at " << t.seconds_f());
    Duration wait = b.restart_after(t);
    CHECK(wait == Duration::seconds(w));
    t = t + wait + Duration::seconds(1);  // it runs one second, then exits again
  }
  // Ten minutes and a second of running since the last restart: a fresh entry, so an immediate restart.
  t = t + Duration::seconds(600);
  CHECK(b.restart_after(t) == Duration{});
  CHECK(b.restart_after(t + Duration::seconds(1)) == Duration::seconds(10));
}
