// The Application Auto Scaling readers without a World: good input gives the configs, bad input the pointer and
// message. The run is a table: one service, one target group, the metrics CloudWatch would have.

#include <catch2/catch.hpp>

#include "models/autoscaling/autoscaling_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

// One service (service/default/web) behind target group "web-tg"; no memory metric.
class TableLookup : public ScalingLookup {
 public:
  std::vector<std::string> services() const override { return {"service/default/web"}; }
  std::vector<std::string> target_groups() const override { return {"web-tg"}; }
  bool has_metric(const std::string& name_space, const std::string& metric, const std::string&) const override {
    return name_space == "AWS/SQS" && metric == "ApproximateNumberOfMessagesVisible";
  }
  std::optional<std::string> check_expression(const std::string& expression,
                                              const std::vector<std::string>&) const override {
    if (expression == "bad(") return "unbalanced parenthesis";
    return std::nullopt;
  }
};

nlohmann::json target(int min, int max) {
  return {{"ServiceNamespace", "ecs"},
          {"ScalableDimension", "ecs:service:DesiredCount"},
          {"ResourceId", "service/default/web"},
          {"MinCapacity", min},
          {"MaxCapacity", max}};
}

// A policy on service/default/web of `type` with `configuration` under the key that type reads.
nlohmann::json policy(const std::string& type, const nlohmann::json& configuration) {
  nlohmann::json p = target(0, 0);
  p.erase("MinCapacity"), p.erase("MaxCapacity");
  p["PolicyName"] = "cpu";
  p["PolicyType"] = type;
  p[type == "StepScaling" ? "StepScalingPolicyConfiguration" : "TargetTrackingScalingPolicyConfiguration"] =
      configuration;
  return p;
}

const TableLookup kRun;

TEST_CASE("scalable targets: capacities, suspension and what is refused", "[autoscaling][reader]") {
  std::vector<ScalableTargetConfig> t = read_scalable_targets(nlohmann::json::array({target(1, 4)}), kRun);
  REQUIRE(t.size() == 1);
  CHECK(t[0].resource_id == "service/default/web");
  CHECK(t[0].min_capacity == 1);
  CHECK(t[0].max_capacity == 4);
  CHECK_FALSE(t[0].suspended.dynamic_in);
  Diagnostic e = error_of([] { read_scalable_targets(nlohmann::json::array({target(5, 4)}), kRun); });
  CHECK(e.pointer == "/scalableTargets/0/MinCapacity");
  CHECK(e.message == "MinCapacity (5) exceeds MaxCapacity (4)");
  e = error_of([] { read_scalable_targets(nlohmann::json::array({target(1, 5001)}), kRun); });
  CHECK(e.pointer == "/scalableTargets/0/MaxCapacity");
  CHECK(e.message == "an ECS service runs at most 5,000 tasks (ECS's default quota), got 5001");
  e = error_of([] { read_scalable_targets(nlohmann::json::array({target(1, 2), target(1, 2)}), kRun); });
  CHECK(e.pointer == "/scalableTargets/1/ResourceId");
  CHECK(e.message == "scalable target \"service/default/web\" is registered twice");
  nlohmann::json other = target(1, 2);
  other["ResourceId"] = "service/default/wbe";
  e = error_of([&] { read_scalable_targets(nlohmann::json::array({other}), kRun); });
  CHECK(e.pointer == "/scalableTargets/0/ResourceId");
  CHECK(e.message ==
        "no ECS service with ResourceId \"service/default/wbe\" (did you mean \"service/default/web\"?) "
        "(expected service/<cluster>/<service>)");
  other = target(1, 2);
  other["ServiceNamespace"] = "dynamodb";
  e = error_of([&] { read_scalable_targets(nlohmann::json::array({other}), kRun); });
  CHECK(e.pointer == "/scalableTargets/0/ServiceNamespace");
}

