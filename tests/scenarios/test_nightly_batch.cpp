// The EventBridge example end to end: the nightly rule runs its RunTask target at 02:00 UTC, the batch
// tasks run to completion (exit code 0) and, holding the capacity-capped EC2 cluster, delay the web
// service's scale-out, which the same scenario with the rule disabled places within minutes.

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
  std::vector<nlohmann::json> batch_events;  // TaskStateChange of the RunTask group
  std::map<std::int64_t, double> web_running, web_desired;
};

Run run(const std::string& state) {
  TempDir dir;
  ScenarioOverrides o;
  o.sets = {"/rules/0/State=" + state};
  REQUIRE(run_scenario(source_root() / "scenarios" / "nightly-batch-ec2.json", dir.path() / "out", o) == 0);
  Run r;
  r.summary = nlohmann::json::parse(read_file(dir.path() / "out" / "summary.json"));
  std::istringstream in(read_file(dir.path() / "out" / "events.jsonl"));
  for (std::string line; std::getline(in, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["type"] == "TaskStateChange" && e.contains("group")) r.batch_events.push_back(e);
  }
  for (const CsvMetric& m : read_metrics(dir.path() / "out" / "metrics.csv")) {
    if (m.dimensions != "ClusterName=prod;ServiceName=web" || m.statistic != "Average") continue;
    if (m.metric == "RunningTaskCount") r.web_running[m.timestamp] = m.value;
    if (m.metric == "DesiredTaskCount") r.web_desired[m.timestamp] = m.value;
  }
  return r;
}

// Task-seconds the web service spent below its desired count.
double shortfall(const Run& r) {
  double sum = 0;
  for (const auto& [t, running] : r.web_running) sum += std::max(0.0, r.web_desired.at(t) - running) * 60;
  return sum;
}

// The first period end after the 02:15 load step at which `n` web tasks ran on average.
std::int64_t reached(const Run& r, double n) {
  for (const auto& [t, running] : r.web_running) {
    if (t > 2700 && running >= n) return t;
  }
  return -1;
}

}  // namespace

TEST_CASE("a nightly batch on the same EC2 cluster delays the web service's scale-out", "[scenarios][events]") {
  Run batch = run("ENABLED");
  const auto& group = batch.summary["standaloneTasks"]["family:nightly-report"];
  CHECK(group["launched"] == 8);
  CHECK(group["stopped"] == 8);
  CHECK(group["failedToStart"] == 0);
  // cron(0 2 * * ? *) from a 01:30 UTC start: the RunTask call is at t = 30 min.
  REQUIRE(!batch.batch_events.empty());
  CHECK(batch.batch_events.front()["t"] == 1800);
  CHECK(batch.batch_events.front()["lastStatus"] == "PROVISIONING");
  int exited = 0;
  for (const auto& e : batch.batch_events) {
    CHECK(!e.contains("service"));
    if (e["lastStatus"] == "STOPPED") {
      CHECK(e["stoppedReason"] == "Essential container in task exited (exit code 0)");
      ++exited;
    }
  }
  CHECK(exited == 8);

  Run alone = run("DISABLED");
  CHECK(alone.summary["standaloneTasks"]["family:nightly-report"]["launched"] == 0);  // checked, never run
  CHECK(alone.batch_events.empty());
  // Both ask for about 10 web tasks after the step; with the batch holding the capped group they come
  // only when the reports exit, some 20 minutes later.
  std::int64_t with_batch = reached(batch, 10), without = reached(alone, 10);
  REQUIRE(with_batch > 0);
  REQUIRE(without > 0);
  CHECK(with_batch - without >= 600);
  CHECK(shortfall(batch) > 3 * shortfall(alone));
}
