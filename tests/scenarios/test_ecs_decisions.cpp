// Every ECS scaling decision of a run redone from its ScalingDecision record alone: Application Auto Scaling's
// target tracking and step scaling arithmetic, the min/max clamp, the scale-in vote and cooldowns, and managed
// scaling's step sizes. The arithmetic here is written apart from models/autoscaling and models/ecs (from AWS's
// documentation, aws-facts §1.2, §1.4, §3) so that the two check each other.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
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

std::vector<nlohmann::json> decisions_of(const std::filesystem::path& out, const char* controller) {
  std::vector<nlohmann::json> found;
  std::istringstream in(read_file(out / "events.jsonl"));
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"ScalingDecision\"") == std::string::npos) continue;
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["controller"] == controller) found.push_back(std::move(e));
  }
  return found;
}

// Target tracking: capacity proportional to the metric, rounded up (an exact product stays as it is); from
// zero, one.
int tracking_capacity(int start, double metric, double target) {
  if (start == 0) return metric > 0 ? 1 : 0;
  const double exact = start * metric / target;
  const double nearest = std::round(exact);
  return static_cast<int>(std::abs(exact - nearest) < 1e-9 ? nearest : std::ceil(exact));
}

double bound(const nlohmann::json& v, double otherwise) { return v.is_number() ? v.get<double>() : otherwise; }

// The step whose interval holds the breach: [lower, upper) at or above the threshold, (lower, upper] below.
nlohmann::json step_for(const nlohmann::json& steps, double breach) {
  const double inf = std::numeric_limits<double>::infinity();
  for (const nlohmann::json& s : steps) {
    const double lo = bound(s["lower"], -inf), hi = bound(s["upper"], inf);
    if (breach >= 0 ? (breach >= lo && breach < hi) : (breach > lo && breach <= hi)) return s;
  }
  return nullptr;
}

// A step's capacity: percent changes truncated toward zero but at least one, then MinAdjustmentMagnitude.
int step_capacity(const std::string& type, double adjustment, int start, int min_magnitude) {
  if (type == "ExactCapacity") return static_cast<int>(adjustment);
  int change = static_cast<int>(adjustment);
  if (type == "PercentChangeInCapacity") {
    const double raw = start * adjustment / 100;
    change = static_cast<int>(std::trunc(raw));
    if (change == 0 && raw != 0) change = raw > 0 ? 1 : -1;
    if (change != 0 && std::abs(change) < min_magnitude) change = change > 0 ? min_magnitude : -min_magnitude;
  }
  return std::max(0, start + change);
}

double aggregate(const nlohmann::json& values, const std::string& how) {
  std::vector<double> v = values.get<std::vector<double>>();
  if (how == "Minimum") return *std::min_element(v.begin(), v.end());
  if (how == "Maximum") return *std::max_element(v.begin(), v.end());
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

// What a target's history says about its cooldowns at `t`.
struct CooldownState {
  double out_until = -1, in_until = -1;
};

// Redoes one application-autoscaling decision; updates the target's cooldowns.
void redo_application_autoscaling(const nlohmann::json& d, CooldownState& cd, int& scale_outs, int& scale_ins) {
  INFO(d.dump());
  const double t = d["t"].get<double>();
  const int start = d["startingCapacity"].get<int>();
  const int current = d["currentCapacity"].get<int>(), desired = d["desiredCapacity"].get<int>();
  const int min = d["minCapacity"].get<int>(), max = d["maxCapacity"].get<int>();
  const nlohmann::json& by = d["limitedBy"];
  int capacity = 0;
  bool out = false;
  if (d["policyType"] == "TargetTrackingScaling") {
    capacity = tracking_capacity(start, d["metricValue"].get<double>(), d["targetValue"].get<double>());
    CHECK(d["computedCapacity"] == capacity);
    out = d["alarm"].get<std::string>().find("-AlarmHigh-") != std::string::npos;
    if (!out) {
      // Scale-in only when every policy votes for it, to the largest capacity any of them wants.
      bool all = true;
      for (const nlohmann::json& v : d["scaleInVotes"]) {
        if (v.is_null()) all = false;
        if (v.is_number()) capacity = std::max(capacity, v.get<int>());
      }
      CHECK(d["agreedCapacity"] == capacity);
      if (!all) {
        CHECK(by == "ScaleInVote");
        CHECK(desired == current);
        return;
      }
    }
  } else {
    CHECK(d["metricValue"].get<double>() == Approx(aggregate(d["datapoints"], d["aggregation"])));
    const double breach = d["metricValue"].get<double>() - d["threshold"].get<double>();
    CHECK(d["breach"].get<double>() == Approx(breach));
    const nlohmann::json step = step_for(d["steps"], breach);
    CHECK(d["step"] == step);
    if (step.is_null()) {
      CHECK(by == "NoStep");
      return;
    }
    capacity = step_capacity(d["adjustmentType"], step["adjustment"].get<double>(), start,
                             d["minAdjustmentMagnitude"].get<int>());
    CHECK(d["computedCapacity"] == capacity);
    if (capacity == start) {
      CHECK(by == "NoAdjustment");
      return;
    }
    out = capacity > start;
  }
  const int wanted = std::clamp(capacity, min, max);
  const std::string held = by.is_string() ? by.get<std::string>() : "";
  if (out) {
    if (wanted <= current) {
      CHECK(desired == current);
      if (held == "ScaleOutCooldown") CHECK(t < cd.out_until);
      if (held != "ScaleOutCooldown")
        CHECK(held == (capacity > max ? "MaxCapacity" : capacity < min ? "MinCapacity" : "DesiredCapacity"));
      return;
    }
    CHECK(desired == wanted);
    CHECK(held == (capacity > max ? "MaxCapacity" : ""));
    cd.out_until = t + d["cooldown"].get<double>();
    cd.in_until = -1;  // a scale-out ends the scale-in cooldown
    ++scale_outs;
    return;
  }
  // Scale-in: held inside the scale-in cooldown (and during deployments), never below MinCapacity.
  if (t < cd.in_until) CHECK((held == "ScaleInCooldown" || held == "Deployment"));
  if (held == "ScaleInCooldown") CHECK(t < cd.in_until);
  if (held == "ScaleInCooldown" || held == "Deployment" || wanted >= current) {
    CHECK(desired == current);
    return;
  }
  CHECK(desired == wanted);
  CHECK(held == (capacity < min ? "MinCapacity" : ""));
  cd.in_until = t + d["cooldown"].get<double>();
  ++scale_ins;
}

}  // namespace