TEST_CASE("target tracking: predefined metrics and their defaults", "[autoscaling][reader]") {
  std::vector<ScalableTargetConfig> targets = read_scalable_targets(nlohmann::json::array({target(1, 4)}), kRun);
  nlohmann::json cpu = policy(
      "TargetTrackingScaling",
      {{"TargetValue", 50},
       {"PredefinedMetricSpecification", {{"PredefinedMetricType", "ECSServiceAverageCPUUtilizationHighResolution"}}}});
  std::vector<ScalingPolicyConfig> p = read_scaling_policies(nlohmann::json::array({cpu}), targets, kRun);
  REQUIRE(p.size() == 1);
  REQUIRE(p[0].tracking);
  CHECK_FALSE(p[0].step);
  const TargetTrackingConfig& c = *p[0].tracking;
  CHECK(c.name == "cpu");
  CHECK(c.metric.name_space == "AWS/ECS");
  CHECK(c.metric.metric == "CPUUtilization");
  CHECK(c.metric.resolution == Duration::seconds(20));
  CHECK(c.target_value == 50);
  CHECK(c.scale_out_cooldown == Duration::seconds(300));  // AWS's defaults
  CHECK(c.scale_in_cooldown == Duration::seconds(300));
  CHECK_FALSE(c.disable_scale_in);

  nlohmann::json memory = cpu;
  memory["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"]["PredefinedMetricType"] =
      "ECSServiceAverageMemoryUtilization";
  Diagnostic e = error_of([&] { read_scaling_policies(nlohmann::json::array({memory}), targets, kRun); });
  CHECK(e.pointer ==
        "/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/PredefinedMetricSpecification/"
        "PredefinedMetricType");
  nlohmann::json alb = cpu;
  alb["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"] = {
      {"PredefinedMetricType", "ALBRequestCountPerTarget"}, {"ResourceLabel", "app/lb/1/targetgroup/web-gt/2"}};
  e = error_of([&] { read_scaling_policies(nlohmann::json::array({alb}), targets, kRun); });
  CHECK(e.pointer ==
        "/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/PredefinedMetricSpecification/ResourceLabel");
  CHECK(e.message == "no target group \"web-gt\" (did you mean \"web-tg\"?)");
  e = error_of([&] { read_scaling_policies(nlohmann::json::array({cpu, cpu}), targets, kRun); });
  CHECK(e.pointer == "/scalingPolicies/1/PolicyName");
  CHECK(e.message == "policy \"cpu\" is defined twice");
  e = error_of([&] { read_scaling_policies(nlohmann::json::array({cpu}), {}, kRun); });
  CHECK(e.pointer == "/scalingPolicies/0/ResourceId");
  CHECK(e.message == "no scalable target \"service/default/web\"; register it under scalableTargets");
}

TEST_CASE("target tracking: metric math over MetricStat queries", "[autoscaling][reader]") {
  std::vector<ScalableTargetConfig> targets = read_scalable_targets(nlohmann::json::array({target(1, 4)}), kRun);
  nlohmann::json visible = {
      {"Id", "m1"},
      {"MetricStat",
       {{"Metric", {{"Namespace", "AWS/SQS"}, {"MetricName", "ApproximateNumberOfMessagesVisible"}}}, {"Stat", "Sum"}}},
      {"ReturnData", false}};
  nlohmann::json backlog = {{"Id", "e1"}, {"Expression", "m1 / 2"}, {"Label", "backlog"}};
  auto math = [](const nlohmann::json& queries) {
    return policy("TargetTrackingScaling",
                  {{"TargetValue", 10}, {"CustomizedMetricSpecification", {{"Metrics", queries}}}});
  };
  std::vector<ScalingPolicyConfig> p =
      read_scaling_policies(nlohmann::json::array({math(nlohmann::json::array({visible, backlog}))}), targets, kRun);
  const TrackedMetric& m = p.at(0).tracking->metric;
  CHECK(m.metric == "backlog");
  CHECK(m.expression == "m1 / 2");
  REQUIRE(m.inputs.size() == 1);
  CHECK(m.inputs[0].statistic == "Sum");
  const std::string mp =
      "/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/CustomizedMetricSpecification/"
      "Metrics";
  nlohmann::json bad = backlog;
  bad["Expression"] = "bad(";
  Diagnostic e = error_of([&] {
    read_scaling_policies(nlohmann::json::array({math(nlohmann::json::array({visible, bad}))}), targets, kRun);
  });
  CHECK(e.pointer == mp + "/1/Expression");
  CHECK(e.message == "metric math \"bad(\": unbalanced parenthesis");
  bad = backlog;
  bad["Id"] = "E1";
  e = error_of([&] {
    read_scaling_policies(nlohmann::json::array({math(nlohmann::json::array({visible, bad}))}), targets, kRun);
  });
  CHECK(e.pointer == mp + "/1/Id");
  e = error_of(
      [&] { read_scaling_policies(nlohmann::json::array({math(nlohmann::json::array({visible}))}), targets, kRun); });
  CHECK(e.pointer == mp);
  CHECK(e.message == "expected one query with \"ReturnData\" true (the value the policy tracks)");
}

