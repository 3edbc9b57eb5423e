#include "models/cloudwatch/metric_series.hpp"

#include <vector>

namespace fleetsim {

MetricSeries::MetricSeries(const MetricSource& source, Duration resolution, Duration delay)
    : source_(source), resolution_(resolution), delay_(delay), last_(source.totals(SimTime::zero())) {}

void MetricSeries::sample(SimTime now) {
  MetricTotals totals = source_.totals(now);
  points_.push_back(Point{now, now + delay_, source_.datapoint(last_, totals)});
  last_ = totals;
}

std::optional<double> MetricSeries::period_value(SimTime end, Duration period, const Statistic& statistic,
                                                 SimTime now) const {
  std::vector<Datapoint> in_period;
  for (auto it = points_.rbegin(); it != points_.rend() && it->end > end - period; ++it) {
    if (it->end <= end && it->visible <= now && it->datapoint) in_period.push_back(*it->datapoint);
  }
  if (in_period.empty()) return std::nullopt;
  return statistic.of(in_period);
}

void MetricSeries::forget_before(SimTime t) {
  while (!points_.empty() && points_.front().end < t) points_.pop_front();
}

}  // namespace fleetsim
