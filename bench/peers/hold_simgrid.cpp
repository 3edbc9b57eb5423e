// The hold model in SimGrid (3.32): PENDING actors on one host, each sleeping an exponential time in
// a loop, so every wake-up is one event that schedules the next. Built by bench/peers/run.
//
//   hold_simgrid PENDING TIMED_EVENTS WARMUP_EVENTS [--cfg=...]

#include <simgrid/s4u.hpp>

#include "hold_common.hpp"

namespace sg4 = simgrid::s4u;

namespace {

hold::FastRng rng(hold::kSeed);
hold::Args args;
std::uint64_t fired = 0;
double start_cpu = 0;

// SimGrid's clock is a double in seconds; the draw is the same whole-microsecond increment.
double next_sleep_s() { return static_cast<double>(hold::exp_increment_us(rng)) * 1e-6; }

// One actor: each wake-up is one hold event.
void holder() {
  for (;;) {
    sg4::this_actor::sleep_for(next_sleep_s());
    ++fired;
    if (fired == args.warmup) start_cpu = hold::cpu_seconds();
    if (fired == args.warmup + args.timed) {
      hold::report("simgrid", args, hold::cpu_seconds() - start_cpu);
      // Tearing down a million actor stacks is not part of the measurement: leave now.
      std::_Exit(0);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  sg4::Engine engine(&argc, argv);  // consumes --cfg=... options
  args = hold::parse_args(argc, argv, "hold_simgrid");
  auto* zone = sg4::create_full_zone("zone");
  sg4::Host* host = zone->create_host("host", 1e9);
  zone->seal();
  for (std::uint64_t i = 0; i < args.pending; ++i) sg4::Actor::create("holder", host, holder);
  if (args.warmup == 0) start_cpu = hold::cpu_seconds();
  engine.run();
  return 1;  // only reached if the actors stopped early
}
