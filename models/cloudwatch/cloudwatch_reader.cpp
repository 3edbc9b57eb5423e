#include "models/cloudwatch/cloudwatch_reader.hpp"

#include <algorithm>
#include <set>

#include "models/cloudwatch/statistic.hpp"
#include "sim/metrics/metric_store.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

const std::vector<std::string> kComparisons = {"GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
                                               "LessThanThreshold", "LessThanOrEqualToThreshold"};

// AWS writes ALB dimensions as "targetgroup/<name>/<id>" and "app/<name>/<id>"; fleetsim names them.
std::string dimension_value(const std::string& name, const std::string& value) {
  if ((name == "TargetGroup" && value.rfind("targetgroup/", 0) == 0) ||
      (name == "LoadBalancer" && value.rfind("app/", 0) == 0)) {
    std::string rest = value.substr(value.find('/') + 1);
    return rest.substr(0, rest.find('/'));
  }
  return value;
}

// The scaling policies `field` of `alarm` names (none while ActionsEnabled is false).
std::vector<std::string> read_actions(const nlohmann::json& alarm, const char* field, const std::string& p,
                                      const AlarmLookup& lookup) {
  std::vector<std::string> out;
  if (!alarm.contains(field) || !alarm.value("ActionsEnabled", true)) return out;
  const nlohmann::json& list = alarm[field];
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ref = list[i].get<std::string>();
    // Notifications (SNS) and EC2 actions change nothing fleetsim simulates.
    if (ref.rfind("arn:aws:sns:", 0) == 0 || ref.rfind("arn:aws:automate:", 0) == 0) continue;
    std::string name = name_from_reference(ref);
    std::vector<std::string> policies = lookup.policies();
    if (std::find(policies.begin(), policies.end(), name) == policies.end()) {
      std::string msg = "no scaling policy named \"" + name + "\"";
      if (auto near = closest_name(name, policies)) msg += " (did you mean \"" + *near + "\"?)";
      throw ScenarioError(append_pointer(append_pointer(p, field), i), msg);
    }
    out.push_back(name);
  }
  return out;
}

// The alarm `a` at `p`, but for its actions.
AlarmSpec read_spec(const nlohmann::json& a, const std::string& p, const AlarmLookup& lookup) {
  AlarmSpec spec;
  spec.name = a["AlarmName"].get<std::string>();
  if (a.contains("Metrics"))
    throw ScenarioError(append_pointer(p, "Metrics"), "metric math alarms are not simulated by this version yet");
  for (const char* f : {"MetricName", "Namespace"}) {
    if (!a.contains(f)) throw ScenarioError(p, std::string("missing required field \"") + f + "\"");
  }
  spec.name_space = a["Namespace"].get<std::string>();
  spec.metric = a["MetricName"].get<std::string>();
  std::vector<std::pair<std::string, std::string>> dims;
  for (const auto& d : a.value("Dimensions", nlohmann::json::array())) {
    std::string n = d["Name"].get<std::string>();
    dims.emplace_back(n, dimension_value(n, d["Value"].get<std::string>()));
  }
  spec.dimensions = make_dimensions(dims);
  if (!lookup.has_metric(spec.name_space, spec.metric, spec.dimensions)) {
    throw ScenarioError(
        append_pointer(p, "MetricName"),
        "no metric " + spec.name_space + " " + spec.metric + " with dimensions \"" + spec.dimensions +
            "\" in this scenario (fleetsim alarms can watch AWS/ECS CPUUtilization and MemoryUtilization (with "
            "x-fleetsim.memoryUsage) and ECS/ContainerInsights RunningTaskCount of a service, AWS/ApplicationELB "
            "RequestCountPerTarget of a target group, AWS/SQS ApproximateNumberOfMessagesVisible and "
            "ApproximateAgeOfOldestMessage of a queue)");
  }
  if (a.contains("Statistic") == a.contains("ExtendedStatistic")) {
    throw ScenarioError(p, "an alarm needs exactly one of \"Statistic\" and \"ExtendedStatistic\"");
  }
  spec.statistic =
      a.contains("Statistic") ? a["Statistic"].get<std::string>() : a["ExtendedStatistic"].get<std::string>();
  if (!Statistic::parse(spec.statistic)) {
    throw ScenarioError(append_pointer(p, "ExtendedStatistic"),
                        "\"" + spec.statistic + "\" is not simulated; use pNN (percentiles)");
  }
  int period = a["Period"].get<int>();
  // Standard alarms take multiples of 60 s; 10 s and 30 s need high-resolution metrics (aws-facts §2 "Period"),
  // and the AWS/ECS and ALB metrics fleetsim publishes are standard resolution.
  if (period % 60 != 0) {
    throw ScenarioError(
        append_pointer(p, "Period"),
        "expected a multiple of 60 (the metric has 60-second datapoints), got " + std::to_string(period));
  }
  spec.period = Duration::seconds(period);
  spec.evaluation_periods = a["EvaluationPeriods"].get<int>();
  spec.datapoints_to_alarm = a.value("DatapointsToAlarm", spec.evaluation_periods);
  if (spec.datapoints_to_alarm > spec.evaluation_periods) {
    throw ScenarioError(append_pointer(p, "DatapointsToAlarm"),
                        "DatapointsToAlarm (" + std::to_string(spec.datapoints_to_alarm) +
                            ") exceeds EvaluationPeriods (" + std::to_string(spec.evaluation_periods) + ")");
  }
  if (static_cast<long>(period) * spec.evaluation_periods > 86400) {
    throw ScenarioError(append_pointer(p, "EvaluationPeriods"), "EvaluationPeriods x Period may not exceed one day");
  }
  spec.threshold = a["Threshold"].get<double>();
  std::string op = a["ComparisonOperator"].get<std::string>();
  auto found = std::find(kComparisons.begin(), kComparisons.end(), op);
  if (found == kComparisons.end()) {
    throw ScenarioError(append_pointer(p, "ComparisonOperator"),
                        "anomaly detection band \"" + op + "\" is not simulated by this version yet");
  }
  spec.comparison = static_cast<Comparison>(found - kComparisons.begin());
  std::string missing = a.value("TreatMissingData", std::string("missing"));
  spec.missing = missing == "notBreaching" ? MissingData::kNotBreaching
                 : missing == "breaching"  ? MissingData::kBreaching
                 : missing == "ignore"     ? MissingData::kIgnore
                                           : MissingData::kMissing;
  return spec;
}

}  // namespace

std::vector<AlarmEntry> read_alarms(const nlohmann::json& section, const AlarmLookup& lookup) {
  std::vector<AlarmEntry> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& a = section[i];
    std::string p = append_pointer("/alarms", i);
    std::string name = a["AlarmName"].get<std::string>();
    if (!names.insert(name).second)
      throw ScenarioError(append_pointer(p, "AlarmName"), "alarm \"" + name + "\" is defined twice");
    AlarmEntry entry{read_spec(a, p, lookup), {}, {}, {}};
    entry.alarm_actions = read_actions(a, "AlarmActions", p, lookup);
    entry.ok_actions = read_actions(a, "OKActions", p, lookup);
    entry.insufficient_data_actions = read_actions(a, "InsufficientDataActions", p, lookup);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace fleetsim
