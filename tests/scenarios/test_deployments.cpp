// ECS rolling deployments end to end: the minimumHealthyPercent / maximumPercent bounds over a grid
// (AWS's batch arithmetic, aws-facts §8), the circuit breaker's trip count and rollback in
// scenarios/bad-deploy-rollback.json, and restart throttling of a revision whose image is missing.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;
using nlohmann::json;

namespace {

json task_definition(const std::string& image) {
  return {
      {"family", "web"},
      {"networkMode", "awsvpc"},
      {"requiresCompatibilities", {"FARGATE"}},
      {"cpu", "256"},
      {"memory", "512"},
      {"containerDefinitions", {{{"name", "app"}, {"image", image}, {"portMappings", {{{"containerPort", 8080}}}}}}}};
}

// A Fargate service of `desired` tasks behind an ALB with fast health checks; revision 2 is deployed at 10 minutes.
json deployment_scenario(int desired, int min_percent, int max_percent) {
  return {
      {"name", "deployment-grid"},
      {"simulation", {{"duration", "1h"}, {"seed", 3}}},
      {"taskDefinitions", {task_definition("web:v1"), task_definition("web:v2")}},
      {"images", {{{"image", "web:v1"}, {"sizeMiB", 100}}, {{"image", "web:v2"}, {"sizeMiB", 100}}}},
      {"targetGroups",
       {{{"Name", "tg"},
         {"Protocol", "HTTP"},
         {"Port", 8080},
         {"TargetType", "ip"},
         {"HealthCheckIntervalSeconds", 10},
         {"HealthyThresholdCount", 2},
         {"Attributes", {{{"Key", "deregistration_delay.timeout_seconds"}, {"Value", "20"}}}}}}},
      {"loadBalancers",
       {{{"Name", "alb"},
         {"Listeners",
          {{{"Protocol", "HTTP"},
            {"Port", 80},
            {"DefaultActions", {{{"Type", "forward"}, {"TargetGroupArn", "tg"}}}}}}}}}},
      {"services",
       {{{"serviceName", "web"},
         {"taskDefinition", "web:1"},
         {"desiredCount", desired},
         {"launchType", "FARGATE"},
         {"loadBalancers", {{{"targetGroupArn", "tg"}, {"containerName", "app"}, {"containerPort", 8080}}}},
         {"deploymentConfiguration", {{"minimumHealthyPercent", min_percent}, {"maximumPercent", max_percent}}}}}},
      {"workloads",
       {{{"name", "w"},
         {"target", {{"loadBalancer", "alb"}, {"port", 80}}},
         {"arrivals", {{"process", "poisson"}, {"rate", 5}}},
         {"request", {{"cpuMs", 10}}}}}},
      {"timeline", {{{"at", "10m"}, {"action", "updateService"}, {"service", "web"}, {"taskDefinition", "web:2"}}}},
  };
}

struct Run {
  TempDir dir;
  std::vector<json> events;
  json summary;
};

void run(const json& scenario, Run& r) {
  std::filesystem::path file = r.dir.path() / "scenario.json";
  std::ofstream(file) << scenario.dump(2);
  REQUIRE(run_scenario(file, r.dir.path() / "out") == 0);
  std::istringstream in(read_file(r.dir.path() / "out" / "events.jsonl"));
  for (std::string line; std::getline(in, line);) r.events.push_back(json::parse(line));
  r.summary = json::parse(read_file(r.dir.path() / "out" / "summary.json"));
}

// The DeploymentStateChange events of one task definition revision, in order: "STATE@t".
std::vector<std::pair<std::string, double>> rollout(const std::vector<json>& events, const std::string& revision) {
  std::vector<std::pair<std::string, double>> out;
  for (const json& e : events) {
    if (e["type"] == "DeploymentStateChange" && e["taskDefinition"] == revision) out.emplace_back(e["state"], e["t"]);
  }
  return out;
}

// From TaskStateChange events alone, over [from, to): the most tasks RUNNING or on their way there, and
// the fewest RUNNING (not yet told to stop). Both change only at events, so the extremes are exact.
std::pair<int, int> live_extremes(const std::vector<json>& events, double from, double to) {
  std::map<std::string, std::string> status;
  int most = 0, fewest = INT32_MAX;
  for (const json& e : events) {
    if (e["type"] != "TaskStateChange") continue;
    status[e["taskId"]] = e["lastStatus"];
    double t = e["t"];
    if (t < from || t >= to) continue;
    int live = 0, running = 0;
    for (const auto& [_, s] : status) {
      bool stopping = s == "DEACTIVATING" || s == "STOPPING" || s == "DEPROVISIONING" || s == "STOPPED";
      live += !stopping;
      running += s == "RUNNING";
    }
    most = std::max(most, live);
    fewest = std::min(fewest, running);
  }
  return {most, fewest};
}

}  // namespace

