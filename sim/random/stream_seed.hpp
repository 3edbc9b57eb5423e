#pragma once

// Named random streams.
//
// Every model instance draws from its own stream, named by its place in the
// scenario, e.g. "workload/web-traffic/arrivals" or "fleet/db-primary/failures".
// Because a stream's seed depends only on the run seed and its name, adding,
// removing or reordering other models never shifts the numbers a model sees:
// that keeps runs comparable across scenario edits (common random numbers).
// Names must therefore be stable and unique per model instance; two instances
// sharing a name would silently draw identical, fully correlated numbers.

#include <cstdint>
#include <string_view>

#include "sim/random/rng.hpp"

namespace fleetsim {

/// 64-bit FNV-1a hash of the bytes of `text`.
std::uint64_t fnv1a64(std::string_view text);

/// The seed of stream `stream_name` in run `run_seed`; throws std::invalid_argument for an empty name.
std::uint64_t stream_seed(std::uint64_t run_seed, std::string_view stream_name);

/// A generator for stream `stream_name` in run `run_seed`, i.e. Rng(stream_seed(run_seed, stream_name)).
Rng make_stream(std::uint64_t run_seed, std::string_view stream_name);

}  // namespace fleetsim
