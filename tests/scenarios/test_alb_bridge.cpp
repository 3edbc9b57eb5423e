// The bridge-mode ALB example end to end: dynamic host ports on instance targets, and security groups
// that drop the ALB's traffic (Target.Timeout, fail-open, 504s, tasks replaced) until the rule is fixed.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/scenarios/run_in_process.hpp"
#include "tests/scenarios/scenario_harness.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;
using nlohmann::json;

namespace {

json bridge_example() {
  return json::parse(read_file(source_root() / "scenarios" / "ec2-bridge-alb.json"), nullptr, true,
                     /*ignore_comments=*/true);
}

struct Run {
  json summary;
  std::vector<json> events;
  std::vector<CsvMetric> metrics;
};

Run run(const json& scenario, TempDir& dir, const ScenarioOverrides& o = {}) {
  std::filesystem::path file = dir.path() / "scenario.json";
  std::ofstream(file) << scenario.dump(2);
  REQUIRE(run_scenario(file, dir.path() / "out", o) == 0);
  Run r;
  r.summary = json::parse(read_file(dir.path() / "out" / "summary.json"));
  std::istringstream in(read_file(dir.path() / "out" / "events.jsonl"));
  for (std::string line; std::getline(in, line);) r.events.push_back(json::parse(line));
  r.metrics = read_metrics(dir.path() / "out" / "metrics.csv");
  return r;
}

}  // namespace

TEST_CASE("20 bridge tasks on 4 instances: distinct host ports in the range, freed ports reused", "[alb][bridge]") {
  TempDir dir;
  Run r = run(bridge_example(), dir);
  std::map<std::string, std::set<int>> live;                   // instance -> ports of live tasks
  std::map<std::string, std::pair<std::string, int>> port_of;  // task -> (instance, port)
  std::set<std::pair<std::string, int>> freed, reused;
  std::map<std::string, std::size_t> peak;
  for (const json& e : r.events) {
    if (e["type"] != "TaskStateChange" || !e.contains("hostPort")) continue;
    std::string task = e["taskId"], instance = e["instanceId"];
    int port = e["hostPort"];
    if (!port_of.count(task)) {
      CHECK(port >= 32768);
      CHECK(port <= 60999);
      CHECK(live[instance].insert(port).second);  // two live tasks never share a port of one host
      peak[instance] = std::max(peak[instance], live[instance].size());
      if (freed.count({instance, port})) reused.insert({instance, port});
      port_of[task] = {instance, port};
    }
    if (e["lastStatus"] == "STOPPED") {
      live[instance].erase(port);
      freed.insert({instance, port});
    }
  }
  REQUIRE(peak.size() == 4);
  for (const auto& [_, n] : peak) CHECK(n == 5);  // spread over instances: 5 of 20 on each
  CHECK(freed.size() == 10);                      // the scale-in to 10 at 1h
  CHECK(reused == freed);                         // the scale-out at 1h30m takes exactly those ports again
}

TEST_CASE("security groups that drop the dynamic range: validate warns, nothing is healthy, fixing the rule fixes it",
          "[alb][security-groups]") {
  json broken = bridge_example();
  broken["securityGroups"][1]["IpPermissions"][0]["FromPort"] = 8080;
  broken["securityGroups"][1]["IpPermissions"][0]["ToPort"] = 8080;
  // A grace period longer than registration (10 s) plus three failed checks (10 s apart, 5 s timeout), so an
  // unhealthy target stays registered for a while and fail-open has targets to send to.
  broken["services"][0]["healthCheckGracePeriodSeconds"] = 90;
  ScenarioOverrides brief;
  brief.duration = "20m";
  TempDir dir;
  Run r = run(broken, dir, brief);

  // Before any run, validate names the rule that is missing (and the scenario stays valid: exit 0).
  scenario_test::ProcessResult validate =
      scenario_test::run_fleetsim({"validate", (dir.path() / "scenario.json").string()});
  CHECK(validate.exit_code == 0);
  CHECK_THAT(
      validate.out,
      Catch::Contains(
          "/services/0/loadBalancers/0: warning: no inbound rule of sg-ecs-hosts allows TCP 32768-60999 from sg-alb"));

  // The run: no healthy host ever, every check timing out, no request answered.
  for (const CsvMetric& m : r.metrics) {
    if (m.metric == "HealthyHostCount") CHECK(m.value == 0);
  }
  std::size_t timeouts = 0, replaced = 0;
  for (const json& e : r.events) {
    if (e["type"] == "TargetHealthChange" && e["to"] == "unhealthy") {
      CHECK(e["reason"] == "Target.Timeout");
      ++timeouts;
    }
    if (e["type"] == "TaskStateChange" && e["lastStatus"] == "STOPPED" &&
        e["stoppedReason"].get<std::string>().find("failed ELB health checks") != std::string::npos) {
      ++replaced;
    }
  }
  CHECK(timeouts > 20);
  CHECK(replaced > 20);  // ECS keeps replacing tasks the target group reports unhealthy
  const json& req = r.summary["requests"];
  CHECK(req["ok"] == 0);
  // Fail-open sends requests to the unhealthy targets; the connections time out and the ALB answers 504.
  // 503 only while no target is registered at all.
  CHECK(req["http5xx"]["504"].get<std::uint64_t>() > 0);
  CHECK(req["total"].get<std::uint64_t>() == req["http5xx"]["503"].get<std::uint64_t>() +
                                                 req["http5xx"]["504"].get<std::uint64_t>() +
                                                 req["inFlight"].get<std::uint64_t>());

  // Fixed: the example itself, on the same 20 minutes, answers almost everything.
  TempDir fixed_dir;
  Run fixed = run(bridge_example(), fixed_dir, brief);
  double ok = fixed.summary["requests"]["ok"].get<double>(), total = fixed.summary["requests"]["total"].get<double>();
  CHECK(ok / total > 0.85);  // what is lost is the first two minutes, before the service has tasks
  bool healthy = std::any_of(fixed.metrics.begin(), fixed.metrics.end(),
                             [](const CsvMetric& m) { return m.metric == "HealthyHostCount" && m.value == 20; });
  CHECK(healthy);
}

TEST_CASE("killTasks: half the tasks die at once, their requests get 502, the service replaces them", "[alb][faults]") {
  json s = bridge_example();
  s["timeline"].push_back({{"at", "40m"}, {"action", "killTasks"}, {"service", "shop"}, {"percent", 50}});
  ScenarioOverrides brief;
  brief.duration = "50m";
  TempDir dir;
  Run r = run(s, dir, brief);
  std::size_t killed = 0, started_after = 0;
  for (const json& e : r.events) {
    if (e["type"] != "TaskStateChange") continue;
    if (e["lastStatus"] == "STOPPED" &&
        e["stoppedReason"].get<std::string>().find("killed by the scenario") != std::string::npos) {
      CHECK(e["t"].get<double>() >= 2400);
      ++killed;
    }
    if (e["lastStatus"] == "RUNNING" && e["t"].get<double>() >= 2400) ++started_after;
  }
  CHECK(killed == 10);                                                      // ceil(50 % of 20 running)
  CHECK(started_after == 10);                                               // each replaced
  CHECK(r.summary["requests"]["http5xx"]["502"].get<std::uint64_t>() > 0);  // their requests in flight were cut
  bool recovered = false;
  for (const CsvMetric& m : r.metrics) {
    if (m.metric == "HealthyHostCount" && m.statistic == "Minimum" && m.timestamp == 3000) recovered = m.value == 20;
  }
  CHECK(recovered);
}
