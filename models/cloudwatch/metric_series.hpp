#pragma once
/// One metric as CloudWatch stores it for alarms: datapoints at a fixed resolution, each visible
/// only once its publication delay has passed.

#include <deque>
#include <optional>

#include "models/api/metric_source.hpp"
#include "models/cloudwatch/statistic.hpp"

namespace fleetsim {

/// What an alarm reads: one value per period, or nothing when the period is missing.
class PeriodValues {
 public:
  virtual ~PeriodValues() = default;
  /// `statistic` over the datapoints visible at `now` whose interval ends in (end - period, end];
  /// nothing when there are none (the period is missing).
  virtual std::optional<double> period_value(SimTime end, Duration period, const Statistic& statistic,
                                             SimTime now) const = 0;
};

/// Datapoints of one source at one resolution.
class MetricSeries : public PeriodValues {
 public:
  /// Samples `source` every `resolution`; a datapoint for (t - resolution, t] becomes visible at t + `delay`.
  MetricSeries(const MetricSource& source, Duration resolution, Duration delay);
  /// The datapoint resolution.
  Duration resolution() const { return resolution_; }
  /// Takes the datapoint ending `now` (a multiple of the resolution).
  void sample(SimTime now);
  std::optional<double> period_value(SimTime end, Duration period, const Statistic& statistic,
                                     SimTime now) const override;
  /// Drops datapoints ending before `t` (no alarm looks that far back).
  void forget_before(SimTime t);

 private:
  struct Point {
    SimTime end;
    SimTime visible;
    std::optional<Datapoint> datapoint;
  };
  const MetricSource& source_;
  Duration resolution_;
  Duration delay_;
  MetricTotals last_;
  std::deque<Point> points_;
};

}  // namespace fleetsim
