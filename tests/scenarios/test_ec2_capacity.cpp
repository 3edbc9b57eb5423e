// EC2 capacity end to end: image layers pulled once per instance, dynamic host ports, and cluster
// auto scaling bringing instances for tasks that wait in PROVISIONING.

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

// A cluster of one Auto Scaling group and one bridge-mode service, on the EC2 launch type or behind
// a capacity provider.
json ec2_scenario(const std::string& type, int instances, int tasks, bool capacity_provider) {
  json s = {
      {"name", "ec2-test"},
      {"simulation", {{"duration", "1h"}, {"seed", 5}}},
      {"catalog", {{"ec2", {{"bootSeconds", 20}, {"registrationSeconds", 5}, {"pullBandwidthMiBps", 50}}}}},
      {"autoScalingGroups",
       {{{"AutoScalingGroupName", "asg"},
         {"InstanceType", type},
         {"MinSize", 0},
         {"MaxSize", 40},
         {"DesiredCapacity", instances}}}},
      {"taskDefinitions",
       {{{"family", "web"},
         {"networkMode", "bridge"},
         {"requiresCompatibilities", {"EC2"}},
         {"containerDefinitions",
          {{{"name", "web"},
            {"image", "web:1"},
            {"cpu", 1024},
            {"memory", 1024},
            {"portMappings", {{{"containerPort", 8080}, {"hostPort", 0}}}}}}}}}},
      {"images",
       {{{"image", "web:1"},
         {"layers", {{{"digest", "sha256:base"}, {"sizeMiB", 400}}, {{"digest", "sha256:app"}, {"sizeMiB", 100}}}}}}},
      {"services", {{{"serviceName", "web"}, {"taskDefinition", "web"}, {"desiredCount", tasks}}}},
      {"workloads", json::array()},
  };
  if (capacity_provider) {
    s["capacityProviders"] = {{{"name", "cp"},
                               {"autoScalingGroupProvider",
                                {{"autoScalingGroupArn", "asg"},
                                 {"managedTerminationProtection", "ENABLED"},
                                 {"managedScaling", {{"status", "ENABLED"}}}}}}};
    s["services"][0]["capacityProviderStrategy"] = {{{"capacityProvider", "cp"}, {"weight", 1}}};
  } else {
    s["services"][0]["launchType"] = "EC2";
  }
  return s;
}

std::vector<json> read_events(TempDir& dir);

std::vector<json> run_events(const json& scenario, TempDir& dir) {
  std::filesystem::path file = dir.path() / "scenario.json";
  std::ofstream(file) << scenario.dump(2);
  REQUIRE(run_scenario(file, dir.path() / "out") == 0);
  return read_events(dir);
}

std::vector<json> read_events(TempDir& dir) {
  std::vector<json> events;
  std::istringstream in(read_file(dir.path() / "out" / "events.jsonl"));
  for (std::string line; std::getline(in, line);) events.push_back(json::parse(line));
  return events;
}

// Seconds each task spent PENDING (the image pull), by task id.
std::map<std::string, double> pending_seconds(const std::vector<json>& events) {
  std::map<std::string, double> pending_at, out;
  for (const json& e : events) {
    if (e["type"] != "TaskStateChange") continue;
    if (e["lastStatus"] == "PENDING") pending_at[e["taskId"]] = e["t"];
    if (e["lastStatus"] == "ACTIVATING") out[e["taskId"]] = e["t"].get<double>() - pending_at[e["taskId"]];
  }
  return out;
}

}  // namespace

