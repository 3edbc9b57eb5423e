#pragma once
/// A TargetTrackingScaling policy: the two alarms Application Auto Scaling creates for it, and the
/// proportional capacity it asks its target for when they fire.

#include <optional>
#include <string>

#include "models/api/alarms.hpp"
#include "models/autoscaling/scalable_target.hpp"
#include "models/catalog/scaling_catalog.hpp"

namespace fleetsim {

/// The metric a policy tracks, resolved to a CloudWatch series.
struct TrackedMetric {
  std::string name_space, metric, dimensions;  ///< a single metric (metric names the expression's Id under metric math)
  std::string statistic = "Average";
  Duration resolution = Duration::seconds(60);  ///< 20 s for the HighResolution predefined metrics
  std::string expression;                       ///< metric math (CustomizedMetricSpecification Metrics), or ""
  std::vector<MetricStatInput> inputs;          ///< the MetricStat queries the expression names
};

/// TargetTrackingScalingPolicyConfiguration.
struct TargetTrackingConfig {
  std::string name;  ///< PolicyName
  TrackedMetric metric;
  double target_value = 0;
  Duration scale_out_cooldown = Duration::seconds(300);  ///< ECS default (aws-facts §1.2)
  Duration scale_in_cooldown = Duration::seconds(300);   ///< ECS default (aws-facts §1.2)
  bool disable_scale_in = false;
};

/// One target tracking policy.
class TargetTrackingPolicy : public AlarmAction, public ScaleInVote {
 public:
  /// Creates its alarms in `cloudwatch`: high = metric > target for M of M (M = scale_out_datapoints),
  /// low = metric < ratio x target for M of M (scale_in_datapoints; none when scale-in is disabled),
  /// with the catalogue's counts (aws-facts §1.1).
  TargetTrackingPolicy(TargetTrackingConfig config, ScalableTarget& target, AlarmHost& cloudwatch,
                       const ScalingCatalog& catalog);

  void on_alarm(const AlarmNotice& notice) override;
  std::optional<int> scale_in_vote() const override { return low_vote_; }
  /// The policy's settings.
  const TargetTrackingConfig& config() const { return config_; }
  /// The low alarm's threshold (ratio x target), or nothing when scale-in is disabled.
  std::optional<double> scale_in_threshold() const { return low_threshold_; }
  /// Its scalable target.
  const ScalableTarget& target() const { return target_; }

 private:
  std::string alarm_name(const char* which) const;

  TargetTrackingConfig config_;
  ScalableTarget& target_;
  std::string high_alarm_, low_alarm_;
  std::optional<int> low_vote_;  // set while the low alarm is in ALARM
  std::optional<double> low_threshold_;
};

}  // namespace fleetsim
