#pragma once
/// A request rate that varies over virtual time, with the piecewise upper bounds exact thinning needs.

#include <vector>

namespace fleetsim {

/// Bounds on the rate valid on [from, until): thinning draws candidates at `max_rate`, and accepts
/// those under `min_rate` without evaluating the rate (a squeeze).
struct RateBound {
  double max_rate;  ///< requests per second, >= every rate in the window
  double until;     ///< end of the window, seconds since start
  double min_rate;  ///< <= every rate in the window
};

/// rate(t) in requests per second, t in seconds since the start of the simulation.
class RatePattern {
 public:
  /// A constant rate.
  static RatePattern constant(double rate);
  /// Piecewise constant: `rates[i]` from `starts[i]` (seconds, ascending; before the first: 0).
  static RatePattern steps(std::vector<double> starts, std::vector<double> rates);
  /// mean x (1 + amplitude x cos(2 pi (t - peak) / 1 day)): a day's sinusoid peaking at `peak_s` after midnight.
  static RatePattern diurnal(double mean, double amplitude, double peak_s);
  /// `from` until `start`, linear to `to` over `duration`, then `to`.
  static RatePattern ramp(double from, double to, double start, double duration);
  /// `base`, with `peak` on [at, at + duration).
  static RatePattern spike(double base, double peak, double at, double duration);

  /// The rate at `t`.
  double rate_at(double t) const;
  /// A bound on the rate from `t` on, and how long it holds.
  RateBound bound_from(double t) const;
  /// The mean rate over [0, horizon], for sanity checks and summaries.
  double mean_over(double horizon) const;

 private:
  enum class Kind { kSteps, kDiurnal, kRamp };
  Kind kind_ = Kind::kSteps;
  std::vector<double> starts_;            // kSteps
  std::vector<double> rates_;             // kSteps
  double a_ = 0, b_ = 0, c_ = 0, d_ = 0;  // kDiurnal: mean, amplitude, peak; kRamp: from, to, start, duration
};

}  // namespace fleetsim
