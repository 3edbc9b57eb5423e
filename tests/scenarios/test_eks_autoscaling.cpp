// EKS node autoscaling end to end: scenarios/eks-cluster-autoscaler.json, its times redone from the
// flags, the EC2 launch latencies and the pods' requests.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scenarios/run_in_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

std::vector<nlohmann::json> events_of(const std::filesystem::path& out) {
  std::vector<nlohmann::json> events;
  std::istringstream in(read_file(out / "events.jsonl"));
  for (std::string line; std::getline(in, line);) events.push_back(nlohmann::json::parse(line));
  return events;
}

std::vector<nlohmann::json> of_type(const std::vector<nlohmann::json>& events, const char* type,
                                    const char* reason = nullptr) {
  std::vector<nlohmann::json> out;
  for (const nlohmann::json& e : events) {
    if (e["type"] == type && (reason == nullptr || e.value("reason", "") == reason)) out.push_back(e);
  }
  return out;
}

}  // namespace

TEST_CASE(
    "Cluster Autoscaler: pending pods scale the node group up at the next scan, unneeded nodes go after "
    "10 minutes",
    "[eks][autoscaler]") {
  TempDir dir;
  const auto out = dir.path() / "out";
  REQUIRE(run_scenario(source_root() / "scenarios/eks-cluster-autoscaler.json", out) == 0);
  const std::vector<nlohmann::json> events = events_of(out);

  // Scaled to 10 replicas at 1803 s: 2 pods still fit the two nodes, 6 pend. The scans run every 10 s
  // from the start, so the first after 1803 s is at 1810 s; least-waste prefers three m5.large (4200m of
  // 6000m requested: 0.3 CPU + 0.75 memory wasted) to two m5.xlarge (0.475 + 0.8125).
  std::vector<nlohmann::json> decisions = of_type(events, "ScalingDecision");
  REQUIRE(decisions.size() >= 2);
  const nlohmann::json& up = decisions[0];
  CHECK(up["controller"] == "cluster-autoscaler");
  CHECK(up["action"] == "ScaleUp");
  CHECK(up["t"].get<double>() == 1810);
  CHECK(up["pendingPods"].size() == 6);
  REQUIRE(up["options"].size() == 2);
  CHECK(up["options"][0]["nodeCount"] == 3);
  CHECK(up["options"][0]["wastedCpu"].get<double>() == Approx(0.3));
  CHECK(up["options"][1]["nodeGroup"] == "large");
  CHECK(up["options"][1]["nodeCount"] == 2);
  CHECK(up["chosen"] == "general");
  CHECK(up["scaleUps"] == nlohmann::json::array({{{"nodeGroup", "general"}, {"from", 2}, {"to", 5}, {"max", 8}}}));
  std::vector<nlohmann::json> triggered = of_type(events, "KubernetesEvent", "TriggeredScaleUp");
  REQUIRE(triggered.size() == 6);
  CHECK(triggered[0]["message"] == "pod triggered scale-up: [general 2->5 (max: 8)]");
  CHECK(of_type(events, "KubernetesEvent", "NotTriggerScaleUp").empty());

  // Each new instance is launched at 1810 s and joins as a Ready node after its boot and the kubelet's
  // registration (catalogue: lognormal means 30 s and 8 s); the pending pods are bound at that moment.
  std::map<std::string, double> launched, running;
  for (const nlohmann::json& e : of_type(events, "InstanceStateChange")) {
    if (e["state"] == "pending") launched[e["instanceId"]] = e["t"];
    if (e["state"] == "running") running[e["instanceId"]] = e["t"];
  }
  int new_nodes = 0;
  for (const nlohmann::json& e : of_type(events, "NodeStateChange")) {
    if (e["state"] != "Ready" || launched[e["instanceId"]] != 1810) continue;
    ++new_nodes;
    const double ready = e["t"];
    CHECK(ready > running[e["instanceId"]]);
    CHECK(ready - 1810 > 15);
    CHECK(ready - 1810 < 120);
    int bound = 0;
    for (const nlohmann::json& p : of_type(events, "PodStatusChange", "Scheduled"))
      bound += p["node"] == e["node"] && p["t"].get<double>() == ready ? 1 : 0;
    CHECK(bound == 2);
  }
  CHECK(new_nodes == 3);

  // Scaled back to 2 at 5403 s: by the scan at 5410 s the nodes are under 50 % requested and their pods
  // fit elsewhere; 600 s later (6010 s) they are removed, never below the group's minSize of 2.
  std::vector<nlohmann::json> downs;
  for (const nlohmann::json& d : decisions) {
    if (d["action"] == "ScaleDown") downs.push_back(d);
  }
  REQUIRE(downs.size() == 3);
  for (const nlohmann::json& d : downs) {
    CHECK(d["t"].get<double>() == 6010);
    CHECK(d["unneededSince"].get<double>() == 5410);
    CHECK(d["utilization"]["cpu"].get<double>() < 0.5);
  }
  CHECK(downs.back()["to"] == 2);
  CHECK(of_type(events, "KubernetesEvent", "ScaleDown").size() >= 6);
  nlohmann::json summary = nlohmann::json::parse(read_file(out / "summary.json"));
  CHECK(summary["kubernetes"]["prod"]["nodes"]["peak"] == 5);
  CHECK(summary["kubernetes"]["prod"]["nodes"]["atEnd"] == 2);
  CHECK(summary["kubernetes"]["prod"]["pendingPods"] == 0);
  CHECK(summary["kubernetes"]["prod"]["workloads"]["default/api"]["ready"] == 2);
}

