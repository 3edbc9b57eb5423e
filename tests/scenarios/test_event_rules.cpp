// EventBridge pattern rules end to end (tests/scenarios/fixtures/event-rules.json): two service tasks killed at
// 10 minutes publish "ECS Task State Change" events with lastStatus STOPPED, each running one cleanup task; the
// idle CPU alarm entering ALARM runs two responder tasks once; a rule whose pattern nothing matches never runs.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/scenarios/run_in_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

TEST_CASE("pattern rules run their targets on task stops and alarm changes", "[scenarios][events]") {
  TempDir dir;
  REQUIRE(run_scenario(source_root() / "tests/scenarios/fixtures/event-rules.json", dir.path() / "out") == 0);
  nlohmann::json summary = nlohmann::json::parse(read_file(dir.path() / "out" / "summary.json"));
  std::istringstream in(read_file(dir.path() / "out" / "events.jsonl"));
  int stopped = 0, matched_stop = 0, matched_alarm = 0, alarms = 0;
  double first_cleanup = -1, kill = -1;
  for (std::string line; std::getline(in, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["type"] == "TimelineAction") kill = e["t"].get<double>();
    if (e["type"] == "TaskStateChange" && e.value("service", "") == "web" && e["lastStatus"] == "STOPPED") ++stopped;
    if (e["type"] == "AlarmStateChange" && e["to"] == "ALARM") ++alarms;
    if (e["type"] == "RuleMatched") {
      CHECK(e["rule"] != "never");
      if (e["rule"] == "on-task-stopped") ++matched_stop;
      if (e["rule"] == "on-alarm") ++matched_alarm;
    }
    if (e["type"] == "TaskStateChange" && e.value("group", "") == "family:cleanup" && first_cleanup < 0)
      first_cleanup = e["t"].get<double>();
  }
  CHECK(stopped == 2);
  CHECK(matched_stop == 2);
  CHECK(alarms == 1);
  CHECK(matched_alarm == 1);
  // The cleanup tasks start after the kill, not before.
  CHECK(first_cleanup >= kill);
  const nlohmann::json& groups = summary["standaloneTasks"];
  CHECK(groups["family:cleanup"]["launched"] == 2);
  CHECK(groups["family:responder"]["launched"] == 2);
  CHECK_FALSE(groups.contains("family:nothing"));
}
