#include "sim/report/chart.hpp"

#include <charconv>
#include <map>

#include "sim/report/downsample.hpp"

namespace fleetsim {

double round_for_chart(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
  if (ec != std::errc()) return v;
  double out = v;
  std::from_chars(buf, end, out);
  return out;
}

nlohmann::ordered_json chart_json(const Chart& chart, int& downsampled) {
  nlohmann::ordered_json labels = nlohmann::ordered_json::array({"t"});
  // Rows keyed by time; a row holds one slot per series, null until that series has a point there.
  std::map<double, std::vector<nlohmann::ordered_json>> rows;
  const std::size_t width = chart.series.size();
  for (std::size_t s = 0; s < width; ++s) {
    labels.push_back(chart.series[s].name);
    std::vector<Point> points = downsample_min_max(chart.series[s].points);
    if (points.size() != chart.series[s].points.size()) ++downsampled;
    for (const Point& p : points) {
      auto& row = rows[p.t];
      if (row.empty()) row.assign(width, nullptr);
      row[s] = round_for_chart(p.v);  // two points at one time: the later one is the value from then on
    }
  }
  // A step series holds its value until its next point: say so at every row, or dygraphs would
  // interpolate (stacked charts) or connect across the gap.
  if (chart.step) {
    std::vector<nlohmann::ordered_json> last(width, nullptr);
    for (auto& [t, values] : rows) {
      for (std::size_t s = 0; s < width; ++s) {
        if (values[s].is_null()) {
          values[s] = last[s];
        } else {
          last[s] = values[s];
        }
      }
    }
  }
  nlohmann::ordered_json out;
  out["title"] = chart.title;
  out["unit"] = chart.unit;
  out["step"] = chart.step;
  out["stacked"] = chart.stacked;
  out["log"] = chart.log;
  out["labels"] = std::move(labels);
  nlohmann::ordered_json& data = out["rows"] = nlohmann::ordered_json::array();
  for (auto& [t, values] : rows) {
    nlohmann::ordered_json row = nlohmann::ordered_json::array({t});
    for (auto& v : values) row.push_back(std::move(v));
    data.push_back(std::move(row));
  }
  return out;
}

}  // namespace fleetsim