TEST_CASE("ten tasks on one instance pull the image once; a later task finds its layers cached", "[ec2]") {
  json s = ec2_scenario("m5.4xlarge", 1, 10, false);
  s["timeline"] = {{{"at", "30m"}, {"action", "updateService"}, {"service", "web"}, {"desiredCount", 11}}};
  TempDir dir;
  std::vector<json> events = run_events(s, dir);
  std::map<std::string, double> pulls = pending_seconds(events);
  REQUIRE(pulls.size() == 11);
  std::vector<double> times;
  for (const auto& [_, t] : pulls) times.push_back(t);
  std::sort(times.begin(), times.end());
  // The ten first tasks were placed together when the instance registered: they share one pull of
  // 500 MiB at 50 MiB/s (the catalogue's cap is below an m5.4xlarge's network), 10 s, not 10 x 10 s.
  CHECK(times.back() == Approx(10.0).margin(1e-3));
  CHECK(std::count_if(times.begin(), times.end(), [](double t) { return std::abs(t - 10.0) < 1e-3; }) == 10);
  // The eleventh finds both layers on disk.
  CHECK(times.front() == Approx(0.0).margin(1e-6));
  // The instance downloaded the image once: 500 MiB, not 10 x 500.
  double pulled = 0;
  for (const CsvMetric& m : read_metrics(dir.path() / "out" / "metrics.csv")) {
    if (m.metric == "ImagePullMiB") pulled += m.value;
  }
  CHECK(pulled == Approx(500.0));
}

TEST_CASE("bridge tasks get distinct dynamic host ports from the ephemeral range", "[ec2]") {
  // 20 tasks of 1 vCPU on 4 m5.xlarge (4 vCPUs each): 5 would not fit, so exactly 4 a host, 16 placed.
  json s = ec2_scenario("m5.xlarge", 4, 20, false);
  s["simulation"]["duration"] = "10m";
  s["services"][0]["placementStrategy"] = {{{"type", "spread"}, {"field", "instanceId"}}};
  TempDir dir;
  std::vector<json> events = run_events(s, dir);
  std::map<std::string, std::set<int>> ports_of;             // instance -> host ports of live tasks
  std::map<std::string, std::pair<std::string, int>> where;  // task -> (instance, port)
  for (const json& e : events) {
    if (e["type"] != "TaskStateChange" || !e.contains("hostPort")) continue;
    std::string task = e["taskId"];
    if (!where.count(task)) {
      int port = e["hostPort"];
      CHECK(port >= 32768);
      CHECK(port <= 60999);
      CHECK(ports_of[e["instanceId"]].insert(port).second);  // never two live tasks on one port of one host
      where[task] = {e["instanceId"], port};
    }
  }
  CHECK(where.size() == 16);
  CHECK(ports_of.size() == 4);
  for (const auto& [_, ports] : ports_of) CHECK(ports.size() == 4);
  // The tasks that did not fit failed with ECS's reason, and the service keeps trying.
  bool unplaceable = std::any_of(events.begin(), events.end(), [](const json& e) {
    return e["type"] == "ServiceEvent" &&
           e["message"].get<std::string>().find("insufficient CPU units") != std::string::npos;
  });
  CHECK(unplaceable);
}

TEST_CASE("a burst from zero instances: 2 first, then what M asks once the warm-up is over", "[ec2][managed-scaling]") {
  // 30 tasks of 1 vCPU / 1 GiB on m5.xlarge (4096 units registered): 8 instances in the end.
  json s = ec2_scenario("m5.xlarge", 0, 30, true);
  TempDir dir;
  std::vector<json> events = run_events(s, dir);
  std::vector<json> scaling;
  for (const json& e : events) {
    if (e["type"] == "CapacityProviderScaling") scaling.push_back(e);
  }
  REQUIRE(scaling.size() >= 2);
  // The first minute: N = 0 and M > 0 give CPR 200 (ECS publishes it every minute), and ECS launches 2 instances
  // when the target tracking policy's high alarm (CPR > targetCapacity, 1 of 1 datapoints; ECS developer guide,
  // cluster auto scaling, aws-facts §3) first sees it: the datapoint of (60 s, 120 s] is visible after the
  // catalogue's 180 s publication delay, at 300 s, and the policy acts 6 s later (the catalogue's action delay).
  // No earlier than the alarm allows: before, managed scaling acted in the same minute (issue #17, item 6).
  CHECK(scaling[0]["t"] == 306.0);
  CHECK(scaling[0]["from"] == 0);
  CHECK(scaling[0]["to"] == 2);
  CHECK(scaling[0]["reservation"] == 200.0);
  // No further scale-out inside the 300 s warm-up of those instances.
  CHECK(scaling[1]["t"].get<double>() >= 306.0 + 300.0);
  // Then M = 2 busy + ceil(22 waiting / 4 per instance) = 8 at once.
  CHECK(scaling[1]["from"] == 2);
  CHECK(scaling[1]["to"] == 8);
  int running = 0;
  for (const json& e : events) {
    if (e["type"] == "TaskStateChange" && e["lastStatus"] == "RUNNING") ++running;
  }
  CHECK(running == 30);
  CHECK(scaling.size() == 2);  // CPR then sits at 100: no more scaling
}

