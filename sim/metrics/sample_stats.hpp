#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>

namespace fleetsim {

/// Running SampleCount / Sum / Minimum / Maximum / Average as CloudWatch reports them for one metric period.
/// With no samples min is +inf and max is -inf (the identities of merge); check count before reporting them.
struct SampleStats {
  /// Number of samples (CloudWatch SampleCount).
  std::uint64_t count = 0;
  /// Sum of samples, accumulated in the order added (deterministic because the simulator's order is).
  double sum = 0.0;
  /// Smallest sample, +inf when empty.
  double min = std::numeric_limits<double>::infinity();
  /// Largest sample, -inf when empty.
  double max = -std::numeric_limits<double>::infinity();

  /// Records one sample.
  void add(double v) {
    ++count;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  /// Folds in another period's or shard's statistics.
  void merge(const SampleStats& other) {
    count += other.count;
    sum += other.sum;
    if (other.min < min) min = other.min;
    if (other.max > max) max = other.max;
  }
  /// Back to the empty state.
  void clear() { *this = SampleStats{}; }
  /// sum / count, or 0 when empty.
  double mean() const { return count == 0 ? 0.0 : sum / static_cast<double>(count); }
};

/// Time-weighted average, minimum and maximum of a gauge over one period.
struct GaugeStats {
  /// Integral of the value over the period divided by its length (the value itself for a zero-length period).
  double average = 0.0;
  /// Smallest value the gauge took in the period.
  double min = 0.0;
  /// Largest value the gauge took in the period.
  double max = 0.0;
};

/// Piecewise-constant value over integer simulated time in microseconds (e.g. running tasks, in-flight requests).
///
/// The integral uses Neumaier-compensated double summation of value * elapsed-microseconds. long double was rejected:
/// it is 80-bit on x86-64, 128-bit on AArch64 and 64-bit under MSVC, so results would differ between machines.
/// Compensation keeps the error near one rounding of the final sum however many changes a day-long period has,
/// where plain summation loses low bits once the running integral dwarfs each term. Elapsed times are exact int64
/// differences, so large absolute timestamps cost nothing.
/// min/max include every value set during the period, even one replaced at the same instant (it then adds nothing
/// to the average); a period starts with the value carried over from the previous one.
class TimeWeightedGauge {
 public:
  /// Starts the first period at `start` holding `initial`.
  explicit TimeWeightedGauge(std::int64_t start = 0, double initial = 0.0)
      : value_(initial), period_start_(start), last_change_(start), min_(initial), max_(initial) {}

  /// Changes the value at time `now`; throws std::invalid_argument if `now` precedes the last change or period start.
  void set(std::int64_t now, double value) {
    advance(now);
    value_ = value;
    if (value < min_) min_ = value;
    if (value > max_) max_ = value;
  }
  /// Adds `delta` to the value at time `now` (same time rule as set).
  void add(std::int64_t now, double delta) { set(now, value_ + delta); }
  /// Current value.
  double value() const { return value_; }
  /// Start of the period in progress.
  std::int64_t period_start() const { return period_start_; }

  /// Ends the period at `period_end` (not before the last change) and starts the next one there with the current value.
  GaugeStats close_period(std::int64_t period_end) {
    advance(period_end);
    const std::int64_t length = period_end - period_start_;
    GaugeStats stats;
    stats.average = length > 0 ? (area_ + compensation_) / static_cast<double>(length) : value_;
    stats.min = min_;
    stats.max = max_;
    period_start_ = period_end;
    area_ = 0.0;
    compensation_ = 0.0;
    min_ = value_;
    max_ = value_;
    return stats;
  }

 private:
  void advance(std::int64_t now) {
    if (now < last_change_) throw std::invalid_argument("TimeWeightedGauge: time went backwards");
    if (now == last_change_) return;
    const double term = value_ * static_cast<double>(now - last_change_);
    const double total = area_ + term;
    // Neumaier: recover the low-order bits lost by whichever operand was smaller.
    if ((area_ < 0 ? -area_ : area_) >= (term < 0 ? -term : term)) {
      compensation_ += (area_ - total) + term;
    } else {
      compensation_ += (term - total) + area_;
    }
    area_ = total;
    last_change_ = now;
  }

  double value_;
  std::int64_t period_start_;
  std::int64_t last_change_;
  double area_ = 0.0;
  double compensation_ = 0.0;
  double min_;
  double max_;
};

}  // namespace fleetsim
