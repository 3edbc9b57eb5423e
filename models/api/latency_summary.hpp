#pragma once
/// summary.json's `latency_ms` of one serving unit (an ECS service, an EKS workload): the requests that reached its
/// tasks or pods, written by this one function for both orchestrators.

#include <nlohmann/json.hpp>

#include "sim/metrics/quantile_sketch.hpp"

namespace fleetsim {

/// `{"p50": ..., "p99": ...}` in ms of `latency`, the merged run latencies of what sends to the unit (its target
/// groups, its Service's in-cluster clients); both 0 when nothing was answered.
inline nlohmann::ordered_json latency_summary(const QuantileSketch& latency) {
  return {{"p50", latency.quantile(0.5)}, {"p99", latency.quantile(0.99)}};
}

}  // namespace fleetsim