TEST_CASE("managed scaling adds instances in bounded steps, then removes only empty ones", "[ec2][managed-scaling]") {
  // 30 tasks on m5.xlarge, at most 3 instances per step and the default 300 s warm-up (which covers the metric's
  // delay: a shorter one lets stale datapoints overshoot, as on AWS); at 40m the service drops to 6 tasks, and 15
  // minutes below target later the group shrinks without touching busy instances.
  json s = ec2_scenario("m5.xlarge", 0, 30, true);
  s["simulation"]["duration"] = "2h";
  s["capacityProviders"][0]["autoScalingGroupProvider"]["managedScaling"] = {{"status", "ENABLED"},
                                                                             {"maximumScalingStepSize", 3}};
  s["services"][0]["placementStrategy"] = {{{"type", "binpack"}, {"field", "cpu"}}};
  s["timeline"] = {{{"at", "40m"}, {"action", "updateService"}, {"service", "web"}, {"desiredCount", 6}}};
  TempDir dir;
  std::vector<json> events = run_events(s, dir);
  int peak = 0, last = 0;
  bool scaled_in = false;
  std::map<std::string, int> tasks_on;  // instance -> tasks placed and not yet stopped
  std::map<std::string, std::string> where;
  for (const json& e : events) {
    if (e["type"] == "CapacityProviderScaling") {
      int from = e["from"], to = e["to"];
      if (to > from) {
        CHECK(to - from <= std::max(3, from == 0 ? 2 : 0));  // maximumScalingStepSize (2 from zero)
        CHECK(e["t"].get<double>() < 40 * 60);
      } else {
        scaled_in = true;
        CHECK(e["t"].get<double>() >= 40 * 60 + 15 * 60);  // 15 minutes below target first
      }
      peak = std::max(peak, to);
      last = to;
    }
    if (e["type"] == "TaskStateChange" && e.contains("instanceId")) {
      std::string task = e["taskId"];
      if (!where.count(task)) {
        where[task] = e["instanceId"];
        ++tasks_on[e["instanceId"]];
      }
      if (e["lastStatus"] == "STOPPED") --tasks_on[where[task]];
    }
    if (e["type"] == "InstanceStateChange" && e["state"] == "terminated") {
      CHECK(tasks_on[e["instanceId"]] == 0);  // managed termination protection
    }
  }
  CHECK(peak == 8);
  CHECK(scaled_in);
  CHECK(last == 2);  // 6 tasks binpacked: 2 instances
}

