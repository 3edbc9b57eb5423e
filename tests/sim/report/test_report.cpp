// The report page builder: reading output folders, downsampling, chart data, escaping, the pages
// for a run, a comparison and a sweep, and that the same folder always gives the same bytes.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "sim/report/chart.hpp"
#include "sim/report/downsample.hpp"
#include "sim/report/event_digest.hpp"
#include "sim/report/input_files.hpp"
#include "sim/report/page_html.hpp"
#include "sim/report/report.hpp"
#include "sim/report/run_charts.hpp"
#include "sim/report/run_data.hpp"
#include "sim/report/run_page.hpp"
#include "sim/report/sweep_page.hpp"
#include "tests/support/temp_dir.hpp"

using namespace fleetsim;
namespace fs = std::filesystem;

namespace {

fs::path fixture(const std::string& name) {
  return fs::path(FLEETSIM_SOURCE_ROOT) / "tests/sim/report/fixtures" / name;
}

// The JSON block report.js reads, parsed back.
nlohmann::json page_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"report-data\">";
  std::size_t start = html.find(open);
  REQUIRE(start != std::string::npos);
  start += open.size();
  std::size_t end = html.find("</script>", start);
  REQUIRE(end != std::string::npos);
  return nlohmann::json::parse(html.substr(start, end - start));
}

