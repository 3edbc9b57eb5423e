#include "sim/cli/explain.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include "sim/cli/explain_aws.hpp"
#include "sim/cli/explain_words.hpp"
#include "sim/time.hpp"

namespace fleetsim {

namespace {

using explain_words::clock_of;
using explain_words::number;

// Milli-units as units ("430m" of a cpu is 0.43).
std::string milli(const nlohmann::json& v) { return v.is_number() ? number(v.get<double>() / 1000) : "none"; }

// The pods of a metric by state, and the ready ones' values and requests (milli).
struct PodTally {
  int ready = 0, unready = 0, missing = 0;
  std::int64_t value = 0, request = 0;

  explicit PodTally(const nlohmann::json& pods) {
    for (const auto& p : pods) {
      const std::string state = p.value("state", "");
      if (state == "ready") {
        ++ready;
        value += p["value"].get<std::int64_t>();
        if (p.contains("request") && p["request"].is_number()) request += p["request"].get<std::int64_t>();
      }
      unready += state == "unready";
      missing += state == "missing";
    }
  }
  // "4 ready pods (1 unready, 2 missing)".
  std::string words() const {
    std::string out = std::to_string(ready) + " ready pod" + (ready == 1 ? "" : "s");
    if (unready > 0 || missing > 0)
      out += " (" + std::to_string(unready) + " unready, " + std::to_string(missing) + " missing)";
    return out;
  }
};

// One HPA metric: what it measured, against what target, and what it proposed.
std::string explain_metric(const nlohmann::json& m) {
  const std::string name = m.value("name", "");
  const nlohmann::json& target = m["target"];
  const std::string type = target.value("type", "");
  std::string out;
  if (m.contains("pods")) {
    const PodTally pods(m["pods"]);
    if (type == "Utilization") {
      // The percentage the calculator used: truncated, over the ready pods' requests.
      const std::int64_t percent = pods.request > 0 ? pods.value * 100 / pods.request : 0;
      out = (name == "cpu" ? std::string("CPU") : name) + " " + std::to_string(percent) + " % of request over " +
            pods.words() + ", target " + std::to_string(target["averageUtilization"].get<int>()) + " %";
    } else {
      const std::string average =
          pods.ready > 0 ? number(static_cast<double>(pods.value) / pods.ready / 1000) : std::string("none");
      out = name + " " + average + " per pod over " + pods.words() + ", target " + milli(target["averageValue"]) +
            " per pod";
    }
  } else {
    out = name + " " + milli(m["value"]) + ", target " +
          (type == "Value"
               ? milli(target["value"]) + " in all over " + std::to_string(m.value("readyPods", 0)) + " ready pods"
               : milli(target["averageValue"]) + " per pod");
  }
  if (m.contains("error")) return out + ": no proposal (" + m["error"].get<std::string>() + ")";
  return out + ", usage ratio " + number(m["usageRatio"].get<double>()) + " → " +
         std::to_string(m["proposedReplicas"].get<int>());
}

std::string explain_hpa(const nlohmann::json& d) {
  const int current = d["currentReplicas"].get<int>();
  const int desired = d["desiredReplicas"].get<int>();
  std::string out = (desired == current ? "kept " + std::to_string(current)
                                        : "scaled " + std::to_string(current) + "→" + std::to_string(desired)) +
                    " at " + clock_of(d["t"].get<double>()) + ": ";
  const nlohmann::json& metrics = d["metrics"];
  for (std::size_t i = 0; i < metrics.size(); ++i) out += (i > 0 ? "; " : "") + explain_metric(metrics[i]);
  const int recommendation = d["recommendation"].get<int>();
  if (metrics.size() > 1) out += "; the largest, " + std::to_string(recommendation) + ", is the recommendation";
  const int stabilized = d["stabilized"].get<int>();
  if (stabilized != recommendation) out += "; held at " + std::to_string(stabilized) + " by the stabilization window";
  const std::string by = d["limitedBy"].is_string() ? d["limitedBy"].get<std::string>() : "";
  if (by == "ScaleUpLimit") out += "; held to " + std::to_string(desired) + " by the scale-up limit";
  if (by == "ScaleDownLimit") out += "; held to " + std::to_string(desired) + " by the scale-down limit";
  if (by == "TooManyReplicas") out += "; capped at maxReplicas " + std::to_string(desired);
  if (by == "TooFewReplicas") out += "; raised to minReplicas " + std::to_string(desired);
  if (by.empty() && desired != current) out += "; within the behavior's limits and min/max";
  return out;
}

// Any other controller's record: its count before and after, and the bound it met.
std::string explain_other(const nlohmann::json& d) {
  const nlohmann::json& before = d.contains("currentCapacity") ? d["currentCapacity"] : d["currentReplicas"];
  const nlohmann::json& after = d.contains("desiredCapacity") ? d["desiredCapacity"] : d["desiredReplicas"];
  std::string out = (before == after ? "kept " + before.dump() : "scaled " + before.dump() + "→" + after.dump()) +
                    " at " + clock_of(d["t"].get<double>()) + ": " + d.value("controller", "a controller");
  if (d.contains("answer")) out += " answered " + d["answer"].dump();
  if (d.contains("reason") && d["reason"].is_string()) out += " (" + d["reason"].get<std::string>() + ")";
  if (d.contains("active"))
    out += d["active"].get<bool>()
               ? ": a trigger is active"
               : ": no trigger active, cooldown " + d.value("cooldownPeriod", nlohmann::json()).dump() + " s";
  if (d.contains("limitedBy") && d["limitedBy"].is_string()) out += ", bounded by " + d["limitedBy"].get<std::string>();
  return out;
}

bool target_matches(const std::string& target, const std::string& wanted) {
  if (wanted.empty() || target == wanted) return true;
  const std::size_t slash = target.rfind('/');
  return slash != std::string::npos && target.substr(slash + 1) == wanted;
}

}  // namespace

std::string explain_decision(const nlohmann::json& decision) {
  const std::string controller = decision.value("controller", "");
  if (controller == "horizontal-pod-autoscaler") return explain_hpa(decision);
  if (controller == "application-autoscaling") return explain_application_autoscaling(decision);
  if (controller == "ecs-managed-scaling") return explain_managed_scaling(decision);
  return explain_other(decision);
}

int explain_command(const std::string& folder, const std::string& target, const std::string& at, std::ostream& out) {
  std::ifstream in(folder + "/events.jsonl");
  if (!in) {
    std::cerr << folder << ": no events.jsonl (not a run's output folder, or events were turned off)\n";
    return 2;
  }
  std::optional<double> moment;
  if (!at.empty()) {
    Duration d;
    std::string error;
    if (!parse_duration(at, d, error)) {
      std::cerr << "--at: " << error << "\n";
      return 2;
    }
    moment = d.seconds_f();
  }
  int shown = 0;
  for (std::string line; std::getline(in, line);) {
    // Only decision lines are parsed: a run's events are mostly other types.
    if (line.find("\"ScalingDecision\"") == std::string::npos) continue;
    const nlohmann::json d = nlohmann::json::parse(line, nullptr, false);
    if (d.is_discarded() || d.value("type", "") != "ScalingDecision") continue;
    if (!target_matches(d.value("target", ""), target)) continue;
    const double t = d["t"].get<double>();
    const bool changed = d.contains("desiredReplicas") ? d["desiredReplicas"] != d["currentReplicas"]
                                                       : d.value("desiredCapacity", 0) != d.value("currentCapacity", 0);
    // Around a moment: every decision within a minute of it; otherwise the changes only.
    if (moment ? std::abs(t - *moment) > 60 : !changed) continue;
    out << d.value("target", "") << ": " << explain_decision(d) << "\n";
    ++shown;
  }
  if (shown == 0) out << "no scaling decision" << (moment ? " within a minute of " + at : std::string()) << "\n";
  return 0;
}

}  // namespace fleetsim
