#include "models/cloudwatch/cloudwatch_shapes.hpp"

#include "models/registry.hpp"

namespace fleetsim {

void declare_cloudwatch_shapes(ModelRegistry& r) {
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
                "StateValue", "StateReason", "AlarmConfigurationUpdatedTimestamp",
                // read-only: describe-alarms prints the alarm's state
                "StateReasonData", "StateUpdatedTimestamp", "StateTransitionedTimestamp", "EvaluationState"});
  r.add_section(
      "alarms",
      s.array_of(&alarm, 10000,
                 AwsOutput{"aws cloudwatch describe-alarms", "MetricAlarms", false, {"CompositeAlarms", "NextToken"}}),
      "CloudWatch metric alarms");
}

}  // namespace fleetsim
