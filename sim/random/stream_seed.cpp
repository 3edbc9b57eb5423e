#include "sim/random/stream_seed.hpp"

#include <stdexcept>

namespace fleetsim {

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<std::uint64_t>(static_cast<unsigned char>(c));
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t stream_seed(std::uint64_t run_seed, std::string_view stream_name) {
  if (stream_name.empty()) {
    // an unnamed stream almost always means a model forgot its instance name
    throw std::invalid_argument("stream name: expected a non-empty name such as \"workload/web/arrivals\"");
  }
  // Both steps are bijections, so for a fixed name distinct run seeds give distinct stream
  // seeds, and the first mix keeps nearby run seeds (1, 2, 3...) from producing related inputs.
  std::uint64_t state = run_seed;
  const std::uint64_t mixed_run = splitmix64_next(state);
  state = mixed_run ^ fnv1a64(stream_name);
  return splitmix64_next(state);
}

Rng make_stream(std::uint64_t run_seed, std::string_view stream_name) {
  return Rng(stream_seed(run_seed, stream_name));
}

}  // namespace fleetsim
