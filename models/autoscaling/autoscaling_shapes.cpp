#include "models/autoscaling/autoscaling_shapes.hpp"

#include "models/registry.hpp"

namespace fleetsim {

void declare_autoscaling_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  const Shape* ns =
      s.one_of_strings("a service namespace", {"ecs", "elasticmapreduce", "ec2", "appstream", "dynamodb", "rds",
                                               "sagemaker", "custom-resource", "comprehend", "lambda", "cassandra",
                                               "kafka", "elasticache", "neptune", "workspaces"});
  const Shape* capacity = s.integer(0, 1e9);
  Shape& suspended = s.object("a suspended state", "application-autoscaling SuspendedState.");
  suspended.field("DynamicScalingInSuspended", s.boolean(), "no policy scale-in")
      .field("DynamicScalingOutSuspended", s.boolean(), "no policy scale-out")
      .field("ScheduledScalingSuspended", s.boolean(), "no scheduled actions");
  Shape& target = s.object("a scalable target", "application-autoscaling RegisterScalableTarget.");
  target.required("ServiceNamespace", ns, "ecs")
      .required("ResourceId", s.string(), "service/<cluster>/<service>")
      .required("ScalableDimension", s.string(), "ecs:service:DesiredCount")
      .required("MinCapacity", capacity, "lowest desired count")
      .required("MaxCapacity", capacity, "highest desired count")
      .field("SuspendedState", &suspended, "suspend flags")
      .ignored({"RoleARN", "Tags", "ScalableTargetARN", "CreationTime", "PredictedCapacity"});
  r.add_section(
      "scalableTargets",
      s.array_of(
          &target, 3000,
          AwsOutput{"aws application-autoscaling describe-scalable-targets", "ScalableTargets", false, {"NextToken"}}),
      "Application Auto Scaling scalable targets");

