#pragma once
/// What every C++ hold-model peer shares: the xorshift64* draws of bench/hold_draws.hpp, a processor
/// clock and the one result line the runner parses. C++17, because ns-3 3.37's headers do not build
/// as C++20 and this header is included from that translation unit.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "../hold_draws.hpp"

namespace hold {

// The draws of bench/hold_draws.hpp, so every peer sees fleetsim's workload.
using FastRng = fleetsim::bench::FastRng;
using fleetsim::bench::kMeanIncrementUs;
/// The seed every peer starts from.
inline constexpr std::uint64_t kSeed = 0x853C49E6748FEA9BULL;

/// An exponential increment in whole microseconds, as fleetsim's engine sees it.
inline std::int64_t exp_increment_us(FastRng& rng) { return fleetsim::bench::exp_increment(rng); }

/// Processor time of this process in seconds. Processor time, not wall time, so that the other
/// jobs sharing a small machine do not count against whichever peer they happened to overlap.
inline double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// Command line shared by the peers: PENDING TIMED_EVENTS WARMUP_EVENTS.
struct Args {
  std::uint64_t pending;  ///< self-rescheduling events kept pending
  std::uint64_t timed;    ///< events measured
  std::uint64_t warmup;   ///< events run before measuring
};

/// Parses the shared command line, exiting with a usage line when it is wrong.
inline Args parse_args(int argc, char** argv, const char* name) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s PENDING TIMED_EVENTS WARMUP_EVENTS\n", name);
    std::exit(2);
  }
  return Args{std::strtoull(argv[1], nullptr, 10), std::strtoull(argv[2], nullptr, 10),
              std::strtoull(argv[3], nullptr, 10)};
}

/// The line bench/peers/engine.py reads.
inline void report(const char* peer, const Args& a, double cpu_s) {
  std::printf("hold peer=%s pending=%llu events=%llu ns_per_event=%.1f\n", peer,
              static_cast<unsigned long long>(a.pending), static_cast<unsigned long long>(a.timed),
              cpu_s * 1e9 / static_cast<double>(a.timed));
  std::fflush(stdout);
}

}  // namespace hold
