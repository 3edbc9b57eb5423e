#include "sim/report/run_data.hpp"

#include "sim/report/downsample.hpp"
#include "sim/report/input_files.hpp"

namespace fleetsim {

namespace {

void collect(const nlohmann::ordered_json& node, const std::string& pointer,
             std::vector<std::pair<std::string, double>>& out) {
  if (node.is_number()) {
    out.emplace_back(pointer, node.get<double>());
  } else if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      std::string escaped;
      for (char c : key) escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
      collect(value, pointer + "/" + escaped, out);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) collect(node[i], pointer + "/" + std::to_string(i), out);
  }
}

}  // namespace

std::string RunData::name() const {
  std::string out = summary.value("scenario", std::string("run"));
  if (summary.contains("seed")) out += ", seed " + summary["seed"].dump();
  return out;
}

RunData load_run(const std::filesystem::path& dir) {
  RunData run;
  run.dir = dir;
  if (!std::filesystem::exists(dir / "summary.json"))
    throw ReportError(dir.string() + ": not a fleetsim output folder (no summary.json)");
  run.summary = nlohmann::ordered_json::parse(read_text_file(dir / "summary.json"), nullptr, false);
  if (run.summary.is_discarded() || !run.summary.is_object())
    throw ReportError((dir / "summary.json").string() + ": not a JSON object");
  run.duration_s = run.summary.value("duration_s", 0.0);
  run.metrics = read_metric_table(dir);
  if (run.duration_s <= 0) {
    for (const auto& [key, points] : run.metrics.series)
      if (!points.empty()) run.duration_s = std::max(run.duration_s, points.back().t);
  }
  run.events = read_event_digest(dir, run.duration_s);
  return run;
}

std::vector<std::pair<std::string, double>> summary_figures(const nlohmann::ordered_json& summary) {
  std::vector<std::pair<std::string, double>> out;
  collect(summary, "", out);
  return out;
}

nlohmann::ordered_json timeline_json(const std::vector<ChartSection>& sections, const EventDigest& events,
                                     double duration_s, int& downsampled) {
  nlohmann::ordered_json out;
  out["duration"] = duration_s;
  nlohmann::ordered_json& secs = out["sections"] = nlohmann::ordered_json::array();
  for (const ChartSection& s : sections) {
    nlohmann::ordered_json charts = nlohmann::ordered_json::array();
    for (const Chart& c : s.charts) charts.push_back(chart_json(c, downsampled));
    secs.push_back({{"title", s.title}, {"charts", std::move(charts)}});
  }
  nlohmann::ordered_json& marks = out["marks"] = nlohmann::ordered_json::array();
  for (const Mark& m : events.marks)
    marks.push_back({{"t", m.t}, {"kind", m.kind}, {"label", m.label}, {"text", m.text}});
  nlohmann::ordered_json& spans = out["spans"] = nlohmann::ordered_json::array();
  for (const Span& s : events.spans)
    spans.push_back({{"from", s.from}, {"to", s.to}, {"kind", s.kind}, {"label", s.label}});
  return out;
}

std::string downsampling_note(int downsampled) {
  std::string rule = "series longer than " + std::to_string(kMaxChartPoints) +
                     " points are drawn from the minimum and maximum of each of " + std::to_string(kDownsampleBuckets) +
                     " equal buckets, so peaks and dips stay visible";
  if (downsampled == 0) return "Every datapoint is drawn (" + rule + "; none is that long here).";
  return std::to_string(downsampled) + (downsampled == 1 ? " series is" : " series are") + " downsampled: " + rule +
         ". The files in the output folder hold every datapoint.";
}

}  // namespace fleetsim
