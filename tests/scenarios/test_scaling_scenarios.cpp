// Scaling end to end, on the example scenarios: scheduled actions at their UTC times, step scaling
// from hand-written alarms, min/max respected, and summary counts that match events.jsonl.

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

struct Run {
  nlohmann::json summary;
  std::vector<nlohmann::json> events;
  std::vector<nlohmann::json> of(const char* type) const {
    std::vector<nlohmann::json> out;
    for (const auto& e : events) {
      if (e["type"] == type) out.push_back(e);
    }
    return out;
  }
};

Run run(const char* scenario, const ScenarioOverrides& o = {}) {
  TempDir dir;
  REQUIRE(run_scenario(source_root() / "scenarios" / scenario, dir.path() / "out", o) == 0);
  Run r;
  r.summary = nlohmann::json::parse(read_file(dir.path() / "out" / "summary.json"));
  std::istringstream in(read_file(dir.path() / "out" / "events.jsonl"));
  for (std::string line; std::getline(in, line);) r.events.push_back(nlohmann::json::parse(line));
  return r;
}

void check_counts_match_events(const Run& r, const std::string& service) {
  int outs = 0, ins = 0;
  for (const auto& e : r.of("ServiceScalingAction")) {
    if (e["service"] != service) continue;
    CHECK(e["to"] != e["from"]);
    CHECK(!e["reason"].get<std::string>().empty());
    (e["to"] > e["from"] ? outs : ins) += 1;
  }
  CHECK(r.summary["services"][service]["scaling"]["scaleOuts"] == outs);
  CHECK(r.summary["services"][service]["scaling"]["scaleIns"] == ins);
}

}  // namespace

TEST_CASE("step scaling and scheduled actions on the step-scaling-schedule example", "[scenarios][scaling]") {
  Run r = run("step-scaling-schedule.json");
  auto actions = r.of("ServiceScalingAction");
  REQUIRE(!actions.empty());
  // The run starts on Monday 06:00 UTC: the 08:00 weekday floor runs at t = 2 h and raises capacity to 6.
  bool floor_seen = false;
  for (const auto& a : actions) {
    double t = a["t"];
    CHECK(a["to"].get<int>() >= 1);
    CHECK(a["to"].get<int>() <= 12);
    if (a["policy"] == "business-hours-floor") {
      CHECK(t == 7200);
      CHECK(a["to"] == 6);
      floor_seen = true;
    }
    // MinCapacity stays 6 from 08:00 until the 10:00 action lowers it: no scale-in below 6 between.
    if (t > 7200 && t < 14400) CHECK(a["to"].get<int>() >= 6);
  }
  CHECK(floor_seen);
  // Both policies acted, each through its own alarm.
  std::map<std::string, int> by_policy;
  for (const auto& a : actions) by_policy[a["policy"]]++;
  CHECK(by_policy["requests-out"] > 0);
  CHECK(by_policy["requests-in"] > 0);
  // Every alarm starts in INSUFFICIENT_DATA.
  std::map<std::string, std::string> first_from;
  for (const auto& e : r.of("AlarmStateChange")) first_from.emplace(e["alarm"], e["from"]);
  CHECK(first_from.size() == 2);
  for (const auto& [alarm, from] : first_from) CHECK(from == "INSUFFICIENT_DATA");
  check_counts_match_events(r, "api");
}

TEST_CASE("the quickstart's target tracking follows the diurnal load", "[scenarios][scaling][slow]") {
  Run r = run("quickstart.json");
  check_counts_match_events(r, "web");
  auto scaling = r.summary["services"]["web"]["scaling"];
  CHECK(scaling["scaleOuts"].get<int>() >= 3);
  CHECK(scaling["scaleIns"].get<int>() >= 3);
  CHECK(scaling["targetTracking"][0]["targetValue"] == 50.0);
  // Tracking keeps the day's CPU near the 50% target, not at the 8-task fixed fleet's level.
  double mean_cpu = r.summary["services"]["web"]["cpuUtilization"]["mean"];
  CHECK(mean_cpu == Approx(47).margin(6));
  // The managed alarms exist, named as AWS names them.
  bool high = false, low = false;
  for (const auto& e : r.of("AlarmStateChange")) {
    std::string name = e["alarm"];
    high = high || name.rfind("TargetTracking-service/default/web-AlarmHigh-", 0) == 0;
    low = low || name.rfind("TargetTracking-service/default/web-AlarmLow-", 0) == 0;
  }
  CHECK(high);
  CHECK(low);
}

TEST_CASE("target tracking on ALBRequestCountPerTarget scales the quickstart in at night", "[scenarios][scaling]") {
  ScenarioOverrides o;
  o.duration = "1h";
  o.sets.push_back(
      "/scalingPolicies/0/"
      "TargetTrackingScalingPolicyConfiguration={\"TargetValue\":1500,\"PredefinedMetricSpecification\":"
      "{\"PredefinedMetricType\":\"ALBRequestCountPerTarget\",\"ResourceLabel\":\"app/web-alb/50dc6c495c0c9188/"
      "targetgroup/web-tg/73e2d6bc24d8a067\"}}");
  Run r = run("quickstart.json", o);
  CHECK(r.summary["services"]["web"]["scaling"]["targetTracking"][0]["metric"] == "RequestCountPerTarget");
  // About 700 requests per target per minute at midnight against a target of 1500: 8 tasks -> 4.
  auto actions = r.of("ServiceScalingAction");
  REQUIRE(!actions.empty());
  CHECK(actions[0]["from"] == 8);
  CHECK(actions[0]["to"] == 4);
  CHECK_THAT(actions[0]["reason"].get<std::string>(), Catch::Contains("AlarmLow"));
  check_counts_match_events(r, "web");
}

TEST_CASE("MemoryUtilization: memory used over memory reserved, tracked by ECSServiceAverageMemoryUtilization",
          "[scenarios][scaling][memory]") {
  // The quickstart's tasks reserve 2048 MiB (task level) and, with this knob, use 1536 MiB: 75%.
  TempDir dir;
  ScenarioOverrides o;
  o.duration = "1h";
  o.sets = {"/taskDefinitions/0/containerDefinitions/0/x-fleetsim/memoryUsage=1536",
            "/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/PredefinedMetricSpecification/"
            "PredefinedMetricType=ECSServiceAverageMemoryUtilization"};
  REQUIRE(run_scenario(source_root() / "scenarios" / "quickstart.json", dir.path() / "out", o) == 0);
  int memory_rows = 0;
  for (const CsvMetric& m : read_metrics(dir.path() / "out" / "metrics.csv")) {
    if (m.metric != "MemoryUtilization" || m.statistic != "Average") continue;
    CHECK(m.name_space == "AWS/ECS");
    CHECK(m.value == Approx(75));
    ++memory_rows;
  }
  CHECK(memory_rows > 50);
  // Target 50 against 75%: the first scale-out is proportional, 8 tasks x 75 / 50 = 12.
  std::istringstream in(read_file(dir.path() / "out" / "events.jsonl"));
  std::vector<nlohmann::json> actions;
  for (std::string line; std::getline(in, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["type"] == "ServiceScalingAction") actions.push_back(e);
  }
  REQUIRE(!actions.empty());
  CHECK(actions.front()["from"] == 8);
  CHECK(actions.front()["to"] == 12);
}
