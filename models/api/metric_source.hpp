#pragma once
/// How a metric's owner (a service, a target group) lets CloudWatch take datapoints at any
/// resolution: it keeps running totals that can be read at any instant, and turns the difference
/// of two readings into one datapoint. CloudWatch decides when to read (models/cloudwatch).

#include <optional>
#include <string>

#include "sim/metrics/time_weighted_signal.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// Running totals since the start of the run, read at `at`.
struct MetricTotals {
  SimTime at;         ///< when they were read
  double amount = 0;  ///< e.g. vCPU-microseconds used, requests routed
  double basis = 0;   ///< e.g. vCPU-microseconds reserved, target-microseconds healthy
};

/// One CloudWatch datapoint: a value and how many samples it stands for (CloudWatch SampleCount).
struct Datapoint {
  double value = 0;
  double sample_count = 1;
};

/// A metric series CloudWatch can sample.
class MetricSource {
 public:
  virtual ~MetricSource() = default;
  /// The totals now.
  virtual MetricTotals totals(SimTime now) const = 0;
  /// The datapoint for (from.at, to.at], or nothing when AWS would publish none (no task running,
  /// no request flowing).
  virtual std::optional<Datapoint> datapoint(const MetricTotals& from, const MetricTotals& to) const = 0;
};

/// A gauge (a count of tasks, of messages) whose datapoint is its time-weighted mean over the datapoint's interval.
class TimeAverageSource : public MetricSource {
 public:
  /// Adds `delta` to the gauge at `now`.
  void add(SimTime now, double delta) { value_.add(now, delta); }
  MetricTotals totals(SimTime now) const override { return {now, value_.integral(now), 0}; }
  std::optional<Datapoint> datapoint(const MetricTotals& from, const MetricTotals& to) const override {
    if (to.at <= from.at) return std::nullopt;
    return Datapoint{(to.amount - from.amount) / static_cast<double>((to.at - from.at).us()), 1};
  }
  /// The gauge itself, over the whole run.
  const TimeWeightedSignal& signal() const { return value_; }

 private:
  TimeWeightedSignal value_;
};

/// A utilisation in percent: 100 x the integral of a numerator over that of a denominator (memory used
/// over memory reserved); no datapoint while the denominator is 0 (no task running).
class RatioSource : public MetricSource {
 public:
  /// Adds to the numerator and the denominator at `now`.
  void add(SimTime now, double d_num, double d_den) {
    num_.add(now, d_num);
    den_.add(now, d_den);
  }
  MetricTotals totals(SimTime now) const override { return {now, num_.integral(now), den_.integral(now)}; }
  std::optional<Datapoint> datapoint(const MetricTotals& from, const MetricTotals& to) const override {
    double den = to.basis - from.basis;
    if (den <= 0) return std::nullopt;
    return Datapoint{100.0 * (to.amount - from.amount) / den, 1};
  }

 private:
  TimeWeightedSignal num_, den_;
};

}  // namespace fleetsim

namespace fleetsim {
/// How World's metric directory names a series: "AWS/ECS CPUUtilization ClusterName=default;ServiceName=web".
inline std::string metric_source_key(const std::string& name_space, const std::string& metric,
                                     const std::string& dimensions) {
  return name_space + " " + metric + " " + dimensions;
}
}  // namespace fleetsim
