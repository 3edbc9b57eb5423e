#pragma once
/// The hold model's random increments, shared by fleetsim's event-set benchmarks and the C++ peers of
/// bench/peers (so every engine sees the same workload). Plain C++17 with no fleetsim includes: ns-3
/// 3.37's headers do not build as C++20, and the ns-3 peer includes this.

#include <cmath>
#include <cstdint>

namespace fleetsim::bench {

/// xorshift64*: fast, and the same draws everywhere, so every variant sees one workload.
class FastRng {
 public:
  /// Starts the generator from a nonzero `seed`.
  explicit FastRng(std::uint64_t seed) : state_(seed) {}
  /// The next 64 random bits.
  std::uint64_t next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1DULL;
  }
  /// A uniform double in (0, 1]; never 0, so its logarithm is finite.
  double unit() { return static_cast<double>((next() >> 11) + 1) * 0x1p-53; }

 private:
  std::uint64_t state_;
};

/// Mean gap between an event and the one it schedules, in microseconds.
inline constexpr double kMeanIncrementUs = 1000.0;

/// An exponential increment with mean `mean_us`, in whole microseconds (0 happens, giving the equal
/// times real models have). std::log is acceptable here: a benchmark's numbers never feed a simulation
/// result.
inline std::int64_t exp_increment(FastRng& rng, double mean_us = kMeanIncrementUs) {
  return static_cast<std::int64_t>(-mean_us * std::log(rng.unit()));
}

}  // namespace fleetsim::bench