TEST_CASE("rolling deployments stay inside minimumHealthyPercent and maximumPercent, and complete", "[deployments]") {
  struct Case {
    int desired, min_percent, max_percent;
  };
  // The grid, with a desired count of 1 among them.
  auto c = GENERATE(Case{1, 0, 100}, Case{1, 50, 200}, Case{1, 100, 200}, Case{4, 0, 100}, Case{4, 50, 200},
                    Case{4, 100, 200}, Case{4, 100, 150}, Case{6, 50, 100}, Case{6, 100, 150}, Case{10, 50, 200});
  CAPTURE(c.desired, c.min_percent, c.max_percent);
  Run r;
  run(deployment_scenario(c.desired, c.min_percent, c.max_percent), r);
  auto states = rollout(r.events, "web:2");
  REQUIRE(states.size() == 2);
  CHECK(states[0].first == "IN_PROGRESS");
  CHECK(states[0].second == Approx(600));
  CHECK(states[1].first == "COMPLETED");
  // Rounding as AWS documents it: minimum up, maximum down.
  int min_healthy = (c.desired * c.min_percent + 99) / 100;
  int max_tasks = c.desired * c.max_percent / 100;
  auto [most, fewest] = live_extremes(r.events, states[0].second, states[1].second);
  CHECK(most <= max_tasks);
  CHECK(fewest >= min_healthy);  // RUNNING counts every healthy task, so this bounds healthy from below too
  const json& d = r.summary["services"]["web"]["deployments"][1];
  CHECK(d["state"] == "COMPLETED");
  CHECK(d["maxTasks"].get<int>() <= max_tasks);
  CHECK(d["minHealthyTasks"].get<int>() >= min_healthy);
  // At the end only revision 2 runs, desiredCount of it.
  std::map<std::string, std::pair<std::string, std::string>> last;  // task -> (status, revision)
  for (const json& e : r.events) {
    if (e["type"] == "TaskStateChange") last[e["taskId"]] = {e["lastStatus"], e["taskDefinition"]};
  }
  int running_v2 = 0, running_v1 = 0;
  for (const auto& [_, sr] : last) {
    running_v2 += sr.first == "RUNNING" && sr.second == "web:2";
    running_v1 += sr.first == "RUNNING" && sr.second == "web:1";
  }
  CHECK(running_v2 == c.desired);
  CHECK(running_v1 == 0);
}

TEST_CASE("a deployment that may neither start nor stop a task stalls, as AWS documents", "[deployments]") {
  // "max 125% with desired 3 cannot start any (the deployment stalls)" with minimumHealthyPercent 100;
  // likewise 100/150 with a desired count of 1 (aws-facts §8 "Batch semantics").
  auto c = GENERATE(std::make_pair(3, 125), std::make_pair(1, 150));
  Run r;
  run(deployment_scenario(c.first, 100, c.second), r);
  auto states = rollout(r.events, "web:2");
  REQUIRE(states.size() == 1);
  CHECK(states[0].first == "IN_PROGRESS");
  for (const json& e : r.events) {
    if (e["type"] == "TaskStateChange") CHECK(e["taskDefinition"] == "web:1");  // not one new task
  }
}

TEST_CASE("desired 4 with minimumHealthyPercent 50 and maximumPercent 100 stops 2 before it starts 2",
          "[deployments]") {
  // The developer guide's example (aws-facts §8 "Batch semantics").
  Run r;
  run(deployment_scenario(4, 50, 100), r);
  std::vector<std::string> first_moves;  // the first four task events after the update, as "status revision"
  for (const json& e : r.events) {
    if (e["type"] != "TaskStateChange" || e["t"].get<double>() < 600 || first_moves.size() == 4) continue;
    first_moves.push_back(e["lastStatus"].get<std::string>() + " " + e["taskDefinition"].get<std::string>());
  }
  CHECK(first_moves == std::vector<std::string>{"DEACTIVATING web:1", "DEACTIVATING web:1", "PROVISIONING web:2",
                                                "PROVISIONING web:2"});
}

