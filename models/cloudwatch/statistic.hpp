#pragma once
/// CloudWatch statistics over the datapoints of one alarm period.

#include <optional>
#include <string>
#include <vector>

#include "models/api/metric_source.hpp"

namespace fleetsim {

/// A Statistic or an ExtendedStatistic (pNN) of PutMetricAlarm.
struct Statistic {
  enum Kind { kSampleCount, kAverage, kSum, kMinimum, kMaximum, kPercentile } kind = kAverage;
  double percentile = 0;  ///< kPercentile: 0 to 100

  /// Parses "Average", "p99", "p99.9"; nothing for statistics fleetsim does not compute (tm99, IQM, ...).
  static std::optional<Statistic> parse(const std::string& text);
  /// The statistic over `points` (not empty): Average weights each datapoint by its sample count,
  /// pNN is the nearest-rank percentile of the datapoint values (CloudWatch takes it over raw samples;
  /// a service's datapoints are already per-interval aggregates, so this is the closest fleetsim has).
  double of(const std::vector<Datapoint>& points) const;
};

}  // namespace fleetsim
