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

TEST_CASE("explain puts ECS target tracking, step scaling and managed scaling decisions in words", "[cli][explain]") {
  // Records as models/autoscaling and models/ecs write them (quickstart, step-scaling-schedule, ec2-capacity-provider).
  CHECK(explain_decision(nlohmann::json::parse(R"({"t": 906, "controller": "application-autoscaling",
    "target": "service/default/web", "policyName": "cpu-target-50", "policyType": "TargetTrackingScaling",
    "alarm": "TargetTracking-service/default/web-AlarmLow-x", "metricValue": 21.999854375, "targetValue": 50.0,
    "startingCapacity": 8, "computedCapacity": 4, "scaleInVotes": [4, 5], "agreedCapacity": 5, "minCapacity": 2,
    "maxCapacity": 20, "cooldown": 300.0, "currentCapacity": 8, "desiredCapacity": 5, "limitedBy": null})")) ==
        "scaled 8→5 at 00:15:06: target tracking policy cpu-target-50: metric 22 against target 50 from 8 → ceil(8 × "
        "22 / 50) = 4, 5 as every policy's vote allows; within MinCapacity 2 and MaxCapacity 20");
  CHECK(explain_decision(nlohmann::json::parse(R"({"t": 13686, "controller": "application-autoscaling",
    "target": "service/default/api", "policyName": "requests-in", "policyType": "StepScaling",
    "alarm": "api-requests-low", "alarmState": "ALARM", "datapoints": [402.5, 393.7], "aggregation": "Average",
    "metricValue": 398.1, "threshold": 600.0, "breach": -201.9, "steps": [{"lower": null, "upper": 0.0,
    "adjustment": -1.0}], "step": {"lower": null, "upper": 0.0, "adjustment": -1.0},
    "adjustmentType": "ChangeInCapacity", "minAdjustmentMagnitude": 0, "startingCapacity": 6, "computedCapacity": 5,
    "minCapacity": 6, "maxCapacity": 12, "cooldown": 300.0, "currentCapacity": 6, "desiredCapacity": 6,
    "limitedBy": "MinCapacity"})")) ==
        "kept 6 at 03:48:06: step scaling policy requests-in: alarm api-requests-low ALARM, metric 398.1 (Average of "
        "2 datapoints), 201.9 below the threshold 600; step (-∞, 0] -1 from 6 → 5; held at MinCapacity 6");
  CHECK(explain_decision(nlohmann::json::parse(R"({"t": 246, "controller": "ecs-managed-scaling", "target": "cp",
    "capacityProviderReservation": 300.0, "instancesNeeded": 6, "instances": 2, "targetCapacity": 100,
    "requestedCapacity": 6, "minimumScalingStepSize": 1, "maximumScalingStepSize": 2, "minSize": 0, "maxSize": 40,
    "currentCapacity": 2, "desiredCapacity": 4, "limitedBy": "MaximumScalingStepSize"})")) ==
        "scaled 2→4 at 00:04:06: capacity provider reservation 300 % (needed 6 of 2 instances), targetCapacity 100 %; "
        "target tracking asked for 6; held to the maximum scaling step of 2");
}
