// Karpenter end to end: scenarios/eks-karpenter.json (the cheapest type that fits, nominated pods, consolidation
// after consolidateAfter) and NodePool errors at their file, line and column.

#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scenarios/run_in_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

std::vector<nlohmann::json> events_of(const std::filesystem::path& out, const char* type) {
  std::vector<nlohmann::json> events;
  std::istringstream in(read_file(out / "events.jsonl"));
  for (std::string line; std::getline(in, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["type"] == type) events.push_back(std::move(e));
  }
  return events;
}

}  // namespace

TEST_CASE("Karpenter launches a cheaper type than the node group's and removes it after consolidateAfter",
          "[eks][karpenter]") {
  TempDir dir;
  const auto out = dir.path() / "out";
  REQUIRE(run_scenario(source_root() / "scenarios/eks-karpenter.json", out) == 0);
  std::vector<nlohmann::json> decisions = events_of(out, "ScalingDecision");
  std::vector<nlohmann::json> k8s = events_of(out, "KubernetesEvent");

  // The Deployment goes to 6 replicas at 1800 s: 2 pods pend. The tick at 1800 s opens the batch, the next one
  // (1 s idle) provisions it.
  const nlohmann::json* provision = nullptr;
  for (const nlohmann::json& d : decisions) {
    if (d.value("action", "") == "Provision" && d["t"].get<double>() >= 1800) provision = &d;
  }
  REQUIRE(provision != nullptr);
  CHECK((*provision)["controller"] == "karpenter");
  CHECK((*provision)["target"] == "nodepool/default");
  CHECK((*provision)["t"].get<double>() == 1801);
  CHECK((*provision)["batchStart"].get<double>() == 1800);
  CHECK((*provision)["pendingPods"].size() == 2);
  REQUIRE((*provision)["nodeClaims"].size() == 1);
  const nlohmann::json& claim = (*provision)["nodeClaims"][0];
  CHECK(claim["chosen"]["instanceType"] == "c5.large");
  // The node group's m5.large is among the offers that fit, and dearer.
  double node_group_price = 0;
  for (const nlohmann::json& o : claim["cheapest"]) {
    if (o["instanceType"] == "m5.large" && o["capacityType"] == "on-demand") node_group_price = o["priceHour"];
  }
  REQUIRE(node_group_price > 0);
  CHECK(claim["chosen"]["priceHour"].get<double>() < node_group_price);
  const std::string name = claim["nodeClaim"];

  // The pods are nominated to the claim, which is launched, registered and initialized.
  int nominated = 0;
  std::vector<std::string> conditions;
  for (const nlohmann::json& e : k8s) {
    if (e["reason"] == "Nominated" && e["message"] == "Pod should schedule on: nodeclaim/" + name) ++nominated;
    if (e["involvedObject"]["kind"] == "NodeClaim" && e["involvedObject"]["name"] == name)
      conditions.push_back(e["reason"]);
  }
  CHECK(nominated == 2);
  REQUIRE(conditions.size() >= 3);
  CHECK(std::vector<std::string>(conditions.begin(), conditions.begin() + 3) ==
        std::vector<std::string>{"Launched", "Registered", "Initialized"});

  // Scaled back to 2 at 5400 s: the Karpenter node's pods go, and the node is deleted once consolidateAfter (1m)
  // has passed since its pods last changed (seen at the disruption pass of 5410 s).
  const nlohmann::json* removal = nullptr;
  for (const nlohmann::json& d : decisions) {
    if (d.value("action", "") == "Delete" && d.value("nodeClaim", "") == name) removal = &d;
  }
  REQUIRE(removal != nullptr);
  CHECK((*removal)["reason"] == "Empty");
  CHECK((*removal)["t"].get<double>() - (*removal)["emptySince"].get<double>() >= 60);
  CHECK((*removal)["t"].get<double>() == 5470);
  bool terminated = false;
  for (const nlohmann::json& e : events_of(out, "InstanceStateChange")) {
    terminated |=
        e.value("fleet", "") == "karpenter-prod" && e["state"] == "terminated" && e["t"].get<double>() == 5470;
  }
  CHECK(terminated);
  nlohmann::json summary = nlohmann::json::parse(read_file(out / "summary.json"));
  CHECK(summary["kubernetes"]["prod"]["nodes"]["atEnd"] == 2);
  CHECK(summary["kubernetes"]["prod"]["pendingPods"] == 0);
}