TEST_CASE("step scaling: adjustment type, steps and defaults", "[autoscaling][reader]") {
  std::vector<ScalableTargetConfig> targets = read_scalable_targets(nlohmann::json::array({target(1, 4)}), kRun);
  nlohmann::json step = policy(
      "StepScaling", {{"AdjustmentType", "PercentChangeInCapacity"},
                      {"StepAdjustments",
                       {{{"MetricIntervalLowerBound", 0}, {"MetricIntervalUpperBound", 10}, {"ScalingAdjustment", 50}},
                        {{"MetricIntervalLowerBound", 10}, {"ScalingAdjustment", 100}}}}});
  std::vector<ScalingPolicyConfig> p = read_scaling_policies(nlohmann::json::array({step}), targets, kRun);
  REQUIRE(p.at(0).step);
  const StepScalingConfig& c = *p[0].step;
  CHECK(c.name == "cpu");
  CHECK(c.adjustment_type == AdjustmentType::kPercentChangeInCapacity);
  REQUIRE(c.steps.size() == 2);
  CHECK(c.steps[1].adjustment == 100);
  CHECK_FALSE(c.steps[1].upper);
  CHECK(c.cooldown == Duration::seconds(300));
  CHECK(c.aggregation == StepScalingConfig::Aggregation::kAverage);
  nlohmann::json none = policy("StepScaling", {});
  none.erase("StepScalingPolicyConfiguration");
  Diagnostic e = error_of([&] { read_scaling_policies(nlohmann::json::array({none}), targets, kRun); });
  CHECK(e.pointer == "/scalingPolicies/0");
  CHECK(e.message == "expected \"StepScalingPolicyConfiguration\"");
  nlohmann::json predictive = policy("PredictiveScaling", {});
  e = error_of([&] { read_scaling_policies(nlohmann::json::array({predictive}), targets, kRun); });
  CHECK(e.pointer == "/scalingPolicies/0/PolicyType");
  CHECK(e.message == "\"PredictiveScaling\" policies are not simulated by this version yet");
}

TEST_CASE("scheduled actions: schedule, times and capacities", "[autoscaling][reader]") {
  std::vector<ScalableTargetConfig> targets = read_scalable_targets(nlohmann::json::array({target(1, 4)}), kRun);
  nlohmann::json a = target(0, 0);
  a.erase("MinCapacity"), a.erase("MaxCapacity");
  a["ScheduledActionName"] = "night";
  a["Schedule"] = "cron(0 22 * * ? *)";
  a["StartTime"] = "2026-01-01T01:00:00Z";
  a["ScalableTargetAction"] = {{"MaxCapacity", 2}};
  std::vector<ScheduledActionEntry> s = read_scheduled_actions(nlohmann::json::array({a}), targets);
  REQUIRE(s.size() == 1);
  CHECK(s[0].resource_id == "service/default/web");
  CHECK(s[0].config.name == "night");
  CHECK(s[0].config.start_unix_s == 1767229200);
  CHECK_FALSE(s[0].config.end_unix_s);
  CHECK_FALSE(s[0].config.min_capacity);
  CHECK(s[0].config.max_capacity == 2);
  nlohmann::json b = a;
  b["Timezone"] = "Europe/Paris";
  Diagnostic e = error_of([&] { read_scheduled_actions(nlohmann::json::array({b}), targets); });
  CHECK(e.pointer == "/scheduledActions/0/Timezone");
  CHECK(e.message == "only UTC schedules are simulated by this version");
  b = a;
  b["ScalableTargetAction"] = {{"MinCapacity", 3}, {"MaxCapacity", 2}};
  e = error_of([&] { read_scheduled_actions(nlohmann::json::array({b}), targets); });
  // Two reference tokens, not one key with an escaped slash ("ScalableTargetAction~1MinCapacity").
  CHECK(e.pointer == "/scheduledActions/0/ScalableTargetAction/MinCapacity");
  CHECK(e.message == "MinCapacity exceeds MaxCapacity");
  b = a;
  b["ScalableTargetAction"] = nlohmann::json::object();
  e = error_of([&] { read_scheduled_actions(nlohmann::json::array({b}), targets); });
  CHECK(e.pointer == "/scheduledActions/0/ScalableTargetAction");
  CHECK(e.message == "expected MinCapacity or MaxCapacity");
  b = a;
  b["EndTime"] = "tomorrow";
  e = error_of([&] { read_scheduled_actions(nlohmann::json::array({b}), targets); });
  CHECK(e.pointer == "/scheduledActions/0/EndTime");
}

}  // namespace
}  // namespace fleetsim