TEST_CASE("every target tracking and step scaling decision of the ECS examples is redone from its record",
          "[ecs][autoscaling]") {
  // quickstart: one target tracking policy on CPU; step-scaling-schedule: two step policies and scheduled
  // bounds; ec2-capacity-provider: managed scaling's target tracking on CapacityProviderReservation.
  int decisions = 0, tracking = 0, steps = 0, scale_outs = 0, scale_ins = 0, held = 0;
  for (const char* scenario : {"quickstart.json", "step-scaling-schedule.json", "ec2-capacity-provider.json"}) {
    TempDir dir;
    REQUIRE(run_scenario(source_root() / "scenarios" / scenario, dir.path() / "out") == 0);
    std::map<std::string, CooldownState> cooldowns;  // by target
    for (const nlohmann::json& d : decisions_of(dir.path() / "out", "application-autoscaling")) {
      ++decisions;
      (d["policyType"] == "StepScaling" ? steps : tracking) += 1;
      held += d["limitedBy"].is_string() ? 1 : 0;
      redo_application_autoscaling(d, cooldowns[d["target"].get<std::string>()], scale_outs, scale_ins);
    }
  }
  CHECK(decisions > 200);
  CHECK(tracking > 100);
  CHECK(steps > 20);
  CHECK(scale_outs > 10);
  CHECK(scale_ins > 5);
  CHECK(held > 10);
}

TEST_CASE("every managed scaling decision of ec2-capacity-provider is redone from its record", "[ecs][managed]") {
  TempDir dir;
  REQUIRE(run_scenario(source_root() / "scenarios/ec2-capacity-provider.json", dir.path() / "out") == 0);
  const std::vector<nlohmann::json> decisions = decisions_of(dir.path() / "out", "ecs-managed-scaling");
  REQUIRE(decisions.size() > 5);
  int changed = 0;
  for (const nlohmann::json& d : decisions) {
    INFO(d.dump());
    const int asked = d["requestedCapacity"].get<int>(), n = d["instances"].get<int>();
    const int from = d["currentCapacity"].get<int>(), to = d["desiredCapacity"].get<int>();
    int expected = from;
    if (d["limitedBy"] == "InstanceWarmup") {
      CHECK(asked > from);
    } else if (asked > from) {
      // Scale-out: a step of at least minimumScalingStepSize and at most maximumScalingStepSize; 2 from zero.
      const int wanted = n == 0 ? 2 : asked;
      expected =
          n + std::clamp(wanted - n, d["minimumScalingStepSize"].get<int>(),
                         std::max(d["minimumScalingStepSize"].get<int>(), d["maximumScalingStepSize"].get<int>()));
    } else {
      // Scale-in: at most half of the instances a minute (at least one), never below the instances needed.
      expected = std::max({asked, n - std::max(1, n / 2), d["instancesNeeded"].get<int>()});
    }
    expected = std::clamp(expected, d["minSize"].get<int>(), d["maxSize"].get<int>());
    CHECK(to == expected);
    changed += to != from;
  }
  CHECK(changed > 5);
}
