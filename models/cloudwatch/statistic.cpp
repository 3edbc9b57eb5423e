#include "models/cloudwatch/statistic.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace fleetsim {

std::optional<Statistic> Statistic::parse(const std::string& text) {
  if (text == "SampleCount") return Statistic{kSampleCount};
  if (text == "Average") return Statistic{kAverage};
  if (text == "Sum") return Statistic{kSum};
  if (text == "Minimum") return Statistic{kMinimum};
  if (text == "Maximum") return Statistic{kMaximum};
  if (text.size() < 2 || text[0] != 'p') return std::nullopt;
  double p = 0;
  auto [end, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), p);
  if (ec != std::errc() || end != text.data() + text.size() || p < 0 || p > 100) return std::nullopt;
  return Statistic{kPercentile, p};
}

double Statistic::of(const std::vector<Datapoint>& points) const {
  double sum = 0, weighted = 0, count = 0;
  double lo = points.front().value, hi = points.front().value;
  for (const Datapoint& d : points) {
    sum += d.value;
    weighted += d.value * d.sample_count;
    count += d.sample_count;
    lo = std::min(lo, d.value);
    hi = std::max(hi, d.value);
  }
  switch (kind) {
    case kSampleCount:
      return count;
    case kAverage:
      return count > 0 ? weighted / count : sum / static_cast<double>(points.size());
    case kSum:
      return sum;
    case kMinimum:
      return lo;
    case kMaximum:
      return hi;
    case kPercentile:
      break;
  }
  std::vector<double> values;
  values.reserve(points.size());
  for (const Datapoint& d : points) values.push_back(d.value);
  std::sort(values.begin(), values.end());
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  double rank = std::ceil(percentile / 100.0 * static_cast<double>(values.size()));
  std::size_t index = rank < 1 ? 0 : static_cast<std::size_t>(rank) - 1;
  return values[std::min(index, values.size() - 1)];
}

}  // namespace fleetsim
