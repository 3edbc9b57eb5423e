// The host table on hand-worked hosts: which hosts a request fits, the closest one when none does,
// reservations, draining, one tenant per host, and the per-attribute group counts spread relies on.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/hosts/host_table.hpp"

using namespace fleetsim;

namespace {

// Host `i` has index 10 * i, so a test that confused positions with indices would fail.
HostView host(std::uint32_t i, const char* zone, int cpu, int memory, std::vector<int> ports = {}, int enis = 1) {
  HostView h;
  h.index = 10 * i;
  h.host_id = "h-" + std::to_string(i);
  h.attributes = {{"zone", zone}};
  h.remaining_cpu_units = cpu;
  h.remaining_memory_mib = memory;
  h.used_host_ports = std::move(ports);
  h.free_enis = enis;
  return h;
}

std::vector<std::uint32_t> fitting(HostTable& hosts, const ResourceRequest& r, const HostFilter& f) {
  std::vector<std::uint32_t> out;
  hosts.fit(r, f, out);
  return out;
}

}  // namespace

TEST_CASE("host table: fit checks resources, ports, ENIs and the filter; closest says how far", "[hosts]") {
  HostTable hosts({host(0, "a", 1024, 4096, {80}), host(1, "b", 2048, 1024, {}, 0), host(2, "a", 2048, 4096)});
  const std::vector<std::uint8_t> all(3, 1);
  const HostFilter any{all.data(), false};
  CHECK(fitting(hosts, {512, 512, {}, false}, any) == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(fitting(hosts, {1536, 512, {}, false}, any) == std::vector<std::uint32_t>{1, 2});
  CHECK(fitting(hosts, {512, 2048, {}, false}, any) == std::vector<std::uint32_t>{0, 2});
  CHECK(fitting(hosts, {512, 512, {80}, false}, any) == std::vector<std::uint32_t>{1, 2});
  CHECK(fitting(hosts, {512, 512, {}, true}, any) == std::vector<std::uint32_t>{0, 2});
  const std::vector<std::uint8_t> only_b = {0, 1, 0};
  CHECK(fitting(hosts, {512, 512, {}, false}, {only_b.data(), false}) == std::vector<std::uint32_t>{1});

  // Nothing fits: the host that got furthest, the lowest position among equals.
  CHECK(hosts.closest({4096, 512, {}, false}, any) == std::make_pair(PlacementFailure::kCpu, 0u));
  CHECK(hosts.closest({2048, 8192, {}, false}, any) == std::make_pair(PlacementFailure::kMemory, 10u));
  CHECK(hosts.closest({512, 2048, {}, true}, {only_b.data(), false}) ==
        std::make_pair(PlacementFailure::kNotEligible, 0u));
  hosts.reserve(10, {512, 512, {}, false});
  CHECK(hosts.closest({512, 512, {}, false}, {only_b.data(), true}) ==
        std::make_pair(PlacementFailure::kGroupOnHost, 10u));
  for (std::uint32_t i : {0u, 10u, 20u}) hosts.set_draining(i, true);
  CHECK(fitting(hosts, {1, 1, {}, false}, any).empty());
  CHECK(hosts.closest({1, 1, {}, false}, any).first == PlacementFailure::kNoHosts);
}

TEST_CASE("host table: reserve and release keep the columns and the spread counts in step", "[hosts]") {
  HostTable hosts({host(0, "a", 2048, 4096), host(1, "b", 2048, 4096), host(2, "a", 2048, 4096)});
  const std::int32_t zone = hosts.track_spread(hosts.names().intern("zone"));
  CHECK(hosts.track_spread(hosts.names().intern("zone")) == zone);
  const ResourceRequest task{512, 1024, {8080}, true};
  hosts.reserve(0, task);
  CHECK(hosts.remaining_cpu(0) == 1536);
  CHECK(hosts.remaining_memory(0) == 3072);
  CHECK(hosts.free_enis(0) == 0);
  CHECK(hosts.group_tasks(0) == 1);
  CHECK(hosts.spread_counts(zone).at(2) == 1);  // host 2 shares zone a with host 0
  CHECK(hosts.spread_counts(zone).at(1) == 0);
  const std::vector<std::uint8_t> all(3, 1);
  CHECK(fitting(hosts, {1, 1, {8080}, false}, {all.data(), false}) == std::vector<std::uint32_t>{1, 2});
  CHECK_THROWS_AS(hosts.reserve(0, task), std::invalid_argument);  // no ENI left
  CHECK_THROWS_AS(hosts.reserve(5, task), std::out_of_range);
  hosts.set_draining(0, true);  // a draining host's tenants leave the spread counts
  CHECK(hosts.spread_counts(zone).at(2) == 0);
  hosts.set_draining(0, false);
  hosts.release(0, task);
  CHECK(hosts.remaining_cpu(0) == 2048);
  CHECK(hosts.free_enis(0) == 1);
  CHECK(hosts.spread_counts(zone).at(2) == 0);
  const std::vector<int> other_group = {0, 5, 2};
  hosts.set_group_tasks(other_group);
  CHECK(hosts.spread_counts(zone).at(0) == 2);
  CHECK(hosts.spread_counts(zone).at(1) == 5);
  // A host added later with a zone never seen joins the counts.
  HostView late = host(3, "c", 2048, 4096);
  late.tasks_of_group = 4;
  hosts.add_host(late);
  CHECK(hosts.spread_counts(zone).at(3) == 4);
  CHECK(hosts.host_id(30) == "h-3");
  CHECK_THROWS_AS(hosts.add_host(host(1, "a", 1, 1)), std::invalid_argument);  // indices must increase
}