const nlohmann::json* find_chart(const nlohmann::json& data, const std::string& title) {
  for (const auto& section : data["sections"])
    for (const auto& chart : section["charts"])
      if (chart["title"] == title) return &chart;
  return nullptr;
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("CSV lines split with RFC 4180 quoting", "[report]") {
  CHECK(split_csv_line("a,b,,c") == std::vector<std::string>{"a", "b", "", "c"});
  CHECK(split_csv_line("1,\"x,y\",\"say \"\"hi\"\"\"\r") == std::vector<std::string>{"1", "x,y", "say \"hi\""});
}

TEST_CASE("dimension values are found by name", "[report]") {
  CHECK(dimension_value("LoadBalancer=alb;TargetGroup=tg", "TargetGroup") == "tg");
  CHECK(dimension_value("LoadBalancer=alb;TargetGroup=tg", "LoadBalancer") == "alb");
  CHECK(dimension_value("ClusterName=c;ServiceName=web", "Service") == "");
}

TEST_CASE("downsampling keeps short series and the extremes of long ones", "[report]") {
  std::vector<Point> short_series{{60, 1}, {120, 5}, {180, 2}};
  CHECK(downsample_min_max(short_series) == short_series);

  std::vector<Point> long_series;
  for (int i = 1; i <= 86400; ++i) long_series.push_back({double(i), double((i * 7919) % 1000)});
  long_series[43210].v = 5000;  // a one-second spike the eye must still see
  long_series[12345].v = -300;  // and a dip
  std::vector<Point> out = downsample_min_max(long_series);
  CHECK(out.size() <= 2 * kDownsampleBuckets + 2);
  CHECK(out.size() > kDownsampleBuckets);
  CHECK(out.front() == long_series.front());
  CHECK(out.back() == long_series.back());
  CHECK(std::find(out.begin(), out.end(), long_series[43210]) != out.end());
  CHECK(std::find(out.begin(), out.end(), long_series[12345]) != out.end());
  CHECK(std::is_sorted(out.begin(), out.end(), [](const Point& a, const Point& b) { return a.t < b.t; }));
}

TEST_CASE("metrics are read from CSV and JSON Lines alike", "[report]") {
  MetricTable csv = read_metric_table(fixture("run"));
  CHECK(csv.period_s == 60);
  const auto& running =
      csv.find({"ECS/ContainerInsights", "RunningTaskCount", "ClusterName=default;ServiceName=web<&>", "Average"});
  REQUIRE(running.size() == 2);
  CHECK(running[1] == Point{120, 3});
  CHECK(csv.dimensions_of("fleetsim", "ImagePullMiB") == std::vector<std::string>{"ClusterName=default, with comma"});

  testing::TempDir dir;
  write(dir.path() / "metrics.jsonl",
        "{\"timestamp\":60,\"namespace\":\"AWS/ECS\",\"metric\":\"CPUUtilization\",\"dimensions\":\"ServiceName=a\","
        "\"statistic\":\"Average\",\"value\":12.5}\n");
  MetricTable jsonl = read_metric_table(dir.path());
  CHECK(jsonl.find({"AWS/ECS", "CPUUtilization", "ServiceName=a", "Average"}) == std::vector<Point>{{60, 12.5}});
}

TEST_CASE("malformed input names the file and line", "[report]") {
  testing::TempDir dir;
  write(dir.path() / "metrics.csv", "timestamp,namespace,metric,dimensions,statistic,value\n60,a,b,c,Sum,x\n");
  CHECK_THROWS_WITH(read_metric_table(dir.path()), Catch::Contains("metrics.csv:2: expected a number"));
  write(dir.path() / "events.jsonl", "{\"t\":1,\"type\":\"X\"}\nnot json\n");
  CHECK_THROWS_WITH(read_event_digest(dir.path(), 10), Catch::Contains("events.jsonl:2:"));
  CHECK(report_command({dir.path().string()}, "") == 2);  // no summary.json: not an output folder
  CHECK_FALSE(fs::exists(dir.path() / "report.html"));
}

TEST_CASE("events become marks, spans and step series", "[report]") {
  EventDigest d = read_event_digest(fixture("run"), 600);
  REQUIRE(d.marks.size() == 3);
  CHECK(d.marks[0].kind == "alarm");
  CHECK(d.marks[1].kind == "scaling");
  CHECK(d.marks[1].label == "web<&> 2 \u2192 3");
  CHECK(d.marks[1].text == "monitor alarm high in state ALARM");
  CHECK(d.marks[2].kind == "decision");  // decision records, whatever model writes them
  CHECK(d.marks[2].text == "HPA: 3 pods at 90% CPU, target 50%");

  REQUIRE(d.spans.size() == 3);
  CHECK(d.spans[0].from == 0);
  CHECK(d.spans[0].to == 60);
  CHECK(d.spans[0].label == "web<&>: deploying web:1 COMPLETED");
  CHECK(d.spans[1].kind == "fault");  // the zone never comes back: the span runs to the end
  CHECK(d.spans[1].to == 600);
  CHECK(d.spans[2].to == 600);

  CHECK(d.instances["m5.large on-demand"] == std::vector<Point>{{0, 0}, {30, 1}, {200, 0}, {600, 0}});
  CHECK(d.instances["m5.large spot"] == std::vector<Point>{{0, 0}, {40, 1}, {600, 1}});
  CHECK(d.alarms["high"] == std::vector<Point>{{0, 0}, {120, 1}, {240, 0}, {600, 0}});
}

TEST_CASE("chart data: one row per time, nulls where a series has no point, steps carried", "[report]") {
  Chart chart{"c", "u", {{"a", {{60, 1.23456789}, {120, 2}}}, {"b", {{120, 5}, {180, 6}}}}};
  int downsampled = 0;
  nlohmann::json j = chart_json(chart, downsampled);
  CHECK(j["labels"] == nlohmann::json({"t", "a", "b"}));
  CHECK(j["rows"] == nlohmann::json::parse("[[60,1.23457,null],[120,2,5],[180,null,6]]"));
  chart.step = true;
  j = chart_json(chart, downsampled);
  CHECK(j["rows"] == nlohmann::json::parse("[[60,1.23457,null],[120,2,5],[180,2,6]]"));
  CHECK(downsampled == 0);
}

TEST_CASE("run charts: load, latency in ms, 5xx filled with zeros, tasks, cost so far", "[report]") {
  RunData run = load_run(fixture("run"));
  int downsampled = 0;
  nlohmann::json data = timeline_json(run_chart_sections(run.metrics, run.events, run.duration_s), run.events,
                                      run.duration_s, downsampled);
  const nlohmann::json* load = find_chart(data, "Offered load");
  REQUIRE(load != nullptr);
  CHECK((*load)["rows"][1] == nlohmann::json::parse("[120, 10]"));  // 600 requests in a 60 s period
  CHECK((*load)["rows"][2] == nlohmann::json::parse("[180, 0]"));   // no datapoint: no requests
  const nlohmann::json* latency = find_chart(data, "Latency percentiles (metric periods)");
  REQUIRE(latency != nullptr);
  CHECK((*latency)["labels"] == nlohmann::json({"t", "p50", "p99"}));
  CHECK((*latency)["log"] == true);
  CHECK((*latency)["rows"][1] == nlohmann::json::parse("[300, 15.1235, 80]"));
  const nlohmann::json* cost = find_chart(data, "Cost so far by kind");
  REQUIRE(cost != nullptr);
  CHECK((*cost)["rows"][1] == nlohmann::json::parse("[120, 0.03]"));
  CHECK(find_chart(data, "Running instances by type and purchase option") != nullptr);
  CHECK(find_chart(data, "fleetsim ImagePullMiB ClusterName=default, with comma") != nullptr);  // "Other metrics"
  CHECK(data["marks"].size() == 3);
}

TEST_CASE("names from the scenario cannot break out of the page's HTML or script", "[report]") {
  CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  nlohmann::ordered_json j = {{"name", "</script><script>alert(1)</script>\u2028"}};
  std::string text = json_for_script(j);
  CHECK(text.find('<') == std::string::npos);
  CHECK(text.find("\u2028") == std::string::npos);
  CHECK(nlohmann::ordered_json::parse(text)["name"] == j["name"]);

  std::string html = build_run_report(fixture("run"));
  CHECK(html.find("web </script><b>") == std::string::npos);
  CHECK(html.find("web &lt;/script&gt;&lt;b&gt;x&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<td>web&lt;&amp;&gt;</td>") != std::string::npos);
  // Exactly the page's own script elements close: none is opened or closed by data.
  std::size_t closes = 0;
  for (std::size_t at = html.find("</script>"); at != std::string::npos; at = html.find("</script>", at + 1)) ++closes;
  CHECK(closes == 4);
  CHECK(page_data(html)["kind"] == "run");
}

TEST_CASE("the page is self-contained and the same bytes every time", "[report]") {
  std::string html = build_run_report(fixture("run"));
  CHECK(html.find("<script src") == std::string::npos);  // no script, style or image loaded from anywhere
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("sourceMappingURL") == std::string::npos);
  CHECK(html.find("Dygraph") != std::string::npos);  // the library is inlined

  testing::TempDir copy;
  for (const auto& f : fs::directory_iterator(fixture("run"))) fs::copy(f.path(), copy.path() / f.path().filename());
  write(copy.path() / "run.json", "{\"wallSeconds\": 1.234}\n");  // timings never reach the page
  CHECK(build_run_report(copy.path()) == html);
  CHECK(write_report(copy.path()) == html.size());
  std::ifstream in(copy.path() / "report.html", std::ios::binary);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == html);
}

