#pragma once
/// Run-wide request accounting for summary.json, shared by every load balancer.

#include <cstdint>

#include "sim/metrics/quantile_sketch.hpp"
#include "sim/metrics/sample_stats.hpp"

namespace fleetsim {

/// Requests counted by outcome; conservation: arrived == ok + 502 + 503 + 504 + fixed responses + in_flight().
struct RequestTotals {
  /// Counts at the opening of the summary's window, subtracted in summary.json.
  struct Baseline {
    std::uint64_t arrived = 0, ok = 0, http502 = 0, http503 = 0, http504 = 0, fixed_response = 0;
  };

  std::uint64_t arrived = 0;  ///< offered by workloads
  std::uint64_t ok = 0;       ///< answered by a target in time
  std::uint64_t http502 = 0;  ///< the target stopped mid-request
  std::uint64_t http503 = 0;  ///< no routable target
  std::uint64_t http504 = 0;  ///< past the request timeout
  /// answered by the load balancer itself: a listener's fixed-response action (no rule matched and no default
  /// backend, for an Ingress)
  std::uint64_t fixed_response = 0;
  SampleStats latency_stats;  ///< ms, over requests that reached a target
  QuantileSketch latency;     ///< ms, same population
  Baseline at_window_start;   ///< counts when summary.json's window opened (all zero without a warm-up)

  /// The summary's window opens: outcomes count from now, latencies start empty. Requests in flight now are
  /// answered in the window and count in it, so the window's total is arrived minus those answered before.
  void open_window() {
    at_window_start = {
        ok + http502 + http503 + http504 + fixed_response, ok, http502, http503, http504, fixed_response};
    latency_stats.clear();
    latency.clear();
  }

  /// Requests still waiting for an answer.
  std::uint64_t in_flight() const { return arrived - ok - http502 - http503 - http504 - fixed_response; }
};

}  // namespace fleetsim
