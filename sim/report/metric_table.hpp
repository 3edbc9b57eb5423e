#pragma once
/// A run's metrics.csv or metrics.jsonl read back as one series per (namespace, metric, dimensions,
/// statistic), for the report's charts.

#include <compare>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fleetsim {

/// Identifies one series of datapoints.
struct SeriesKey {
  std::string name_space;
  std::string metric;
  std::string dimensions;  ///< "Name=Value;..." sorted by name, as in metrics.csv
  std::string statistic;
  /// Ordered by its fields, so iteration follows the file's names, never addresses.
  auto operator<=>(const SeriesKey&) const = default;
};

/// One datapoint: seconds since the start (end of the period) and value.
struct Point {
  double t = 0;
  double v = 0;
  /// Equal time and value.
  bool operator==(const Point&) const = default;
};

/// Every series of a run, and the metric period.
struct MetricTable {
  std::map<SeriesKey, std::vector<Point>> series;
  double period_s = 60;  ///< the smallest first timestamp: metric periods end at period, 2 period, ...

  /// The points of a series, or an empty list when the run has none.
  const std::vector<Point>& find(const SeriesKey& key) const;
  /// The distinct dimension strings of `name_space`/`metric`, sorted.
  std::vector<std::string> dimensions_of(const std::string& name_space, const std::string& metric) const;
};

/// Reads `dir`/metrics.csv, else `dir`/metrics.jsonl; throws ReportError when neither reads.
MetricTable read_metric_table(const std::filesystem::path& dir);

/// The value of `name` in a "Name=Value;..." dimension string ("" when absent).
std::string dimension_value(const std::string& dimensions, const std::string& name);

}  // namespace fleetsim
