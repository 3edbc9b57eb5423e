/// Docker CPU shares on one instance: weighted max-min fairness by CPU units.

#include <catch2/catch.hpp>
#include <vector>

#include "models/hosts/cpu_shares.hpp"

using namespace fleetsim;

namespace {
// Re-sharing happens once per instant (cpu_shares.hpp): runs what the instant has scheduled.
void settle(Engine& engine) { engine.run_until(engine.now()); }

struct Probe : CpuConsumer {
  double vcpus = -1;
  int told = 0;
  void set_vcpus(double v) override {
    vcpus = v;
    ++told;
  }
};
}  // namespace

TEST_CASE("an idle neighbour lets a task burst to the whole instance", "[cpu-shares]") {
  Engine engine;
  CpuShares host(4, engine);
  Probe a, b;
  std::uint32_t ta = host.add_task(1024), tb = host.add_task(1024);
  host.attach(ta, &a);
  host.attach(tb, &b);
  host.demand_changed(ta, 3);
  settle(engine);
  CHECK(a.vcpus == 4);  // uncontended: 3 requests run at full speed on 4 vCPUs
}

TEST_CASE("a busy neighbour slows a task to its weighted share", "[cpu-shares]") {
  Engine engine;
  CpuShares host(4, engine);
  Probe a, b;
  std::uint32_t ta = host.add_task(1024), tb = host.add_task(3072);
  host.attach(ta, &a);
  host.attach(tb, &b);
  host.demand_changed(ta, 8);
  host.demand_changed(tb, 8);
  settle(engine);
  // 1:3 by CPU units over 4 vCPUs.
  CHECK(a.vcpus == Approx(1.0));
  CHECK(b.vcpus == Approx(3.0));
  // The light user takes only what it asks; the heavy one gets the rest.
  host.demand_changed(ta, 0);
  host.demand_changed(tb, 8);
  settle(engine);
  CHECK(b.vcpus == Approx(4.0));
}

TEST_CASE("a task asking for less than its share leaves the rest to others", "[cpu-shares]") {
  Engine engine;
  CpuShares host(4, engine);
  Probe a, b, c;
  std::uint32_t ta = host.add_task(1024), tb = host.add_task(1024), tc = host.add_task(1024);
  host.attach(ta, &a);
  host.attach(tb, &b);
  host.attach(tc, &c);
  host.demand_changed(ta, 1);
  host.demand_changed(tb, 10);
  host.demand_changed(tc, 10);
  settle(engine);
  CHECK(a.vcpus == Approx(1.0));
  CHECK(b.vcpus == Approx(1.5));
  CHECK(c.vcpus == Approx(1.5));
}

TEST_CASE("a task without CPU units only gets leftovers", "[cpu-shares]") {
  Engine engine;
  CpuShares host(2, engine);
  Probe a, z;
  std::uint32_t ta = host.add_task(1024), tz = host.add_task(0);
  host.attach(ta, &a);
  host.attach(tz, &z);
  host.demand_changed(tz, 4);
  host.demand_changed(ta, 1);
  settle(engine);
  CHECK(a.vcpus == Approx(1.0));
  CHECK(z.vcpus == Approx(1.0));
  host.demand_changed(ta, 5);
  settle(engine);
  CHECK(a.vcpus == Approx(2.0));
  CHECK(z.vcpus < 1e-6);
}

TEST_CASE("the demand changes of one instant are re-shared once", "[cpu-shares]") {
  // Four tasks' health checks arriving together on a 2-vCPU instance: one re-share, not one per check.
  Engine engine;
  CpuShares host(2, engine);
  std::vector<Probe> probes(4);
  std::vector<std::uint32_t> tickets;
  for (Probe& p : probes) {
    tickets.push_back(host.add_task(1024));
    host.attach(tickets.back(), &p);
  }
  for (std::uint32_t t : tickets) host.demand_changed(t, 1);
  CHECK(probes[0].vcpus == 2);  // not re-shared yet: no time has passed
  settle(engine);
  for (const Probe& p : probes) {
    CHECK(p.vcpus == Approx(0.5));
    CHECK(p.told == 2);  // attach, then the one re-share
  }
}

// Task-level `cpu` on Linux EC2: "the hard limit of CPU units to present for the task" (ECS task
// definition reference, `cpu` under Task size; enforced as a CFS quota). Container-level `cpu` alone
// is a relative share.
TEST_CASE("a task with a hard limit stays under it even alone on the instance", "[cpu-shares]") {
  Engine engine;
  CpuShares host(4, engine);
  Probe a;
  std::uint32_t ta = host.add_task(1024, 1024);
  host.attach(ta, &a);
  CHECK(a.vcpus == 1);  // told at once, before any demand
  host.demand_changed(ta, 3);
  settle(engine);
  CHECK(a.vcpus == 1);  // 3 requests share 1 vCPU, not the 4 idle ones
  // A limit above the instance's vCPUs is no limit.
  CpuShares small(2, engine);
  Probe big;
  std::uint32_t tb = small.add_task(1024, 4096);
  small.attach(tb, &big);
  small.demand_changed(tb, 3);
  settle(engine);
  CHECK(big.vcpus == 2);
}

TEST_CASE("what a capped task cannot use is shared by the others by weight", "[cpu-shares]") {
  Engine engine;
  CpuShares host(4, engine);
  Probe capped, a, b;
  std::uint32_t tc = host.add_task(2048, 1024), ta = host.add_task(1024), tb = host.add_task(1024);
  host.attach(tc, &capped);
  host.attach(ta, &a);
  host.attach(tb, &b);
  for (std::uint32_t t : {tc, ta, tb}) host.demand_changed(t, 8);
  settle(engine);
  // By weight alone the capped task would get 2 of 4 vCPUs; its limit holds it to 1, and the 3 left
  // are split 1:1 between the others.
  CHECK(capped.vcpus == Approx(1.0));
  CHECK(a.vcpus == Approx(1.5));
  CHECK(b.vcpus == Approx(1.5));
  // An idle capped task is offered what is left, but never more than its limit.
  host.demand_changed(tc, 0);
  host.demand_changed(ta, 1);
  host.demand_changed(tb, 1);
  settle(engine);
  CHECK(capped.vcpus == Approx(1.0));
}
