// Hold-model benchmarks of the pending-event set against std::priority_queue, and of the full engine.

#include <benchmark/benchmark.h>

#include <cstdint>

#include "bench/hold_model.hpp"

namespace {

using fleetsim::bench::BimodalIncrement;
using fleetsim::bench::EngineHold;
using fleetsim::bench::ExponentialIncrement;
using fleetsim::bench::HoldModel;
using fleetsim::bench::ParetoIncrement;
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
template <class Set, class Increment>
void hold(benchmark::State& state) {
  HoldModel<Set, Increment> model(static_cast<std::size_t>(state.range(0)), kSeed);
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

BENCHMARK_TEMPLATE(hold, RadixSet, ExponentialIncrement)->Apply(sizes);
BENCHMARK_TEMPLATE(hold, StdEntrySet, ExponentialIncrement)->Apply(sizes);
BENCHMARK_TEMPLATE(hold, StdPlainSet, ExponentialIncrement)->Apply(sizes);
// The shapes that make bucketed queues collapse: ours must stay flat across sizes.
BENCHMARK_TEMPLATE(hold, RadixSet, ParetoIncrement)->Apply(sizes);
BENCHMARK_TEMPLATE(hold, StdPlainSet, ParetoIncrement)->Apply(sizes);
BENCHMARK_TEMPLATE(hold, RadixSet, BimodalIncrement)->Apply(sizes);
BENCHMARK_TEMPLATE(hold, StdPlainSet, BimodalIncrement)->Apply(sizes);
BENCHMARK(engine_hold)->Apply(sizes);

BENCHMARK_MAIN();
