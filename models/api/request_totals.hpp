#pragma once
/// Run-wide request accounting for summary.json, shared by every load balancer.

#include <cstdint>

#include "sim/metrics/quantile_sketch.hpp"
#include "sim/metrics/sample_stats.hpp"

namespace fleetsim {

/// Requests counted by outcome; conservation: arrived == ok + 502 + 503 + 504 + in_flight().
struct RequestTotals {
  std::uint64_t arrived = 0;  ///< offered by workloads
  std::uint64_t ok = 0;       ///< answered by a target in time
  std::uint64_t http502 = 0;  ///< the target stopped mid-request
  std::uint64_t http503 = 0;  ///< no routable target
  std::uint64_t http504 = 0;  ///< past the request timeout
  SampleStats latency_stats;  ///< ms, over requests that reached a target
  QuantileSketch latency;     ///< ms, same population

  /// Requests still waiting for an answer.
  std::uint64_t in_flight() const { return arrived - ok - http502 - http503 - http504; }
};

}  // namespace fleetsim