TEST_CASE("comparison page: figures side by side and both runs on each chart", "[report]") {
  RunData a = load_run(fixture("run"));
  testing::TempDir b_dir;
  for (const auto& f : fs::directory_iterator(fixture("run"))) fs::copy(f.path(), b_dir.path() / f.path().filename());
  std::string summary = read_text_file(fixture("run") / "summary.json");
  summary.replace(summary.find("\"total\": 1000"), 13, "\"total\": 1500");
  write(b_dir.path() / "summary.json", summary);
  std::string html = compare_report_html(a, load_run(b_dir.path()));
  CHECK(html.find("<td>/requests/total</td><td>1000</td><td>1500</td><td>500</td><td>50 %</td>") != std::string::npos);
  nlohmann::json data = page_data(html);
  const nlohmann::json* load = find_chart(data, "Offered load");
  REQUIRE(load != nullptr);
  CHECK((*load)["labels"] == nlohmann::json({"t", "A \u00b7 requests/s", "B \u00b7 requests/s"}));
  CHECK(data["marks"].size() == 6);
  const nlohmann::json* cost = find_chart(data, "Cost so far by kind");
  REQUIRE(cost != nullptr);
  CHECK((*cost)["stacked"] == false);  // two runs' costs side by side, not one on top of the other
  CHECK(data["marks"][0]["label"] == "A: high \u2192 ALARM");

  testing::TempDir out;
  CHECK(report_command({fixture("run").string(), b_dir.path().string()}, (out.path() / "c.html").string()) == 0);
  CHECK(fs::exists(out.path() / "c.html"));
}

TEST_CASE("sweep page: intervals, differences, constraints, the best variant and every run", "[report]") {
  CHECK(is_sweep_folder(fixture("sweep")));
  CHECK_FALSE(is_sweep_folder(fixture("run")));
  std::string html = sweep_report_html(fixture("sweep"));
  nlohmann::json data = page_data(html);
  CHECK(data["kind"] == "sweep");
  CHECK(data["best"] == "v1");
  CHECK(data["baseline"] == "v0");
  REQUIRE(data["metrics"].size() == 2);
  const auto& p99 = data["metrics"][0];
  CHECK(p99["name"] == "requests.latency_ms.p99");
  CHECK(p99["constraints"] == nlohmann::json::parse("[{\"value\":150,\"label\":\"max 150\"}]"));
  CHECK(p99["variants"][1] == nlohmann::json::parse(R"({"id":"v1","n":3,"mean":142.17,"lo":135.46,"hi":148.88,
        "diff":-30.03,"diffLo":-42.6,"diffHi":-17.5,"feasible":true})"));
  CHECK(p99["variants"][0]["feasible"] == false);
  CHECK(p99["variants"][2]["n"] == 2);  // one seed failed
  CHECK(data["metrics"][1]["constraints"].empty());
  CHECK(html.find("fleetsim sweep: desired-count &lt;fixture&gt;") != std::string::npos);
  CHECK(html.find(
            "<td>v2</td><td>8</td><td>3</td><td>3</td><td>limit reached: &lt;events&gt;, &quot;quoted&quot;</td>") !=
        std::string::npos);

  // A sweep without a baseline or a feasible variant: the writer leaves those null.
  testing::TempDir bare;
  for (const char* f : {"sweep.csv", "comparison.csv"}) fs::copy(fixture("sweep") / f, bare.path() / f);
  write(bare.path() / "best.json", "{\"constraints\": {}, \"minimize\": null, \"feasible\": [], \"best\": null}");
  write(bare.path() / "sweep.json", "{\"sweep\": null, \"baseline\": null, \"variants\": []}");
  nlohmann::json bare_data = page_data(sweep_report_html(bare.path()));
  CHECK(bare_data["best"] == "");
  CHECK(bare_data["baseline"] == "");
  CHECK(report_command({bare.path().string()}, "") == 0);
  CHECK(sweep_report_html(fixture("sweep")) == html);
}
