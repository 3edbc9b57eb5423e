#pragma once
/// A piecewise-constant value over simulated time and its integral: the one time-weighted signal of
/// the core, used by the metric store's gauges and by the models' CloudWatch sources.

#include <cassert>
#include <cstdint>
#include <stdexcept>

#include "sim/metrics/sample_stats.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// A piecewise-constant value (running tasks, healthy targets, a per-hour rate) whose integral over
/// time can be read at any instant or closed into periods (time-weighted average, minimum, maximum).
///
/// Neumaier-compensated summation, so the error stays near one rounding of the final sum however many changes
/// (plain addition loses low bits once the running integral dwarfs each term). Long double was rejected, it is 80-bit
/// on x86-64, 128-bit on AArch64 and 64-bit under MSVC, so results would differ between machines. Elapsed times are
/// exact int64 differences, so large absolute timestamps cost nothing. When every term and partial sum is exact
/// (integer values such as counts, under 2^53 value-microseconds) the result has the same bits as plain addition.
/// min/max include every value set during the period, even one replaced at the same instant (it then
/// adds nothing to the average); a period starts with the value carried over from the previous one.
class TimeWeightedSignal {
 public:
  /// Starts the first period at `start` holding `initial`.
  explicit TimeWeightedSignal(SimTime start = SimTime::zero(), double initial = 0.0)
      : value_(initial), period_start_(start), last_change_(start), min_(initial), max_(initial) {}

  /// Changes the value at `now`; throws std::invalid_argument if `now` precedes the last change or period start.
  void set(SimTime now, double value) {
    advance(now);
    value_ = value;
    if (value < min_) min_ = value;
    if (value > max_) max_ = value;
  }
  /// Adds `delta` to the value at `now` (same time rule as set).
  void add(SimTime now, double delta) { set(now, value_ + delta); }
  /// Adds `area` (value x microseconds) to the period in progress without changing the value: for a
  /// quantity read off a cumulative counter when sampled rather than followed change by change.
  void add_area(double area) { accumulate(area); }
  /// The current value.
  double value() const { return value_; }
  /// Start of the period in progress (the start of the run when no period was ever closed).
  SimTime period_start() const { return period_start_; }

  /// The integral of the value from the period start to `now` (not before the last change), in
  /// value x microseconds.
  double integral(SimTime now) const {
    TimeWeightedSignal copy = *this;
    copy.advance(now);
    return copy.area();
  }

  /// Ends the period at `end` (not before the last change) and starts the next one there with the current value.
  GaugeStats close_period(SimTime end) {
    advance(end);
    const std::int64_t length = end.us() - period_start_.us();
    GaugeStats stats;
    stats.average = length > 0 ? area() / static_cast<double>(length) : value_;
    stats.min = min_;
    stats.max = max_;
    period_start_ = end;
    area_ = 0.0;
    compensation_ = 0.0;
    min_ = value_;
    max_ = value_;
    return stats;
  }

 private:
  double area() const { return area_ + compensation_; }

  void advance(SimTime now) {
    if (now < last_change_) throw std::invalid_argument("time-weighted signal: time went backwards");
    if (now == last_change_) return;
    accumulate(value_ * static_cast<double>(now.us() - last_change_.us()));
    last_change_ = now;
  }

  void accumulate(double term) {
    const double total = area_ + term;
    // Neumaier: recover the low-order bits lost by whichever operand was smaller.
    if ((area_ < 0 ? -area_ : area_) >= (term < 0 ? -term : term)) {
      compensation_ += (area_ - total) + term;
    } else {
      compensation_ += (term - total) + area_;
    }
    area_ = total;
  }

  double value_;
  SimTime period_start_;
  SimTime last_change_;
  double area_ = 0.0;
  double compensation_ = 0.0;
  double min_;
  double max_;
};

}  // namespace fleetsim