TEST_CASE("NodePool errors exit 2 at their file, line and column", "[eks][karpenter]") {
  TempDir dir;
  std::filesystem::copy(source_root() / "scenarios/k8s", dir.path() / "k8s");
  nlohmann::json scenario =
      nlohmann::json::parse(read_file(source_root() / "scenarios/eks-karpenter.json"), nullptr, true, true);
  std::ofstream(dir.path() / "s.json") << scenario.dump();
  const std::string pool = read_file(source_root() / "scenarios/k8s/karpenter-nodepool.yaml");
  auto run_with = [&](const std::string& from, const std::string& to) {
    std::string text = pool;
    text.replace(text.find(from), from.size(), to);
    std::ofstream(dir.path() / "k8s/karpenter-nodepool.yaml") << text;
    std::ostringstream err;
    std::streambuf* old = std::cerr.rdbuf(err.rdbuf());
    int code = run_scenario(dir.path() / "s.json", dir.path() / "out");
    std::cerr.rdbuf(old);
    return std::make_pair(code, err.str());
  };
  // An unknown operator, on line 19 of the manifest, column 21.
  auto [code, err] =
      run_with("operator: In\n          values: [c, m, r]", "operator: Within\n          values: [c, m, r]");
  CHECK(code == 2);
  CHECK_THAT(err,
             Catch::Contains("k8s/karpenter-nodepool.yaml:19:21") && Catch::Contains("Unsupported value: \"Within\""));
  // Malformed limits.
  std::tie(code, err) = run_with("cpu: 64", "cpu: lots");
  CHECK(code == 2);
  CHECK_THAT(err, Catch::Contains("k8s/karpenter-nodepool.yaml:25:10") &&
                      Catch::Contains("spec.limits[cpu]: quantities must match"));
}

TEST_CASE("a Spot interruption drains the Karpenter node and its pods get a new node", "[eks][karpenter]") {
  TempDir dir;
  std::filesystem::copy(source_root() / "scenarios/k8s", dir.path() / "k8s");
  nlohmann::json scenario =
      nlohmann::json::parse(read_file(source_root() / "scenarios/eks-karpenter.json"), nullptr, true, true);
  scenario["timeline"].push_back(
      {{"at", "2400s"}, {"action", "spotInterruption"}, {"autoScalingGroup", "karpenter-prod"}, {"count", 1}});
  std::ofstream(dir.path() / "s.json") << scenario.dump();
  std::string pool = read_file(source_root() / "scenarios/k8s/karpenter-nodepool.yaml");
  const std::string on_demand = "values: [on-demand]";
  pool.replace(pool.find(on_demand), on_demand.size(), "values: [spot, on-demand]");
  std::ofstream(dir.path() / "k8s/karpenter-nodepool.yaml") << pool;
  REQUIRE(run_scenario(dir.path() / "s.json", dir.path() / "out") == 0);
  std::vector<nlohmann::json> decisions = events_of(dir.path() / "out", "ScalingDecision");
  // Spot is preferred when the pool allows it.
  std::vector<const nlohmann::json*> provisions;
  for (const nlohmann::json& d : decisions) {
    if (d.value("action", "") == "Provision" && d["t"].get<double>() >= 1800) provisions.push_back(&d);
  }
  REQUIRE(provisions.size() >= 2);
  CHECK((*provisions[0])["nodeClaims"][0]["chosen"]["capacityType"] == "spot");
  // The notice at 2400 s cordons and drains the node; the evicted pods' replacements are batched and a new node
  // launched within the two minutes.
  int interrupted = 0;
  for (const nlohmann::json& e : events_of(dir.path() / "out", "KubernetesEvent"))
    interrupted += e["reason"] == "SpotInterrupted" && e["t"].get<double>() == 2400 ? 1 : 0;
  CHECK(interrupted == 1);
  const double relaunch = (*provisions[1])["t"].get<double>();
  CHECK(relaunch > 2400);
  CHECK(relaunch < 2520);
  CHECK((*provisions[1])["pendingPods"].size() == 2);
  nlohmann::json summary = nlohmann::json::parse(read_file(dir.path() / "out/summary.json"));
  CHECK(summary["kubernetes"]["prod"]["workloads"]["default/api"]["ready"] == 2);
  CHECK(summary["kubernetes"]["prod"]["pendingPods"] == 0);
}
