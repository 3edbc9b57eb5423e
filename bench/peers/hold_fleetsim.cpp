// fleetsim's side of the engine comparison: bench/hold_model.hpp's EngineHold (BasicEngine<RadixEventSet>,
// every event rescheduling itself with schedule_after), measured the way the peers are measured.
//
//   hold_fleetsim PENDING TIMED_EVENTS WARMUP_EVENTS

#include "bench/hold_model.hpp"
#include "bench/peers/hold_common.hpp"

int main(int argc, char** argv) {
  hold::Args args = hold::parse_args(argc, argv, "hold_fleetsim");
  fleetsim::bench::EngineHold model(args.pending, hold::kSeed);
  while (model.processed() < args.warmup) model.step();
  const std::uint64_t first = model.processed();
  const double start = hold::cpu_seconds();
  while (model.processed() - first < args.timed) model.step();
  const double stop = hold::cpu_seconds();
  // A step runs every event of a short span of virtual time, so it overshoots: count what really ran.
  args.timed = model.processed() - first;
  hold::report("fleetsim", args, stop - start);
  return 0;
}
