/// Docker CPU shares on one instance: weighted max-min fairness by CPU units.

#include <catch2/catch.hpp>
#include <vector>

#include "models/hosts/cpu_shares.hpp"

using namespace fleetsim;

namespace {
struct Probe : CpuConsumer {
  double vcpus = -1;
  int told = 0;
  void set_vcpus(double v) override {
    vcpus = v;
    ++told;
  }
};

// One instance's CPU shares on an engine of its own.
struct Instance {
  explicit Instance(double vcpus) : host(vcpus, engine) {}
  /// Adds a task of `units` CPU units (and a hard limit of `limit_units`, 0 for none) that tells `probe`.
  std::uint32_t add(Probe& probe, int units, int limit_units = 0) {
    std::uint32_t ticket = host.add_task(units, limit_units);
    host.attach(ticket, &probe);
    return ticket;
  }
  /// Re-sharing happens once per instant (cpu_shares.hpp): runs what the instant has scheduled.
  void settle() { engine.run_until(engine.now()); }
  Engine engine;
  CpuShares host;
};
}  // namespace

TEST_CASE("an idle neighbour lets a task burst to the whole instance", "[cpu-shares]") {
  Instance i(4);
  Probe a, b;
  std::uint32_t ta = i.add(a, 1024);
  i.add(b, 1024);  // the idle neighbour
  i.host.demand_changed(ta, 3);
  i.settle();
  CHECK(a.vcpus == 4);  // uncontended: 3 requests run at full speed on 4 vCPUs
}

TEST_CASE("a busy neighbour slows a task to its weighted share", "[cpu-shares]") {
  Instance i(4);
  Probe a, b;
  std::uint32_t ta = i.add(a, 1024), tb = i.add(b, 3072);
  i.host.demand_changed(ta, 8);
  i.host.demand_changed(tb, 8);
  i.settle();
  // 1:3 by CPU units over 4 vCPUs.
  CHECK(a.vcpus == Approx(1.0));
  CHECK(b.vcpus == Approx(3.0));
  // The light user takes only what it asks; the heavy one gets the rest.
  i.host.demand_changed(ta, 0);
  i.host.demand_changed(tb, 8);
  i.settle();
  CHECK(b.vcpus == Approx(4.0));
}

TEST_CASE("a task asking for less than its share leaves the rest to others", "[cpu-shares]") {
  Instance i(4);
  Probe a, b, c;
  std::uint32_t ta = i.add(a, 1024), tb = i.add(b, 1024), tc = i.add(c, 1024);
  i.host.demand_changed(ta, 1);
  i.host.demand_changed(tb, 10);
  i.host.demand_changed(tc, 10);
  i.settle();
  CHECK(a.vcpus == Approx(1.0));
  CHECK(b.vcpus == Approx(1.5));
  CHECK(c.vcpus == Approx(1.5));
}

TEST_CASE("a task without CPU units only gets leftovers", "[cpu-shares]") {
  Instance i(2);
  Probe a, z;
  std::uint32_t ta = i.add(a, 1024), tz = i.add(z, 0);
  i.host.demand_changed(tz, 4);
  i.host.demand_changed(ta, 1);
  i.settle();
  CHECK(a.vcpus == Approx(1.0));
  CHECK(z.vcpus == Approx(1.0));
  i.host.demand_changed(ta, 5);
  i.settle();
  CHECK(a.vcpus == Approx(2.0));
  CHECK(z.vcpus < 1e-6);
}

TEST_CASE("the demand changes of one instant are re-shared once", "[cpu-shares]") {
  // Four tasks' health checks arriving together on a 2-vCPU instance: one re-share, not one per check.
  Instance i(2);
  std::vector<Probe> probes(4);
  std::vector<std::uint32_t> tickets;
  for (Probe& p : probes) {
    tickets.push_back(i.add(p, 1024));
  }
  for (std::uint32_t t : tickets) i.host.demand_changed(t, 1);
  CHECK(probes[0].vcpus == 2);  // not re-shared yet: no time has passed
  i.settle();
  for (const Probe& p : probes) {
    CHECK(p.vcpus == Approx(0.5));
    CHECK(p.told == 2);  // attach, then the one re-share
  }
}

// Task-level `cpu` on Linux EC2: "the hard limit of CPU units to present for the task" (ECS task
// definition reference, `cpu` under Task size; enforced as a CFS quota). Container-level `cpu` alone
// is a relative share.
TEST_CASE("a task with a hard limit stays under it even alone on the instance", "[cpu-shares]") {
  Instance i(4);
  Probe a;
  std::uint32_t ta = i.add(a, 1024, 1024);
  CHECK(a.vcpus == 1);  // told at once, before any demand
  i.host.demand_changed(ta, 3);
  i.settle();
  CHECK(a.vcpus == 1);  // 3 requests share 1 vCPU, not the 4 idle ones
  // A limit above the instance's vCPUs is no limit.
  Instance small(2);
  Probe big;
  std::uint32_t tb = small.add(big, 1024, 4096);
  small.host.demand_changed(tb, 3);
  small.settle();
  CHECK(big.vcpus == 2);
}

TEST_CASE("what a capped task cannot use is shared by the others by weight", "[cpu-shares]") {
  Instance i(4);
  Probe capped, a, b;
  std::uint32_t tc = i.add(capped, 2048, 1024), ta = i.add(a, 1024), tb = i.add(b, 1024);
  for (std::uint32_t t : {tc, ta, tb}) i.host.demand_changed(t, 8);
  i.settle();
  // By weight alone the capped task would get 2 of 4 vCPUs; its limit holds it to 1, and the 3 left
  // are split 1:1 between the others.
  CHECK(capped.vcpus == Approx(1.0));
  CHECK(a.vcpus == Approx(1.5));
  CHECK(b.vcpus == Approx(1.5));
  // An idle capped task is offered what is left, but never more than its limit.
  i.host.demand_changed(tc, 0);
  i.host.demand_changed(ta, 1);
  i.host.demand_changed(tb, 1);
  i.settle();
  CHECK(capped.vcpus == Approx(1.0));
}
