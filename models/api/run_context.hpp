#pragma once
/// What every model gets from the core: the engine, random streams, metrics and the event log.

#include <cstdint>
#include <string_view>

#include "sim/engine.hpp"
#include "sim/metrics/metric_store.hpp"
#include "sim/output/event_log.hpp"
#include "sim/random/stream_seed.hpp"

namespace fleetsim {

/// The core services of one run, shared by reference with every model.
struct RunContext {
  Engine& engine;        ///< virtual time and scheduling
  std::uint64_t seed;    ///< the run's seed; streams derive from it by name
  MetricStore& metrics;  ///< CloudWatch-like series
  EventLog& events;      ///< events.jsonl
  SimTime end;           ///< when the run stops

  /// An independent random stream named after the model instance, e.g. "workload/web/arrivals".
  Rng stream(std::string_view name) const { return make_stream(seed, name); }
};

}  // namespace fleetsim
