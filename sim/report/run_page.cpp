#include "sim/report/run_page.hpp"

#include <algorithm>
#include <map>

#include "sim/report/page_html.hpp"
#include "sim/report/run_charts.hpp"

namespace fleetsim {

namespace {

using Json = nlohmann::ordered_json;

double number_at(const Json& j, const char* pointer) {
  Json::json_pointer p(pointer);
  return j.contains(p) && j[p].is_number() ? j[p].get<double>() : 0.0;
}

std::string card(const std::string& label, const std::string& value, const std::string& detail = "") {
  return "<div class=\"card\"><div class=\"label\">" + html_escape(label) + "</div><div class=\"value\">" +
         html_escape(value) + "</div><div class=\"detail\">" + html_escape(detail) + "</div></div>\n";
}

std::string ms(double v) { return format_cell(v) + " ms"; }

std::string headline_cards(const Json& s) {
  std::string out = "<section class=\"cards\">\n";
  double total = number_at(s, "/requests/total");
  double e502 = number_at(s, "/requests/http5xx/502"), e503 = number_at(s, "/requests/http5xx/503"),
         e504 = number_at(s, "/requests/http5xx/504");
  out += card("requests", format_cell(total), "ok " + format_cell(number_at(s, "/requests/ok")));
  out += card("5xx", format_cell(e502 + e503 + e504),
              "502: " + format_cell(e502) + ", 503: " + format_cell(e503) + ", 504: " + format_cell(e504));
  out += card("latency p50", ms(number_at(s, "/requests/latency_ms/p50")),
              "mean " + ms(number_at(s, "/requests/latency_ms/mean")));
  out += card("latency p99", ms(number_at(s, "/requests/latency_ms/p99")),
              "p90 " + ms(number_at(s, "/requests/latency_ms/p90")) + ", p99.9 " +
                  ms(number_at(s, "/requests/latency_ms/p99.9")));
  char cost[32];
  std::snprintf(cost, sizeof cost, "$%.2f", number_at(s, "/cost/totalUsd"));
  char split[96];
  std::snprintf(split, sizeof split, "EC2 $%.2f, Fargate $%.2f, Fargate Spot $%.2f", number_at(s, "/cost/ec2Usd"),
                number_at(s, "/cost/fargateUsd"), number_at(s, "/cost/fargateSpotUsd"));
  out += card("cost", cost, split);
  return out + "</section>\n";
}

std::string services_table(const Json& s) {
  if (!s.contains("services") || !s["services"].is_object() || s["services"].empty()) return "";
  std::string out =
      "<table class=\"services\"><tr><th>service</th><th>tasks launched</th><th>peak running</th><th>mean running</th>"
      "<th>CPU mean %</th><th>CPU max %</th><th>scale-outs</th><th>scale-ins</th><th>p50 ms</th><th>p99 ms</th>"
      "<th>deployments</th></tr>\n";
  for (const auto& [name, svc] : s["services"].items()) {
    std::string deployments;
    if (svc.contains("deployments") && svc["deployments"].is_array()) {
      for (const auto& d : svc["deployments"]) {
        if (!deployments.empty()) deployments += ", ";
        deployments += d.value("taskDefinition", std::string("?")) + " " + d.value("state", std::string("?"));
      }
    }
    out += "<tr><td>" + html_escape(name) + "</td>";
    for (const char* p :
         {"/tasks/launched", "/tasks/peakRunning", "/tasks/meanRunning", "/cpuUtilization/mean", "/cpuUtilization/max",
          "/scaling/scaleOuts", "/scaling/scaleIns", "/latency_ms/p50", "/latency_ms/p99"})
      out += "<td>" + format_cell(number_at(svc, p)) + "</td>";
    out += "<td>" + html_escape(deployments) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string figures_table(const Json& s) {
  std::string out =
      "<details class=\"figures\"><summary>Every figure of summary.json</summary>\n<table><tr><th>figure</th>"
      "<th>value</th></tr>\n";
  for (const auto& [pointer, v] : summary_figures(s))
    out += "<tr><td>" + html_escape(pointer) + "</td><td>" + format_cell(v) + "</td></tr>\n";
  return out + "</table></details>\n";
}

std::string subtitle(const RunData& run) {
  return "seed " + run.summary.value("seed", Json(1)).dump() + ", " + clock_text(run.duration_s) +
         " simulated, scenario SHA-256 " + run.summary.value("scenarioSha256", std::string("?")).substr(0, 12);
}

std::string how_to_read(int downsampled) {
  return "<p class=\"note\">Drag on a chart to zoom (every chart follows), double-click to zoom out. Vertical lines "
         "mark scaling decisions, alarms going to ALARM and timeline actions (hover near one for its reason); "
         "shaded spans are deployments (blue) and faults (red). " +
         html_escape(downsampling_note(downsampled)) + "</p>\n";
}

// Both runs' series on each chart, "A · name" and "B · name"; charts only one run has keep its series.
std::vector<ChartSection> merge_sections(std::vector<ChartSection> a, const std::vector<ChartSection>& b) {
  std::map<std::pair<std::string, std::string>, Chart*> index;
  for (ChartSection& s : a) {
    for (Chart& c : s.charts) {
      c.stacked = false;  // stacked, B would sit on top of A
      for (ChartSeries& series : c.series) series.name = "A \u00b7 " + series.name;
      index[{s.title, c.title}] = &c;
    }
  }
  std::vector<ChartSection> extra;
  for (const ChartSection& s : b) {
    ChartSection only_b{s.title + " (B only)", {}};
    for (const Chart& c : s.charts) {
      auto it = index.find({s.title, c.title});
      Chart* target = it != index.end() ? it->second : nullptr;
      if (target == nullptr) {
        only_b.charts.push_back(c);
        target = &only_b.charts.back();
        target->series.clear();
        target->stacked = false;
      }
      for (const ChartSeries& series : c.series) target->series.push_back({"B \u00b7 " + series.name, series.points});
    }
    if (!only_b.charts.empty()) extra.push_back(std::move(only_b));
  }
  for (ChartSection& s : extra) a.push_back(std::move(s));
  return a;
}

EventDigest merge_events(const EventDigest& a, const EventDigest& b) {
  EventDigest out;
  for (const auto& [run, prefix] : {std::pair{&a, "A: "}, std::pair{&b, "B: "}}) {
    for (Mark m : run->marks) {
      m.label = prefix + m.label;
      out.marks.push_back(std::move(m));
    }
    for (Span s : run->spans) {
      s.label = prefix + s.label;
      out.spans.push_back(std::move(s));
    }
  }
  std::stable_sort(out.marks.begin(), out.marks.end(), [](const Mark& x, const Mark& y) { return x.t < y.t; });
  std::stable_sort(out.spans.begin(), out.spans.end(), [](const Span& x, const Span& y) { return x.from < y.from; });
  return out;
}

// The figures a planner looks at first; the rest of summary.json goes in a folded table.
bool is_headline(const std::string& pointer) {
  for (const char* end : {"/tasks/peakRunning", "/tasks/meanRunning", "/cpuUtilization/mean", "/scaling/scaleOuts"}) {
    if (pointer.starts_with("/services/") && pointer.ends_with(end)) return true;
  }
  return pointer.starts_with("/requests/") || pointer == "/cost/totalUsd";
}

std::string comparison_rows(const RunData& a, const std::map<std::string, double>& in_b, bool headline) {
  std::string out =
      "<table class=\"compare\"><tr><th>figure</th><th>A</th><th>B</th><th>B \u2212 A</th><th>change</th></tr>\n";
  for (const auto& [pointer, va] : summary_figures(a.summary)) {
    auto it = in_b.find(pointer);
    if (it == in_b.end() || is_headline(pointer) != headline) continue;
    double vb = it->second;
    std::string change = va != 0 ? format_cell(100.0 * (vb - va) / std::abs(va)) + " %" : "";
    std::string cls = vb > va ? "up" : vb < va ? "down" : "same";
    out += "<tr class=\"" + cls + "\"><td>" + html_escape(pointer) + "</td><td>" + format_cell(va) + "</td><td>" +
           format_cell(vb) + "</td><td>" + format_cell(vb - va) + "</td><td>" + change + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string comparison_table(const RunData& a, const RunData& b) {
  std::map<std::string, double> in_b;
  for (const auto& [pointer, v] : summary_figures(b.summary)) in_b[pointer] = v;
  return comparison_rows(a, in_b, true) +
         "<details class=\"figures\"><summary>The other figures of summary.json</summary>\n" +
         comparison_rows(a, in_b, false) + "</details>\n";
}

}  // namespace

std::string run_report_html(const RunData& run) {
  PageParts page;
  page.title = "fleetsim report: " + run.summary.value("scenario", std::string("run"));
  page.subtitle = subtitle(run);
  int downsampled = 0;
  page.data = timeline_json(run_chart_sections(run.metrics, run.events, run.duration_s), run.events, run.duration_s,
                            downsampled);
  page.data["kind"] = "run";
  page.body_html = headline_cards(run.summary) + services_table(run.summary) + how_to_read(downsampled);
  page.after_charts_html = marks_table_html(run.events) + figures_table(run.summary);
  return render_page(page);
}

std::string compare_report_html(const RunData& a, const RunData& b) {
  PageParts page;
  page.title = "fleetsim comparison: " + a.name() + " (A) and " + b.name() + " (B)";
  page.subtitle = "A: " + a.dir.string() + ", " + subtitle(a) + ". B: " + b.dir.string() + ", " + subtitle(b) + ".";
  std::string warning;
  if (a.summary.value("scenario", std::string()) != b.summary.value("scenario", std::string()))
    warning = "<p class=\"warning\">The two runs are of different scenarios: figures may not be comparable.</p>\n";
  int downsampled = 0;
  EventDigest events = merge_events(a.events, b.events);
  double duration = std::max(a.duration_s, b.duration_s);
  page.data = timeline_json(merge_sections(run_chart_sections(a.metrics, a.events, a.duration_s),
                                           run_chart_sections(b.metrics, b.events, b.duration_s)),
                            events, duration, downsampled);
  page.data["kind"] = "compare";
  page.body_html = warning + comparison_table(a, b) + how_to_read(downsampled);
  page.after_charts_html = marks_table_html(events);
  return render_page(page);
}

}  // namespace fleetsim
