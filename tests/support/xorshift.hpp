#pragma once
// A tiny generator for test inputs, independent of the code under test (fleetsim's own Rng is one
// of the things tested) and of the standard library's engines and distributions.

#include <cstdint>

namespace fleetsim::testing {

/// Marsaglia's xorshift64; `state` must not be 0.
struct XorShift64 {
  std::uint64_t state;
  /// The next 64 random bits.
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
  /// An integer in [0, n): modulo bias is irrelevant for test inputs.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  /// Uniform in (0, 1): 53 random bits, offset by half a step so that log() never sees 0.
  double unit() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
};

}  // namespace fleetsim::testing
