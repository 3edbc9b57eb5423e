#pragma once
/// A progress bar on stderr: simulated time, percent and an ETA from wall-clock pace.

#include <chrono>

#include "sim/time.hpp"

namespace fleetsim {

/// Redraws at most five times a second; does nothing when disabled. Wall time never enters results.
class ProgressBar {
 public:
  /// A bar for a run of `total` simulated time.
  ProgressBar(bool enabled, Duration total);
  /// The run has reached `now`.
  void update(SimTime now);
  /// Clears the bar.
  void finish();

 private:
  bool enabled_;
  Duration total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace fleetsim
