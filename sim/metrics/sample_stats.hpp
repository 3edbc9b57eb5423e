#pragma once

#include <cstdint>
#include <limits>

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

}  // namespace fleetsim
