#pragma once
/// A chart of the report: named series on the shared time axis, and its JSON for the page's script.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/report/metric_table.hpp"

namespace fleetsim {

/// One line of a chart.
struct ChartSeries {
  std::string name;
  std::vector<Point> points;  ///< in time order
};

/// One chart: a title, the unit of its y axis, its lines and how to draw them.
struct Chart {
  std::string title;
  std::string unit;
  std::vector<ChartSeries> series;
  bool step = false;     ///< values hold until the next point (counts, states)
  bool stacked = false;  ///< lines stack, filled (parts of a total)
  bool log = false;      ///< logarithmic y axis (values spanning orders of magnitude, such as latency)
};

/// A titled group of charts ("Service web").
struct ChartSection {
  std::string title;
  std::vector<Chart> charts;
};

/// `v` rounded to 6 significant digits: what a chart can show, at a third of the bytes.
double round_for_chart(double v);

/// The chart as the page's script reads it: {title, unit, step, stacked, log, labels: ["t", names...],
/// rows: [[t, v or null, ...], ...]} with one row per distinct time of any series (values rounded,
/// long series downsampled). Adds the number of downsampled series to `downsampled`.
nlohmann::ordered_json chart_json(const Chart& chart, int& downsampled);

}  // namespace fleetsim
