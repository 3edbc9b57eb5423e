#pragma once
/// Registers CloudWatch: the `alarms` section (PutMetricAlarm shape).
namespace fleetsim {
class ModelRegistry;
/// Adds the `alarms` section and the step that builds CloudWatch (before the models that create alarms).
void register_cloudwatch(ModelRegistry& registry);
/// Adds the step that reads `alarms`: after Application Auto Scaling, whose policies alarms invoke.
void register_metric_alarms(ModelRegistry& registry);
}  // namespace fleetsim