TEST_CASE("bad-deploy-rollback: the circuit breaker trips at its documented threshold and rolls back",
          "[deployments]") {
  Run r;
  std::filesystem::path scenario = source_root() / "scenarios" / "bad-deploy-rollback.json";
  REQUIRE(run_scenario(scenario, r.dir.path() / "out") == 0);
  std::istringstream in(read_file(r.dir.path() / "out" / "events.jsonl"));
  for (std::string line; std::getline(in, line);) r.events.push_back(json::parse(line));
  r.summary = json::parse(read_file(r.dir.path() / "out" / "summary.json"));

  auto v2 = rollout(r.events, "web:2");
  REQUIRE(v2.size() == 2);
  CHECK(v2[1].first == "FAILED");
  double failed_at = v2[1].second;
  // threshold = clamp(0.5 x desiredCount, 3, 200) with the current API reference's floor: 5 for 10 tasks.
  const int desired = 10, threshold = std::clamp((desired + 1) / 2, 3, 200);
  int crashed = 0;
  for (const json& e : r.events) {
    if (e["type"] == "TaskStateChange" && e["taskDefinition"] == "web:2" && e["lastStatus"] == "DEACTIVATING" &&
        e["t"].get<double>() <= failed_at &&
        e["stoppedReason"].get<std::string>().rfind("Essential container in task exited", 0) == 0) {
      ++crashed;
    }
  }
  CHECK(crashed == threshold);
  CHECK(r.summary["services"]["web"]["deployments"][1]["failedTasks"] == threshold);
  // Rollback redeploys revision 1 at once and completes.
  auto v1 = rollout(r.events, "web:1");
  REQUIRE(v1.size() == 4);
  CHECK(v1[2] == std::make_pair(std::string("ROLLBACK_IN_PROGRESS"), failed_at));
  CHECK(v1[3].first == "ROLLBACK_COMPLETED");
  // User-visible errors stay within what minimumHealthyPercent 50 implies: at least 5 healthy targets
  // throughout, so the ALB never answers 503 once the service first became healthy, and no request
  // reached a crashing task (they crash before they pass a check).
  for (const CsvMetric& m : read_metrics(r.dir.path() / "out" / "metrics.csv")) {
    if (m.timestamp <= 120) continue;
    if (m.metric == "HTTPCode_ELB_5XX_Count") CHECK(m.value == 0);
    if (m.metric == "HealthyHostCount" && m.statistic == "Minimum") CHECK(m.value >= 5);
  }
  CHECK(r.summary["requests"]["http5xx"]["502"] == 0);
  for (const json& d : r.summary["services"]["web"]["deployments"])
    CHECK(d["minHealthyTasks"].get<int>() >= (d == r.summary["services"]["web"]["deployments"][0] ? 0 : 5));
}

TEST_CASE("a revision whose image is missing is retried with a growing back-off up to 15 minutes", "[deployments]") {
  // aws-facts §8 "Service throttle logic"; the curve is the catalogue's (30 s doubling after 2 free retries).
  json s = deployment_scenario(2, 100, 200);
  s["simulation"]["duration"] = "3h";
  s["images"] = {{{"image", "web:v1"}, {"sizeMiB", 100}}};  // web:v2 is not in the registry
  Run r;
  run(s, r);
  std::vector<double> launches;
  for (const json& e : r.events) {
    if (e["type"] == "TaskStateChange" && e["taskDefinition"] == "web:2" && e["lastStatus"] == "PROVISIONING")
      launches.push_back(e["t"]);
  }
  REQUIRE(launches.size() >= 8);
  std::vector<double> gaps;
  for (std::size_t i = 1; i < launches.size(); ++i) gaps.push_back(launches[i] - launches[i - 1]);
  double longest = *std::max_element(gaps.begin(), gaps.end());
  CHECK(longest >= 900);
  CHECK(longest <= 900 + 60);  // the cap, plus one failed launch's own provisioning time
  // Without throttling a failed launch (~15-20 s) would repeat about 500 times in 2 h 50 min.
  CHECK(launches.size() < 40);
  // The old revision keeps serving throughout: the deployment never makes a new task healthy.
  CHECK(rollout(r.events, "web:2").size() == 1);
}

TEST_CASE("with the circuit breaker, a missing image fails the deployment after 3 tasks and rolls back",
          "[deployments]") {
  json s = deployment_scenario(2, 100, 200);
  s["images"] = {{{"image", "web:v1"}, {"sizeMiB", 100}}};
  s["services"][0]["deploymentConfiguration"]["deploymentCircuitBreaker"] = {{"enable", true}, {"rollback", true}};
  Run r;
  run(s, r);
  auto v2 = rollout(r.events, "web:2");
  REQUIRE(v2.size() == 2);
  CHECK(v2[1].first == "FAILED");
  CHECK(r.summary["services"]["web"]["deployments"][1]["failedTasks"] == 3);  // the floor: half of 2 is below 3
  auto v1 = rollout(r.events, "web:1");
  REQUIRE(v1.size() == 4);
  CHECK(v1[3].first == "ROLLBACK_COMPLETED");
}
