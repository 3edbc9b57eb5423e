#include "models/cloudwatch/cloudwatch_section.hpp"

#include <algorithm>
#include <set>

#include "models/api/alarms.hpp"
#include "models/api/metric_source.hpp"
#include "models/cloudwatch/cloudwatch.hpp"
#include "models/registry.hpp"
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

void build_cloudwatch(const nlohmann::json&, World& world) {
  auto& cw = world.own(
      std::make_unique<CloudWatch>(world.ctx, world.directory<const MetricSource>(), world.catalog.autoscaling));
  world.provide<AlarmHost>(kCloudWatch, &cw);
}

std::vector<AlarmAction*> read_actions(const nlohmann::json& alarm, const char* field, const std::string& p,
                                       World& world) {
  std::vector<AlarmAction*> out;
  if (!alarm.contains(field) || !alarm.value("ActionsEnabled", true)) return out;
  const nlohmann::json& list = alarm[field];
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string ref = list[i].get<std::string>();
    // Notifications (SNS) and EC2 actions change nothing fleetsim simulates.
    if (ref.rfind("arn:aws:sns:", 0) == 0 || ref.rfind("arn:aws:automate:", 0) == 0) continue;
    std::string name = name_from_reference(ref);
    AlarmAction* action = world.find<AlarmAction>(name);
    if (action == nullptr) {
      std::string msg = "no scaling policy named \"" + name + "\"";
      if (auto near = closest_name(name, world.names<AlarmAction>())) msg += " (did you mean \"" + *near + "\"?)";
      throw ScenarioError(append_pointer(append_pointer(p, field), i), msg);
    }
    out.push_back(action);
  }
  return out;
}

void put_metric_alarms(const nlohmann::json& section, World& world) {
  AlarmHost& host = world.need<AlarmHost>(kCloudWatch, "", "alarm host");
  std::set<std::string> names;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& a = section[i];
    std::string p = append_pointer("/alarms", i);
    AlarmSpec spec;
    spec.name = a["AlarmName"].get<std::string>();
    if (!names.insert(spec.name).second)
      throw ScenarioError(append_pointer(p, "AlarmName"), "alarm \"" + spec.name + "\" is defined twice");
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
    if (!host.has_metric(spec.name_space, spec.metric, spec.dimensions)) {
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
    spec.alarm_actions = read_actions(a, "AlarmActions", p, world);
    spec.ok_actions = read_actions(a, "OKActions", p, world);
    spec.insufficient_data_actions = read_actions(a, "InsufficientDataActions", p, world);
    host.put_metric_alarm(std::move(spec));
  }
}

/// The scenario's own alarms: put into CloudWatch when linking, once every scaling policy they name and
/// every metric they watch exists.
class MetricAlarms : public Model {
 public:
  explicit MetricAlarms(const nlohmann::json& section) : section_(section) {}
  void link(World& world) override { put_metric_alarms(section_, world); }

 private:
  const nlohmann::json& section_;  // the validated document outlives the build
};

void build_metric_alarms(const nlohmann::json& scenario, World& world) {
  if (auto section = scenario.find("alarms"); section != scenario.end())
    world.own(std::make_unique<MetricAlarms>(*section));
}

}  // namespace

void register_cloudwatch(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& dim = s.object("a dimension", "cloudwatch Dimension.");
  dim.required("Name", s.string(), "dimension name").required("Value", s.string(), "dimension value");
  Shape& alarm = s.object("an alarm", "cloudwatch PutMetricAlarm.");
  alarm.required("AlarmName", s.string(), "alarm name")
      .field("ActionsEnabled", s.boolean(), "actions run on state changes (default true)")
      .field("AlarmActions", s.array_of(s.string(), 5), "scaling policies (name or ARN) invoked in ALARM")
      .field("OKActions", s.array_of(s.string(), 5), "scaling policies invoked on entering OK")
      .field("InsufficientDataActions", s.array_of(s.string(), 5),
             "scaling policies invoked on entering INSUFFICIENT_DATA")
      .field("MetricName", s.string(), "metric name, e.g. CPUUtilization")
      .field("Namespace", s.string(), "namespace, e.g. AWS/ECS")
      .field("Statistic", s.one_of_strings("a statistic", {"SampleCount", "Average", "Sum", "Minimum", "Maximum"}),
             "statistic")
      .field("ExtendedStatistic", s.string(), "percentile, e.g. p99")
      .field("Dimensions", s.array_of(&dim, 30), "metric dimensions")
      .required("Period", s.integer(10, 86400), "seconds per datapoint")
      .required("EvaluationPeriods", s.integer(1, 1440), "N of M out of N")
      .field("DatapointsToAlarm", s.integer(1, 1440), "M of M out of N (default N)")
      .required("Threshold", s.number(-1e300, 1e300), "threshold")
      .required("ComparisonOperator",
                s.one_of_strings("a comparison operator",
                                 {"GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold",
                                  "LessThanOrEqualToThreshold", "LessThanLowerOrGreaterThanUpperThreshold",
                                  "LessThanLowerThreshold", "GreaterThanUpperThreshold"}),
                "comparison")
      .field("TreatMissingData",
             s.one_of_strings("a missing-data treatment", {"missing", "notBreaching", "breaching", "ignore"}),
             "missing (default), notBreaching, breaching or ignore")
      .field("Metrics", s.any(), "metric math (not simulated yet)")
      .ignored({"AlarmDescription", "Unit", "EvaluateLowSampleCountPercentile", "Tags", "ThresholdMetricId", "AlarmArn",
                "StateValue", "StateReason", "AlarmConfigurationUpdatedTimestamp"});
  r.add_section("alarms", s.array_of(&alarm, 10000), "CloudWatch metric alarms");
  r.add_model({"cloudwatch", 100, &build_cloudwatch});
}

void register_metric_alarms(ModelRegistry& r) { r.add_model({"alarms", 120, &build_metric_alarms}); }

}  // namespace fleetsim