TEST_CASE("Spot instances are billed at the type's catalogue Spot price, 35 % of on-demand where none is given",
          "[ec2][cost]") {
  // EC2 Spot prices float per type, zone and hour (EC2 user guide, "Spot Instance pricing"), so the
  // catalogue keeps a per-type typical Spot price (`spotHour`) that a scenario overrides; a type with
  // none is billed at 35 % of on-demand (models/catalog/instance_types.cpp, [UNVERIFIED] default).
  auto spot_run = [](const json& price) {
    json s = ec2_scenario("m5.large", 2, 0, false);
    s["simulation"]["region"] = "us-east-1";
    s["autoScalingGroups"][0].erase("InstanceType");
    s["autoScalingGroups"][0]["MixedInstancesPolicy"] = {
        {"LaunchTemplate", {{"Overrides", {{{"InstanceType", "m5.large"}}}}}},
        {"InstancesDistribution", {{"OnDemandBaseCapacity", 0}, {"OnDemandPercentageAboveBaseCapacity", 0}}}};
    s["catalog"]["instanceTypes"] = {{"m5.large", {{"prices", {{"us-east-1", price}}}}}};
    TempDir dir;
    std::filesystem::path file = dir.path() / "scenario.json";
    std::ofstream(file) << s.dump(2);
    REQUIRE(run_scenario(file, dir.path() / "out") == 0);
    return json::parse(read_file(dir.path() / "out" / "summary.json"));
  };
  const json typical = spot_run({{"onDemandHour", 0.2}});
  const json priced = spot_run({{"onDemandHour", 0.2}, {"spotHour", 0.05}});
  const double hours = typical["capacity"]["ec2"]["instanceHours"].get<double>();
  REQUIRE(hours > 1.5);  // two instances for most of the hour
  CHECK(priced["capacity"]["ec2"]["instanceHours"].get<double>() == Approx(hours));
  CHECK(typical["cost"]["ec2OnDemandUsd"].get<double>() == 0);
  CHECK(typical["cost"]["ec2SpotUsd"].get<double>() == Approx(0.35 * 0.2 * hours));
  CHECK(priced["cost"]["ec2SpotUsd"].get<double>() == Approx(0.05 * hours));
}

namespace {

// How many container instances went DRAINING, over a run with all-Spot instances of which the timeline
// interrupts 2 at 10m.
int drained_on_spot_notice(json s) {
  s["autoScalingGroups"][0]["DesiredCapacity"] = 3;
  s["autoScalingGroups"][0]["MixedInstancesPolicy"] = {
      {"InstancesDistribution", {{"OnDemandBaseCapacity", 0}, {"OnDemandPercentageAboveBaseCapacity", 0}}}};
  s["timeline"] = {{{"at", "10m"}, {"action", "spotInterruption"}, {"autoScalingGroup", "asg"}, {"count", 2}}};
  s["simulation"]["duration"] = "20m";
  TempDir dir;
  int drained = 0;
  for (const json& e : run_events(s, dir)) {
    if (e["type"] == "ContainerInstanceStateChange" && e["status"] == "DRAINING") ++drained;
  }
  return drained;
}

}  // namespace

TEST_CASE("Spot draining follows AWS's defaults: the agent's off, a capacity provider's managed draining on",
          "[ec2][spot]") {
  // "Spot Instance draining is turned off by default" (ECS developer guide, spot-instance-draining-linux-container):
  // a group joining its cluster through the agent's ECS_CLUSTER alone does not drain on the notice.
  json plain = ec2_scenario("m5.xlarge", 3, 6, false);
  CHECK(drained_on_spot_notice(plain) == 0);
  plain["autoScalingGroups"][0]["x-fleetsim"] = {{"spotInstanceDraining", true}};  // ECS_ENABLE_SPOT_INSTANCE_DRAINING
  CHECK(drained_on_spot_notice(plain) == 2);
  // "Managed instance draining is on by default when you create a capacity provider" (ECS developer guide,
  // enable-managed-instance-draining).
  json provided = ec2_scenario("m5.xlarge", 3, 6, true);
  CHECK(drained_on_spot_notice(provided) == 2);
  provided["capacityProviders"][0]["autoScalingGroupProvider"]["managedDraining"] = "DISABLED";
  CHECK(drained_on_spot_notice(provided) == 0);
  provided["autoScalingGroups"][0]["x-fleetsim"] = {{"spotInstanceDraining", true}};
  CHECK(drained_on_spot_notice(provided) == 2);
}
