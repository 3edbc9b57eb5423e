#pragma once
/// When summary.json's figures start counting: at the end of `simulation.warmup`. The start of a run
/// (empty caches, cold tasks, a fleet still scaling to the load) would otherwise pollute steady-state
/// figures such as p99. metrics.csv and events.jsonl are not windowed: they always cover the whole run.

#include <functional>
#include <utility>
#include <vector>

#include "sim/time.hpp"

namespace fleetsim {

/// The summary's window, (start, end]: whatever keeps a figure of summary.json subscribes, and restarts
/// it (counts become baselines, peaks and sketches start empty) when the window opens.
class SummaryWindow {
 public:
  /// Calls `on_open(start)` when the window opens; subscribers are called in subscription order.
  void subscribe(std::function<void(SimTime)> on_open) { subscribers_.push_back(std::move(on_open)); }
  /// Opens the window at `at` (once, after every event at or before `at` ran).
  void open(SimTime at) {
    start_ = at;
    for (const auto& s : subscribers_) s(at);
  }
  /// Where the window starts: zero unless a warm-up opened it later.
  SimTime start() const { return start_; }

 private:
  std::vector<std::function<void(SimTime)>> subscribers_;
  SimTime start_ = SimTime::zero();
};

}  // namespace fleetsim
