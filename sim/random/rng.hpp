#pragma once

// The simulator's only source of randomness: xoshiro256** seeded through splitmix64.
//
// Why our own generator: std:: engines are portable but std:: distributions and
// std::shuffle are implementation-defined, so results would differ between
// libstdc++, libc++ and MSVC. Rng deliberately does NOT model
// UniformRandomBitGenerator (no operator(), min(), max()) so it cannot be handed
// to those std:: facilities by accident. Draw through the methods below and
// through fleetsim::Distribution instead.

#include <array>
#include <cstdint>
#include <stdexcept>

namespace fleetsim {

/// One splitmix64 step: advances `state` and returns a well-mixed 64-bit value.
inline std::uint64_t splitmix64_next(std::uint64_t& state) {
  state += 0x9e3779b97f4a7c15ULL;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// A deterministic pseudo-random generator (xoshiro256**); same seed gives the same sequence everywhere.
class Rng {
 public:
  /// The full generator state, for checkpoints and for reproducing a stream mid-run.
  using State = std::array<std::uint64_t, 4>;

  /// Seeds the 256-bit state from a 64-bit seed with four splitmix64 steps (never all zero).
  explicit Rng(std::uint64_t seed) {
    std::uint64_t sm = seed;
    for (std::uint64_t& word : s_) {
      word = splitmix64_next(sm);
    }
  }

  /// Restores a generator from a state obtained with state(); throws std::invalid_argument if all words are 0.
  static Rng from_state(const State& state) {
    if ((state[0] | state[1] | state[2] | state[3]) == 0) {
      throw std::invalid_argument("Rng state: expected at least one non-zero word");
    }
    Rng rng(0);
    rng.s_ = state;
    return rng;
  }

  /// The current state; from_state(state()) continues the exact same sequence.
  [[nodiscard]] const State& state() const { return s_; }

  /// The next 64 uniformly distributed bits.
  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// A uniform double in [0, 1) on the grid k * 2^-53 (all 53 mantissa bits random).
  double next_double() { return static_cast<double>(next_u64() >> 11) * 0x1p-53; }

  /// A uniform double in (0, 1) on the grid (k + 0.5) * 2^-52: never 0 or 1, and symmetric about 1/2.
  double next_open01() {
    // 52 bits, not 53: k + 0.5 must stay exact, and with 53 bits the top value would round up to 1.0
    return (static_cast<double>(next_u64() >> 12) + 0.5) * 0x1p-52;
  }

  /// A uniform integer in [0, n) without modulo bias (Lemire's multiply-shift with rejection); n must be > 0.
  std::uint64_t next_below(std::uint64_t n) {
    if (n == 0) {
      throw std::invalid_argument("Rng::next_below: expected n > 0");
    }
    std::uint64_t hi = 0;
    std::uint64_t lo = mul_64x64(next_u64(), n, hi);
    if (lo < n) {
      // values of lo below 2^64 mod n would make some results one draw more likely
      const std::uint64_t threshold = (0 - n) % n;
      while (lo < threshold) {
        lo = mul_64x64(next_u64(), n, hi);
      }
    }
    return hi;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  // Full 128-bit product from 32-bit halves: portable (MSVC has no __int128) and identical everywhere.
  static std::uint64_t mul_64x64(std::uint64_t a, std::uint64_t b, std::uint64_t& hi) {
    const std::uint64_t a_lo = a & 0xffffffffULL;
    const std::uint64_t a_hi = a >> 32;
    const std::uint64_t b_lo = b & 0xffffffffULL;
    const std::uint64_t b_hi = b >> 32;
    const std::uint64_t ll = a_lo * b_lo;
    const std::uint64_t lh = a_lo * b_hi;
    const std::uint64_t hl = a_hi * b_lo;
    const std::uint64_t hh = a_hi * b_hi;
    const std::uint64_t mid = (ll >> 32) + (lh & 0xffffffffULL) + (hl & 0xffffffffULL);
    hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return (mid << 32) | (ll & 0xffffffffULL);
  }

  State s_{};
};

}  // namespace fleetsim
