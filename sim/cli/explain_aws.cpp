#include "sim/cli/explain_aws.hpp"

#include <map>

#include "sim/cli/explain_words.hpp"

namespace fleetsim {

namespace {

using explain_words::clock_of;
using explain_words::number;

// "scaled 4→7 at 00:15:15: " or "kept 4 at 00:15:15: ".
std::string outcome(const nlohmann::json& d) {
  const int from = d["currentCapacity"].get<int>(), to = d["desiredCapacity"].get<int>();
  return (from == to ? "kept " + std::to_string(from) : "scaled " + std::to_string(from) + "→" + std::to_string(to)) +
         " at " + clock_of(d["t"].get<double>()) + ": ";
}

std::string n(const nlohmann::json& v) { return v.is_number() ? number(v.get<double>()) : "none"; }

// What held an Application Auto Scaling decision, in words; "" when nothing did.
std::string held_by(const nlohmann::json& d) {
  if (!d["limitedBy"].is_string()) return "";
  const std::string by = d["limitedBy"].get<std::string>();
  const std::map<std::string, std::string> words{
      {"MaxCapacity", "capped at MaxCapacity " + n(d["maxCapacity"])},
      {"MinCapacity", "held at MinCapacity " + n(d["minCapacity"])},
      {"ScaleOutCooldown", "inside the scale-out cooldown, and no larger than the scale-out already made"},
      {"DesiredCapacity", "the desired count " + n(d["currentCapacity"]) + " already covers it"},
      {"ScaleInCooldown", "held by the scale-in cooldown of " + n(d["cooldown"]) + " s"},
      {"Deployment", "held: scale-in waits for the deployment in progress"},
      {"DynamicScalingInSuspended", "held: dynamic scale-in is suspended"},
      {"DynamicScalingOutSuspended", "held: dynamic scale-out is suspended"},
      {"ScaleInVote", "held: not every target tracking policy of the target wants to scale in"},
      {"NoStep", "no step adjustment covers the breach"},
      {"NoAdjustment", "the step changes nothing"}};
  const auto it = words.find(by);
  return it == words.end() ? by : it->second;
}

// "[0, 1500)" for a step's bounds (empty bounds are infinite): at or above the threshold the lower bound is
// inclusive, below it the upper (aws-facts §1.4).
std::string interval(const nlohmann::json& step, bool below) {
  return (below ? "(" : "[") + (step["lower"].is_number() ? n(step["lower"]) : std::string("-∞")) + ", " +
         (step["upper"].is_number() ? n(step["upper"]) : std::string("∞")) + (below ? "]" : ")");
}

std::string tracking(const nlohmann::json& d) {
  std::string out = "target tracking policy " + d["policyName"].get<std::string>() + ": metric " + n(d["metricValue"]) +
                    " against target " + n(d["targetValue"]) + " from " + n(d["startingCapacity"]) + " → ceil(" +
                    n(d["startingCapacity"]) + " × " + n(d["metricValue"]) + " / " + n(d["targetValue"]) +
                    ") = " + n(d["computedCapacity"]);
  if (d.contains("agreedCapacity") && d["agreedCapacity"] != d["computedCapacity"])
    out += ", " + n(d["agreedCapacity"]) + " as every policy's vote allows";
  return out;
}

std::string step(const nlohmann::json& d) {
  const double breach = d["breach"].get<double>();
  std::string out = "step scaling policy " + d["policyName"].get<std::string>() + ": alarm " +
                    d["alarm"].get<std::string>() + " " + d["alarmState"].get<std::string>() + ", metric " +
                    n(d["metricValue"]) + " (" + d["aggregation"].get<std::string>() + " of " +
                    std::to_string(d["datapoints"].size()) + " datapoints), " + number(std::abs(breach)) +
                    (breach < 0 ? " below" : " above") + " the threshold " + n(d["threshold"]);
  if (!d["step"].is_object()) return out;
  const std::string type = d["adjustmentType"].get<std::string>();
  const double adjustment = d["step"]["adjustment"].get<double>();
  out += "; step " + interval(d["step"], breach < 0) + " " +
         (type == "ExactCapacity"
              ? "sets " + number(adjustment)
              : (adjustment >= 0 ? "+" : "") + number(adjustment) + (type == "PercentChangeInCapacity" ? " %" : "")) +
         " from " + n(d["startingCapacity"]) + " → " + n(d["computedCapacity"]);
  if (d["minAdjustmentMagnitude"].get<int>() > 0 && type == "PercentChangeInCapacity")
    out += " (MinAdjustmentMagnitude " + n(d["minAdjustmentMagnitude"]) + ")";
  return out;
}

}  // namespace

std::string explain_application_autoscaling(const nlohmann::json& d) {
  std::string out = outcome(d) + (d.value("policyType", "") == "StepScaling" ? step(d) : tracking(d));
  const std::string held = held_by(d);
  if (!held.empty()) return out + "; " + held;
  return out + "; within MinCapacity " + n(d["minCapacity"]) + " and MaxCapacity " + n(d["maxCapacity"]);
}

std::string explain_managed_scaling(const nlohmann::json& d) {
  std::string out = outcome(d) + "capacity provider reservation " + n(d["capacityProviderReservation"]) +
                    " % (needed " + n(d["instancesNeeded"]) + " of " + n(d["instances"]) +
                    " instances), targetCapacity " + n(d["targetCapacity"]) + " %; target tracking asked for " +
                    n(d["requestedCapacity"]);
  const std::string by = d["limitedBy"].is_string() ? d["limitedBy"].get<std::string>() : "";
  const std::map<std::string, std::string> words{
      {"InstanceWarmup", "held: an instance is still in its warm-up"},
      {"ScaleOutFromZero", "from zero ECS launches 2 instances"},
      {"MinimumScalingStepSize", "raised to the minimum scaling step of " + n(d["minimumScalingStepSize"])},
      {"MaximumScalingStepSize", "held to the maximum scaling step of " + n(d["maximumScalingStepSize"])},
      {"HalfOfGroup", "at most half of the instances go in a minute"},
      {"InstancesNeeded", "only empty instances go: " + n(d["instancesNeeded"]) + " are needed"},
      {"MinSize", "held at the group's MinSize " + n(d["minSize"])},
      {"MaxSize", "capped at the group's MaxSize " + n(d["maxSize"])}};
  const auto it = words.find(by);
  return out + "; " + (it != words.end() ? it->second : by.empty() ? "within the step sizes and the group's size" : by);
}

}  // namespace fleetsim
