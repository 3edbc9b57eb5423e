// `fleetsim explain`: decision records in words, from records written by hand (the spec's example), and
// the command's choice of records around a moment; linked without models/.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/cli/explain.hpp"
#include "tests/support/temp_dir.hpp"

using namespace fleetsim;
using fleetsim::testing::TempDir;

namespace {

// The example of kubernetes.md's "Decision records", with four ready pods.
nlohmann::json spec_example() {
  return nlohmann::json::parse(R"({"t": 915.0, "type": "ScalingDecision", "controller": "horizontal-pod-autoscaler",
    "cluster": "prod", "target": "default/api", "currentReplicas": 4,
    "metrics": [{"type": "Resource", "name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50},
                 "pods": [{"pod": "a", "request": 500, "value": 430, "state": "ready"},
                          {"pod": "b", "request": 500, "value": 430, "state": "ready"},
                          {"pod": "c", "request": 500, "value": 430, "state": "ready"},
                          {"pod": "d", "request": 500, "value": 430, "state": "ready"},
                          {"pod": "e", "request": 500, "value": null, "state": "unready"}],
                 "usageRatio": 1.72, "proposedReplicas": 7}],
    "tolerance": 0.1, "recommendation": 7, "stabilized": 7, "limited": 7, "desiredReplicas": 7, "limitedBy": null})");
}

}  // namespace

TEST_CASE("explain puts an HPA decision in words", "[cli][explain]") {
  CHECK(explain_decision(spec_example()) ==
        "scaled 4→7 at 00:15:15: CPU 86 % of request over 4 ready pods (1 unready, 0 missing), target 50 %, usage "
        "ratio 1.72 → 7; within the behavior's limits and min/max");
  nlohmann::json limited = spec_example();
  limited["currentReplicas"] = 80;
  limited["metrics"][0]["usageRatio"] = 0;
  limited["metrics"][0]["proposedReplicas"] = 0;
  limited["recommendation"] = 0;
  limited["stabilized"] = 0;
  limited["limited"] = 72;
  limited["desiredReplicas"] = 72;
  limited["limitedBy"] = "ScaleDownLimit";
  CHECK_THAT(explain_decision(limited), Catch::StartsWith("scaled 80→72 at 00:15:15: ") &&
                                            Catch::EndsWith("usage ratio 0 → 0; held to 72 by the scale-down limit"));
  nlohmann::json external = nlohmann::json::parse(R"({"t": 60, "controller": "external:predictive",
    "target": "service/default/web", "currentCapacity": 3, "answer": 9, "desiredCapacity": 8,
    "limitedBy": "MaxCapacity"})");
  CHECK(explain_decision(external) == "scaled 3→8 at 00:01:00: external:predictive answered 9, bounded by MaxCapacity");
}

TEST_CASE("explain prints the changes of a run, or every decision within a minute of --at", "[cli][explain]") {
  TempDir dir;
  {
    std::ofstream events(dir.path() / "events.jsonl");
    nlohmann::json kept = spec_example();
    kept["t"] = 900;
    kept["desiredReplicas"] = 4;
    events << nlohmann::json{{"t", 1}, {"type", "PodStatusChange"}}.dump() << "\n"
           << kept.dump() << "\n"
           << spec_example().dump() << "\n";
  }
  std::ostringstream changes, around, other, none;
  CHECK(explain_command(dir.path().string(), "", "", changes) == 0);
  CHECK(changes.str() == "default/api: " + explain_decision(spec_example()) + "\n");
  CHECK(explain_command(dir.path().string(), "api", "15m", around) == 0);
  const std::string lines = around.str();
  CHECK(std::count(lines.begin(), lines.end(), '\n') == 2);
  CHECK_THAT(lines, Catch::StartsWith("default/api: kept 4 at 00:15:00"));
  CHECK(explain_command(dir.path().string(), "web", "", other) == 0);
  CHECK(other.str() == "no scaling decision\n");
  CHECK(explain_command((dir.path() / "missing").string(), "", "", none) == 2);
  CHECK(explain_command(dir.path().string(), "", "soon", none) == 2);
}