  Shape& dim = s.object("a metric dimension", "MetricDimension.");
  dim.required("Name", s.string(), "name").required("Value", s.string(), "value");
  Shape& predefined = s.object("a predefined metric", "PredefinedMetricSpecification.");
  predefined
      .required("PredefinedMetricType",
                s.one_of_strings("an ECS predefined metric type",
                                 {"ECSServiceAverageCPUUtilization", "ECSServiceAverageMemoryUtilization",
                                  "ALBRequestCountPerTarget", "ECSServiceAverageCPUUtilizationHighResolution",
                                  "ECSServiceAverageMemoryUtilizationHighResolution"}),
                "the metric")
      .field("ResourceLabel", s.string(), "ALBRequestCountPerTarget: app/<lb>/<id>/targetgroup/<tg>/<id>");
  const Shape* statistic = s.one_of_strings("a statistic", {"Average", "Minimum", "Maximum", "SampleCount", "Sum"});
  Shape& metric = s.object("a metric", "Metric.");
  metric.required("Namespace", s.string(), "namespace")
      .required("MetricName", s.string(), "metric name")
      .field("Dimensions", s.array_of(&dim, 30), "dimensions");
  Shape& metric_stat = s.object("a metric stat", "TargetTrackingMetricStat.");
  metric_stat.required("Metric", &metric, "the metric").required("Stat", statistic, "its statistic").ignored({"Unit"});
  Shape& query = s.object(
      "a metric data query",
      "TargetTrackingMetricDataQuery. fleetsim evaluates MetricStat queries and one Expression over them using + - * "
      "/, "
      "parentheses and numbers (such as the backlog per task m1 / m2); a division by zero gives no datapoint.");
  query.required("Id", s.string(), "a lowercase letter, then letters, digits and underscores")
      .field("Expression", s.string(), "metric math over the other queries' Ids")
      .field("MetricStat", &metric_stat, "a metric and its statistic")
      .field("ReturnData", s.boolean(), "true (the default) for the one query the policy tracks, false for the others")
      .field("Label", s.string(), "a name for the result");
  Shape& customized =
      s.object("a customized metric", "CustomizedMetricSpecification: one metric, or metric math in Metrics.");
  customized.field("MetricName", s.string(), "metric name")
      .field("Namespace", s.string(), "namespace")
      .field("Dimensions", s.array_of(&dim, 30), "dimensions")
      .field("Statistic", statistic, "statistic")
      .field("Metrics", s.array_of(&query, 10), "metric math: MetricStat queries and the expression that combines them")
      .ignored({"Unit"});
  Shape& tracking = s.object("a target tracking configuration", "TargetTrackingScalingPolicyConfiguration.");
  tracking.required("TargetValue", s.number(8.515920e-109, 6.174388e+108), "the metric's target")
      .field("PredefinedMetricSpecification", &predefined, "a predefined metric")
      .field("CustomizedMetricSpecification", &customized, "a CloudWatch metric")
      .field("ScaleOutCooldown", s.integer(0, 86400), "seconds (default 300 for ECS)")
      .field("ScaleInCooldown", s.integer(0, 86400), "seconds (default 300 for ECS)")
      .field("DisableScaleIn", s.boolean(), "never remove capacity (default false)");
  Shape& step = s.object("a step adjustment", "StepAdjustment.");
  step.field("MetricIntervalLowerBound", s.number(-1e300, 1e300),
             "lower bound relative to the threshold (absent: -infinity)")
      .field("MetricIntervalUpperBound", s.number(-1e300, 1e300),
             "upper bound relative to the threshold (absent: +infinity)")
      .required("ScalingAdjustment", s.integer(-1e9, 1e9), "capacity change");
  Shape& stepping = s.object("a step scaling configuration", "StepScalingPolicyConfiguration.");
  stepping
      .field("AdjustmentType",
             s.one_of_strings("an adjustment type", {"ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity"}),
             "how ScalingAdjustment applies")
      .required("StepAdjustments", s.array_of(&step, 20), "steps (at most 20)")
      .field("MinAdjustmentMagnitude", s.integer(0, 1e9), "PercentChangeInCapacity: smallest change")
      .field("Cooldown", s.integer(0, 86400), "seconds (default 300)")
      .field("MetricAggregationType", s.one_of_strings("an aggregation", {"Average", "Minimum", "Maximum"}),
             "default Average");
  Shape& policy = s.object("a scaling policy", "application-autoscaling PutScalingPolicy.");
  policy.required("PolicyName", s.string(), "policy name")
      .required("ServiceNamespace", ns, "ecs")
      .required("ResourceId", s.string(), "service/<cluster>/<service>")
      .required("ScalableDimension", s.string(), "ecs:service:DesiredCount")
      .field("PolicyType",
             s.one_of_strings("a policy type", {"StepScaling", "TargetTrackingScaling", "PredictiveScaling"}),
             "default StepScaling")
      .field("StepScalingPolicyConfiguration", &stepping, "for StepScaling")
      .field("TargetTrackingScalingPolicyConfiguration", &tracking, "for TargetTrackingScaling")
      .ignored({"PredictiveScalingPolicyConfiguration", "PolicyARN", "Alarms", "CreationTime"});
  r.add_section(
      "scalingPolicies",
      s.array_of(
          &policy, 10000,
          AwsOutput{"aws application-autoscaling describe-scaling-policies", "ScalingPolicies", false, {"NextToken"}}),
      "Application Auto Scaling policies");

  Shape& action = s.object("a scalable target action", "ScalableTargetAction.");
  action.field("MinCapacity", capacity, "new MinCapacity").field("MaxCapacity", capacity, "new MaxCapacity");
  Shape& scheduled = s.object("a scheduled action", "application-autoscaling PutScheduledAction.");
  scheduled.required("ScheduledActionName", s.string(), "name")
      .required("ServiceNamespace", ns, "ecs")
      .required("ResourceId", s.string(), "service/<cluster>/<service>")
      .required("ScalableDimension", s.string(), "ecs:service:DesiredCount")
      .required("Schedule", s.string(),
                "at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(min hour dom month dow year), UTC")
      .field("Timezone", s.string(), "UTC only")
      .field("StartTime", s.string(), "UTC date-time from which it runs")
      .field("EndTime", s.string(), "UTC date-time after which it no longer runs")
      .required("ScalableTargetAction", &action, "the new bounds")
      .ignored({"ScheduledActionARN", "CreationTime"});
  r.add_section(
      "scheduledActions",
      s.array_of(
          &scheduled, 10000,
          AwsOutput{
              "aws application-autoscaling describe-scheduled-actions", "ScheduledActions", false, {"NextToken"}}),
      "Application Auto Scaling scheduled actions");
}

}  // namespace fleetsim
