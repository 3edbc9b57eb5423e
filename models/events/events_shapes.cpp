#include "models/events/events_shapes.hpp"

#include "models/registry.hpp"

namespace fleetsim {

void declare_events_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& provider = s.object("a capacity provider strategy item",
                             "CapacityProviderStrategyItem (camelCase inside EcsParameters, as AWS has it).");
  provider.required("capacityProvider", s.string(), "FARGATE, FARGATE_SPOT or an Auto Scaling group capacity provider")
      .field("weight", s.integer(0, 1000), "relative share (default 0)")
      .field("base", s.integer(0, 100000), "tasks placed here first (default 0)");
  Shape& ecs = s.object("ECS parameters", "EcsParameters of a target: ecs RunTask.");
  ecs.required("TaskDefinitionArn", s.string(), "family, family:revision or ARN")
      .field("TaskCount", s.integer(1, 10), "tasks per invocation (default 1; RunTask starts at most 10)")
      .field("LaunchType", s.one_of_strings("a launch type", {"EC2", "FARGATE", "EXTERNAL"}), "launch type")
      .field("CapacityProviderStrategy", s.array_of(&provider, 20),
             "capacity provider strategy (default: the cluster's)")
      .field("Group", s.string(), "task group (default family:<family>); TaskStateChange events carry it")
      .field("PlacementConstraints", s.any(), "not simulated yet: refused")
      .field("PlacementStrategy", s.any(), "not simulated yet: refused")
      .field("PlatformVersion", s.string(),
             "Fargate platform version, LATEST or 1.x.0: EFS volumes need 1.4.0 or later")
      .ignored({"NetworkConfiguration", "EnableECSManagedTags", "EnableExecuteCommand", "PropagateTags", "ReferenceId",
                "Tags"});
  Shape& target = s.object("a rule target", "events PutTargets Target: an ECS cluster running tasks.");
  target.required("Id", s.string(), "target id, unique in the rule")
      .required("Arn", s.string(), "the cluster: name or ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)")
      .field("EcsParameters", &ecs, "the RunTask call")
      .ignored({"RoleArn", "Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig"});
  Shape& rule = s.object("a rule", "events PutRule with its Targets (PutTargets).");
  rule.required("Name", s.string(), "rule name")
      .field("ScheduleExpression", s.string(), "rate(value unit) or cron(min hour dom month dow year), UTC")
      .field("EventPattern", s.any(),
             "event pattern (a JSON string or the object): matched against the events the run emits")
      .field("State",
             s.one_of_strings("a rule state", {"ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"}),
             "DISABLED: never runs")
      // describe-rule prints a rule flat, with read-only Arn, CreatedBy and ManagedBy (API DescribeRule), and no
      // targets: list-targets-by-rule prints those, as {"Targets": [...]}.
      .field("Targets",
             s.array_of(&target, 5, AwsOutput{"aws events list-targets-by-rule", "Targets", false, {"NextToken"}}),
             "what it invokes (at most 5)")
      .ignored({"Description", "RoleArn", "Tags", "EventBusName", "Arn", "CreatedBy", "ManagedBy"});
  r.add_section("rules", s.array_of(&rule, 10000, AwsOutput{"aws events list-rules", "Rules", false, {"NextToken"}}),
                "EventBridge rules: schedules and event patterns");
}

}  // namespace fleetsim
