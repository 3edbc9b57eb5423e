// A cluster's hosts and their tenants: admitting reserves a tenant's resources, a CPU-share slot and
// ephemeral ports, releasing gives them back, eviction tells every tenant, and image layers are cached.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/hosts/host_fleet.hpp"

using namespace fleetsim;

namespace {

struct Client : PlacementClient {
  std::vector<std::string> lost;
  void on_placed(const Placement&) override {}
  void on_unplaceable(const std::string&) override {}
  void on_host_lost(const std::string& reason, bool graceful) override {
    lost.push_back(reason + (graceful ? " (graceful)" : ""));
  }
};

InstanceRegistration registration(const char* id) {
  InstanceRegistration r;
  r.instance_id = id;
  r.vcpu = 2;
  r.cpu_units = 2048;
  r.memory_mib = 4096;
  r.awsvpc_tasks = 2;
  r.pull_mibps = 100;
  return r;
}

HostView view_of(const InstanceRegistration& r) {
  HostView v;
  v.index = 99;  // the fleet numbers hosts itself
  v.host_id = r.instance_id;
  v.remaining_cpu_units = r.cpu_units;
  v.remaining_memory_mib = r.memory_mib;
  v.free_enis = r.awsvpc_tasks;
  return v;
}

}  // namespace

TEST_CASE("host fleet: admit and release keep the table, the host and the group counts in step", "[hosts]") {
  Engine engine;
  HostFleet fleet(engine, 32768, 32769);
  Host& a = fleet.add(registration("i-a"), view_of(registration("i-a")));
  Host& b = fleet.add(registration("i-b"), view_of(registration("i-b")));
  CHECK(a.index == 0);
  CHECK(b.index == 1);
  CHECK(fleet.find("i-b") == &b);
  CHECK(fleet.find("i-c") == nullptr);

  Client web, worker;
  const std::uint32_t t1 = fleet.admit(b, web, "service:web", {512, 1024, {}, true}, 2);
  CHECK(fleet.tenant(t1).dynamic_ports == std::vector<int>{32768, 32769});
  CHECK(b.ports.free() == 0);
  CHECK(fleet.table().remaining_cpu(1) == 1536);
  CHECK(fleet.table().free_enis(1) == 1);
  CHECK(fleet.table().group_tasks(1) == 1);
  const std::uint32_t t2 = fleet.admit(b, worker, "service:worker", {1024, 512, {}, false}, 0);
  CHECK(fleet.table().group_tasks(1) == 1);  // the worker group's count, now current
  CHECK(b.tenants == std::vector<std::uint32_t>{t1, t2});
  fleet.use_group("service:web");
  CHECK(fleet.table().group_tasks(1) == 1);
  CHECK(fleet.table().remaining_cpu(1) == 512);

  fleet.release(t1);
  CHECK(b.ports.free() == 2);
  CHECK(fleet.table().remaining_cpu(1) == 1024);  // the worker keeps its 1024 units
  CHECK(fleet.table().group_tasks(1) == 0);
  CHECK(b.tenants == std::vector<std::uint32_t>{t2});
  CHECK(fleet.admit(a, web, "service:web", {1, 1, {}, false}, 0) == t1);  // the ticket is reused

  fleet.set_gone(b);
  CHECK(b.draining);
  fleet.evict(b, "lost", false);
  CHECK(worker.lost == std::vector<std::string>{"lost"});
  CHECK(web.lost.empty());
}

TEST_CASE("host fleet: a host pulls only the layers it does not have or is not already pulling", "[hosts]") {
  Engine engine;
  HostFleet fleet(engine, 32768, 60999);
  Host& host = fleet.add(registration("i-a"), view_of(registration("i-a")));
  const ImageInfo app{300, {{"base", 200}, {"app", 100}}};
  const ImageInfo other{250, {{"base", 200}, {"tool", 50}}};
  const ImagePull first = host.pull(app, SimTime::zero());
  CHECK(first.downloaded_mib == 300);
  CHECK(first.time == Duration::seconds(3));  // 300 MiB at 100 MiB/s
  const ImagePull second = host.pull(other, SimTime::zero());
  CHECK(second.downloaded_mib == 50);
  CHECK(second.time == Duration::seconds(3));  // waits for the shared base layer
  CHECK(host.pull(app, SimTime::zero() + Duration::seconds(10)).time == Duration{});
}
