// Hold-model benchmarks of the pending-event set against std::priority_queue, and of the full engine.

#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench/hold_model.hpp"

namespace {

using fleetsim::bench::EngineHold;
using fleetsim::bench::HoldModel;
using fleetsim::bench::RadixSet;
using fleetsim::bench::StdEntrySet;
using fleetsim::bench::StdPlainSet;

constexpr std::uint64_t kSeed = 0x853C49E6748FEA9BULL;

// Reports seconds per operation (shown with an SI prefix, e.g. "62n" = 62 ns) next to items_per_second.
void report(benchmark::State& state, std::int64_t ops) {
  state.SetItemsProcessed(ops);
  state.counters["per_op"] =
      benchmark::Counter(static_cast<double>(ops), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// One iteration = one hold operation (pop the earliest, push its successor) on a bare set.
template <class Set>
void hold(benchmark::State& state) {
  HoldModel<Set> model(static_cast<std::size_t>(state.range(0)), kSeed);
  for (auto _ : state) model.step();
  report(state, static_cast<std::int64_t>(state.iterations()));
}

// One iteration = run_until(next_time()): every event at the next instant, each rescheduling
// itself. items_per_second and per_op count dispatched events, not iterations.
void engine_hold(benchmark::State& state) {
  EngineHold model(static_cast<std::size_t>(state.range(0)), kSeed);
  std::uint64_t before = model.processed();
  for (auto _ : state) model.step();
  report(state, static_cast<std::int64_t>(model.processed() - before));
}

void sizes(benchmark::internal::Benchmark* b) { b->Arg(1000)->Arg(100000)->Arg(1000000); }

}  // namespace

BENCHMARK_TEMPLATE(hold, RadixSet)->Apply(sizes);
BENCHMARK_TEMPLATE(hold, StdEntrySet)->Apply(sizes);
BENCHMARK_TEMPLATE(hold, StdPlainSet)->Apply(sizes);
BENCHMARK(engine_hold)->Apply(sizes);

BENCHMARK_MAIN();