TEST_CASE("Cluster Autoscaler: when no group helps, pending pods say why, once", "[eks][autoscaler]") {
  TempDir dir;
  ScenarioOverrides o;
  // general cannot grow; large's nodes carry a taint the pods do not tolerate.
  o.sets = {"/nodegroups/0/scalingConfig/maxSize=2",
            R"(/nodegroups/1/taints=[{"key": "dedicated", "value": "big", "effect": "NO_SCHEDULE"}])"};
  REQUIRE(run_scenario(source_root() / "scenarios/eks-cluster-autoscaler.json", dir.path() / "out", o) == 0);
  const std::vector<nlohmann::json> events = events_of(dir.path() / "out");
  std::vector<nlohmann::json> said = of_type(events, "KubernetesEvent", "NotTriggerScaleUp");
  // The six pods pending from 1803 s, each told at the scan at 1810 s and not again while the reasons hold.
  REQUIRE(said.size() == 6);
  for (const nlohmann::json& e : said) {
    CHECK(e["t"].get<double>() == 1810);
    CHECK(e["message"] ==
          "pod didn't trigger scale-up: 1 max node group size reached, 1 node(s) had untolerated taint "
          "{dedicated: big}");
  }
  for (const nlohmann::json& d : of_type(events, "ScalingDecision")) CHECK(d["action"] != "ScaleUp");
  CHECK(of_type(events, "KubernetesEvent", "TriggeredScaleUp").empty());
}

TEST_CASE("Cluster Autoscaler: a node whose pods their PodDisruptionBudget keeps is not removed",
          "[eks][autoscaler][pdb]") {
  // Two api pods on two of four nodes under minAvailable 2: no api pod may go, so only the other two nodes are
  // removed; each api node's ScaleDownBlocked names the pod. Under minAvailable 1 (one disruption allowed once
  // both are Ready) the api nodes go one at a time, each pod moving to a node that stays.
  TempDir dir;
  REQUIRE(run_scenario(source_root() / "tests/scenarios/fixtures/eks-ca-pdb.json", dir.path() / "kept") == 0);
  std::vector<nlohmann::json> events = events_of(dir.path() / "kept");
  std::vector<std::string> blocked, removed;
  for (const nlohmann::json& d : of_type(events, "ScalingDecision")) {
    if (d["action"] == "ScaleDownBlocked") {
      blocked.push_back(d["node"]);
      CHECK(d["reason"].get<std::string>().rfind("not enough pod disruption budget to move default/api-", 0) == 0);
    }
    if (d["action"] == "ScaleDown") removed.push_back(d["node"]);
  }
  REQUIRE(blocked.size() == 2);
  CHECK(removed.size() == 2);
  for (const std::string& node : blocked) CHECK(std::find(removed.begin(), removed.end(), node) == removed.end());
  nlohmann::json summary = nlohmann::json::parse(read_file(dir.path() / "kept/summary.json"));
  CHECK(summary["kubernetes"]["prod"]["nodes"]["atEnd"] == 2);

  ScenarioOverrides one;
  one.sets = {"/timeline/0/objects/1/spec/minAvailable=1"};
  REQUIRE(run_scenario(source_root() / "tests/scenarios/fixtures/eks-ca-pdb.json", dir.path() / "one", one) == 0);
  events = events_of(dir.path() / "one");
  std::vector<std::string> gone;
  for (const nlohmann::json& d : of_type(events, "ScalingDecision"))
    if (d["action"] == "ScaleDown") gone.push_back(d["node"]);
  for (const std::string& node : blocked) CHECK(std::find(gone.begin(), gone.end(), node) != gone.end());
  summary = nlohmann::json::parse(read_file(dir.path() / "one/summary.json"));
  CHECK(summary["kubernetes"]["prod"]["nodes"]["atEnd"] == 1);
  CHECK(summary["kubernetes"]["prod"]["workloads"]["default/api"]["ready"] == 2);
}

TEST_CASE("Cluster Autoscaler: the priority expander grows the group its ConfigMap ranks highest",
          "[eks][autoscaler][priority]") {
  TempDir dir;
  REQUIRE(run_scenario(source_root() / "tests/scenarios/fixtures/eks-ca-priority.json", dir.path() / "out") == 0);
  const std::vector<nlohmann::json> ups = of_type(events_of(dir.path() / "out"), "ScalingDecision");
  REQUIRE(ups.size() == 1);
  const nlohmann::json& up = ups[0];
  CHECK(up["expander"] == "priority,least-waste");
  REQUIRE(up["options"].size() == 2);
  CHECK(up["options"][0]["nodeGroup"] == "general");
  CHECK(up["options"][0]["priority"] == 10);
  CHECK(up["options"][1]["nodeGroup"] == "large");
  CHECK(up["options"][1]["priority"] == 50);
  CHECK(up["chosen"] == "large");
  CHECK(up["scaleUps"] == nlohmann::json::array({{{"nodeGroup", "large"}, {"from", 0}, {"to", 1}, {"max", 4}}}));
}

TEST_CASE("Cluster Autoscaler: the priority expander without its ConfigMap, or with a bad one, is an error",
          "[eks][autoscaler][priority][bad-input]") {
  TempDir dir;
  ScenarioOverrides missing;
  missing.sets = {"/kubernetes/0/objects/0/metadata/name=\"other\""};
  CHECK(run_scenario(source_root() / "tests/scenarios/fixtures/eks-ca-priority.json", dir.path() / "a", missing) == 2);
  ScenarioOverrides bad;
  bad.sets = {"/kubernetes/0/objects/0/data/priorities=\"ten:\\n - x\""};
  CHECK(run_scenario(source_root() / "tests/scenarios/fixtures/eks-ca-priority.json", dir.path() / "b", bad) == 2);
}
