// ECS task placement: 10,000 tasks of one service onto 1,000 container instances in 3 AZs, each
// placement followed by HostTable::reserve() so the next one sees the reduced resources. Target: < 50 ms a batch.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "models/ecs/placement.hpp"

namespace {

using fleetsim::BinpackField;
using fleetsim::HostTable;
using fleetsim::HostView;
using fleetsim::InstanceView;
using fleetsim::PlacementConstraint;
using fleetsim::PlacementPolicy;
using fleetsim::PlacementStrategy;
using fleetsim::ResourceRequest;
using fleetsim::Rng;
using fleetsim::TaskPlacement;

constexpr int kInstances = 1000;
constexpr int kTasks = 10000;

struct Type {
  const char* name;
  int cpu;
  int memory;
};

// Registered CPU units and memory (a little under the nominal size, as the agent reports it).
constexpr Type kTypes[] = {
    {"m5.large", 2048, 7680}, {"m5.xlarge", 4096, 15700}, {"c5.large", 2048, 3700}, {"r5.large", 2048, 15700}};
constexpr const char* kZones[] = {"us-east-1a", "us-east-1b", "us-east-1c"};

std::vector<HostView> fleet() {
  std::vector<HostView> out;
  for (int i = 0; i < kInstances; ++i) {
    const Type& t = kTypes[(i * 7) % 4];  // mixed, not grouped by type
    InstanceView v;
    v.index = static_cast<std::uint32_t>(i);
    v.instance_id = "i-" + std::to_string(i);
    v.availability_zone = kZones[i % 3];
    v.instance_type = t.name;
    v.remaining_cpu_units = t.cpu;
    v.remaining_memory_mib = t.memory;
    v.used_host_ports = {22, 2375, 2376, 51678, 51679};
    v.free_enis = 2;
    out.push_back(fleetsim::host_view(v));
  }
  return out;
}

// One iteration = one batch of kTasks placements and commits on a fresh copy of the cluster.
void place_batch(benchmark::State& state, const PlacementPolicy& policy) {
  const HostTable prototype(fleet());
  const ResourceRequest task{128, 512, {}, false};
  std::int64_t failed = 0;
  for (auto _ : state) {
    state.PauseTiming();
    HostTable hosts = prototype;
    TaskPlacement placement(hosts);
    Rng rng(42);
    state.ResumeTiming();
    const fleetsim::BoundPolicy bound = placement.bind(policy);
    for (int i = 0; i < kTasks; ++i) {
      const fleetsim::PlacementResult r = placement.place(bound, task, &rng);
      if (!r.ok()) {
        ++failed;
        continue;
      }
      hosts.reserve(r.instance, task);
    }
    benchmark::DoNotOptimize(hosts.remaining_memory(0));
  }
  if (failed > 0) state.SkipWithError("some tasks did not fit: the fleet is too small for the batch");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kTasks);
}

void spread_az_binpack_memory(benchmark::State& state) {
  PlacementPolicy p;
  p.strategies = {PlacementStrategy::spread("attribute:ecs.availability-zone"),
                  PlacementStrategy::binpack(BinpackField::kMemory)};
  place_batch(state, p);
}

void service_default(benchmark::State& state) { place_batch(state, PlacementPolicy{}); }

void member_of_then_random(benchmark::State& state) {
  PlacementPolicy p;
  p.strategies = {PlacementStrategy::random()};
  p.constraints = {
      PlacementConstraint::member_of("attribute:ecs.instance-type =~ m5.* or attribute:ecs.instance-type "
                                     "in (r5.large, c5.large)")};
  place_batch(state, p);
}

}  // namespace

BENCHMARK(spread_az_binpack_memory)->Unit(benchmark::kMillisecond);
BENCHMARK(service_default)->Unit(benchmark::kMillisecond);
BENCHMARK(member_of_then_random)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
