#pragma once
/// What every model gets from the core: the engine, random streams, metrics and the event log.

#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>

#include "sim/engine.hpp"
#include "sim/metrics/metric_store.hpp"
#include "sim/metrics/summary_window.hpp"
#include "sim/output/event_log.hpp"
#include "sim/random/stream_seed.hpp"

namespace fleetsim {

class EventBus;

/// The core services of one run, shared by reference with every model.
struct RunContext {
  Engine& engine;                   ///< virtual time and scheduling
  std::uint64_t seed;               ///< the run's seed; streams derive from it by name
  MetricStore& metrics;             ///< CloudWatch-like series
  EventLog& events;                 ///< events.jsonl
  SimTime end;                      ///< when the run stops
  SummaryWindow* window = nullptr;  ///< when summary figures start counting; null in unit tests without a run
  EventBus* bus = nullptr;          ///< EventBridge's bus, set by the events model when a rule has an EventPattern

  /// Calls `on_open(start)` when the summary's window opens (after simulation.warmup), if the run has one.
  void on_window_open(std::function<void(SimTime)> on_open) const {
    if (window != nullptr) window->subscribe(std::move(on_open));
  }

  /// An independent random stream named after the model instance, e.g. "workload/web/arrivals".
  Rng stream(std::string_view name) const { return make_stream(seed, name); }
};

}  // namespace fleetsim
