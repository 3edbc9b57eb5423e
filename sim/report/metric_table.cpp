#include "sim/report/metric_table.hpp"

#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

#include "sim/report/input_files.hpp"

namespace fleetsim {

namespace {

// One pass over the text without a table of strings: rows are keyed by their raw middle part
// (namespace to statistic), so a series' later rows cost one map lookup and no allocation.
void read_csv_metrics(MetricTable& table, const std::filesystem::path& path) {
  const std::string text = read_text_file(path);
  constexpr std::string_view kHeader = "timestamp,namespace,metric,dimensions,statistic,value";
  if (text.compare(0, kHeader.size(), kHeader) != 0)
    throw ReportError(path.string() + ":1: expected the columns " + std::string(kHeader));
  std::map<std::string, std::vector<Point>*, std::less<>> by_text;
  std::size_t start = text.find('\n');
  int line_no = 1;
  while (start != std::string::npos && start + 1 < text.size()) {
    std::size_t end = text.find('\n', start + 1);
    std::string_view line(text.data() + start + 1, (end == std::string::npos ? text.size() : end) - start - 1);
    start = end;
    ++line_no;
    if (line.empty()) continue;
    auto where = [&] { return path.string() + ":" + std::to_string(line_no); };
    auto number = [&](std::string_view field) {
      double v = 0;
      auto [ptr, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
      if (ec != std::errc() || ptr != field.data() + field.size() || field.empty()) parse_number(field, where());
      return v;
    };
    // Timestamps and values hold no comma, so the first and last commas bound the named fields.
    std::size_t first = line.find(','), last = line.rfind(',');
    if (first == std::string_view::npos || first == last) throw ReportError(where() + ": expected 6 fields");
    std::string_view middle = line.substr(first + 1, last - first - 1);
    auto it = by_text.find(middle);
    if (it == by_text.end()) {
      std::vector<std::string> f = split_csv_line(line);
      if (f.size() != 6) throw ReportError(where() + ": expected 6 fields, found " + std::to_string(f.size()));
      it = by_text.emplace(std::string(middle), &table.series[{f[1], f[2], f[3], f[4]}]).first;
    }
    it->second->push_back({number(line.substr(0, first)), number(line.substr(last + 1))});
  }
}

void read_jsonl_metrics(MetricTable& table, const std::filesystem::path& path) {
  for_each_json_line(path, [&](const nlohmann::json& row, const std::string& where) {
    for (const char* field : {"namespace", "metric", "dimensions", "statistic"}) {
      if (!row.contains(field) || !row[field].is_string()) throw ReportError(where + ": expected a string " + field);
    }
    if (!row.contains("timestamp") || !row["timestamp"].is_number() || !row.contains("value") ||
        !row["value"].is_number())
      throw ReportError(where + ": expected numbers timestamp and value");
    table.series[{row["namespace"], row["metric"], row["dimensions"], row["statistic"]}].push_back(
        {row["timestamp"].get<double>(), row["value"].get<double>()});
  });
}

}  // namespace

const std::vector<Point>& MetricTable::find(const SeriesKey& key) const {
  static const std::vector<Point> kNone;
  auto it = series.find(key);
  return it == series.end() ? kNone : it->second;
}

std::vector<std::string> MetricTable::dimensions_of(const std::string& name_space, const std::string& metric) const {
  std::set<std::string> out;
  for (const auto& [key, points] : series) {
    if (key.name_space == name_space && key.metric == metric) out.insert(key.dimensions);
  }
  return {out.begin(), out.end()};
}

MetricTable read_metric_table(const std::filesystem::path& dir) {
  MetricTable table;
  if (std::filesystem::exists(dir / "metrics.csv")) {
    read_csv_metrics(table, dir / "metrics.csv");
  } else if (std::filesystem::exists(dir / "metrics.jsonl")) {
    read_jsonl_metrics(table, dir / "metrics.jsonl");
  } else {
    throw ReportError(dir.string() + ": no metrics.csv or metrics.jsonl");
  }
  double first = 0;
  for (const auto& [key, points] : table.series) {
    if (!points.empty() && points.front().t > 0 && (first == 0 || points.front().t < first)) first = points.front().t;
  }
  if (first > 0) table.period_s = first;
  return table;
}

std::string dimension_value(const std::string& dimensions, const std::string& name) {
  std::size_t start = 0;
  while (start <= dimensions.size()) {
    std::size_t end = dimensions.find(';', start);
    if (end == std::string::npos) end = dimensions.size();
    std::string_view pair(dimensions.data() + start, end - start);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    start = end + 1;
  }
  return "";
}

}  // namespace fleetsim
