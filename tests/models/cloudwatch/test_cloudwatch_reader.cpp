// The alarms reader without a World: good input gives the alarm specs, bad input the pointer and message. The run
// is a table: a service's CPU metric and one step scaling policy.

#include <catch2/catch.hpp>

#include "models/cloudwatch/cloudwatch_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

// AWS/ECS CPUUtilization of default/web; one policy, "out".
class TableLookup : public AlarmLookup {
 public:
  bool has_metric(const std::string& name_space, const std::string& metric,
                  const std::string& dimensions) const override {
    return name_space == "AWS/ECS" && metric == "CPUUtilization" && dimensions == "ClusterName=default;ServiceName=web";
  }
  std::vector<std::string> policies() const override { return {"out"}; }
};

// The diagnostic reading `alarms` throws.
Diagnostic error_reading(const nlohmann::json& alarms) {
  return error_of([&] { read_alarms(alarms, TableLookup()); });
}

nlohmann::json cpu_alarm() {
  return {
      {"AlarmName", "high"},
      {"Namespace", "AWS/ECS"},
      {"MetricName", "CPUUtilization"},
      {"Dimensions", {{{"Name", "ClusterName"}, {"Value", "default"}}, {{"Name", "ServiceName"}, {"Value", "web"}}}},
      {"Statistic", "Average"},
      {"Period", 60},
      {"EvaluationPeriods", 3},
      {"Threshold", 70},
      {"ComparisonOperator", "GreaterThanThreshold"},
      {"AlarmActions",
       {"arn:aws:autoscaling:us-east-1:1:scalingPolicy:x:resource/ecs/service/default/web:policyName/out",
        "arn:aws:sns:us-east-1:1:page-me"}}};
}

TEST_CASE("an alarm's spec, its defaults and its actions", "[cloudwatch][reader]") {
  std::vector<AlarmEntry> alarms = read_alarms(nlohmann::json::array({cpu_alarm()}), TableLookup());
  REQUIRE(alarms.size() == 1);
  const AlarmSpec& s = alarms[0].spec;
  CHECK(s.name == "high");
  CHECK(s.dimensions == "ClusterName=default;ServiceName=web");
  CHECK(s.period == Duration::seconds(60));
  CHECK(s.evaluation_periods == 3);
  CHECK(s.datapoints_to_alarm == 3);  // defaults to EvaluationPeriods
  CHECK(s.comparison == Comparison::kGreater);
  CHECK(s.missing == MissingData::kMissing);
  CHECK(alarms[0].alarm_actions == std::vector<std::string>{"out"});  // the SNS topic changes nothing simulated
  CHECK(alarms[0].ok_actions.empty());
  nlohmann::json disabled = cpu_alarm();
  disabled["ActionsEnabled"] = false;
  CHECK(read_alarms(nlohmann::json::array({disabled}), TableLookup())[0].alarm_actions.empty());
}

TEST_CASE("what the alarms reader refuses, and where", "[cloudwatch][reader]") {
  Diagnostic e = error_reading(nlohmann::json::array({cpu_alarm(), cpu_alarm()}));
  CHECK(e.pointer == "/alarms/1/AlarmName");
  CHECK(e.message == "alarm \"high\" is defined twice");
  nlohmann::json a = cpu_alarm();
  a["Period"] = 90;
  e = error_reading(nlohmann::json::array({a}));
  CHECK(e.pointer == "/alarms/0/Period");
  CHECK(e.message == "expected a multiple of 60 (the metric has 60-second datapoints), got 90");
  a = cpu_alarm();
  a["DatapointsToAlarm"] = 4;
  e = error_reading(nlohmann::json::array({a}));
  CHECK(e.pointer == "/alarms/0/DatapointsToAlarm");
  CHECK(e.message == "DatapointsToAlarm (4) exceeds EvaluationPeriods (3)");
  a = cpu_alarm();
  a["ExtendedStatistic"] = "p99";
  e = error_reading(nlohmann::json::array({a}));
  CHECK(e.pointer == "/alarms/0");
  CHECK(e.message == "an alarm needs exactly one of \"Statistic\" and \"ExtendedStatistic\"");
  a = cpu_alarm();
  a["ComparisonOperator"] = "LessThanLowerThreshold";
  e = error_reading(nlohmann::json::array({a}));
  CHECK(e.pointer == "/alarms/0/ComparisonOperator");
  a = cpu_alarm();
  a["MetricName"] = "MemoryUtilization";
  e = error_reading(nlohmann::json::array({a}));
  CHECK(e.pointer == "/alarms/0/MetricName");
  CHECK(e.message.rfind("no metric AWS/ECS MemoryUtilization with dimensions", 0) == 0);
  a = cpu_alarm();
  a["OKActions"] = {"otu"};
  e = error_reading(nlohmann::json::array({a}));
  CHECK(e.pointer == "/alarms/0/OKActions/0");
  CHECK(e.message == "no scaling policy named \"otu\" (did you mean \"out\"?)");
}

}  // namespace
}  // namespace fleetsim
