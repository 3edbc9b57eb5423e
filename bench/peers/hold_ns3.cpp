// The hold model in ns-3 (3.37): PENDING events, each rescheduling itself with an exponential delay.
// The scheduler is chosen on the command line: ns3::MapScheduler (ns-3's default) or
// ns3::PriorityQueueScheduler. Built by bench/peers/run with g++ -std=c++17 (see there why by hand).
//
//   hold_ns3 SCHEDULER PENDING TIMED_EVENTS WARMUP_EVENTS

#include <ns3/nstime.h>
#include <ns3/object-factory.h>
#include <ns3/simulator.h>

#include <string>

#include "hold_common.hpp"

namespace {

hold::FastRng rng(hold::kSeed);
std::uint64_t fired = 0;
std::uint64_t start_at = 0;  // event count at which the clock starts
std::uint64_t stop_at = 0;   // event count at which it stops
double start_cpu = 0;
double stop_cpu = 0;

// One event: count it, and put its successor back into the set, as fleetsim's EngineHold does.
void fire() {
  ++fired;
  if (fired == start_at) start_cpu = hold::cpu_seconds();
  if (fired == stop_at) {
    stop_cpu = hold::cpu_seconds();
    ns3::Simulator::Stop();
    return;
  }
  ns3::Simulator::Schedule(ns3::MicroSeconds(hold::exp_increment_us(rng)), &fire);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: hold_ns3 SCHEDULER PENDING TIMED_EVENTS WARMUP_EVENTS\n");
    return 2;
  }
  const std::string scheduler = argv[1];
  hold::Args args = hold::parse_args(argc - 1, argv + 1, "hold_ns3");
  start_at = args.warmup;
  stop_at = args.warmup + args.timed;

  ns3::ObjectFactory factory;
  factory.SetTypeId(scheduler);
  ns3::Simulator::SetScheduler(factory);
  for (std::uint64_t i = 0; i < args.pending; ++i) {
    ns3::Simulator::Schedule(ns3::MicroSeconds(hold::exp_increment_us(rng)), &fire);
  }
  if (start_at == 0) start_cpu = hold::cpu_seconds();
  ns3::Simulator::Run();
  const std::string name = scheduler == "ns3::MapScheduler" ? "ns3-map" : "ns3-priority-queue";
  hold::report(name.c_str(), args, stop_cpu - start_cpu);
  // Destroying a million pending events is not part of the measurement and takes a while: skip it.
  std::fflush(stdout);
  std::_Exit(0);
}
