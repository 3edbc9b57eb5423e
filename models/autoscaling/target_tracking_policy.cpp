#include "models/autoscaling/target_tracking_policy.hpp"

#include <cstdio>

#include "models/autoscaling/capacity_math.hpp"
#include "sim/output/number_format.hpp"
#include "sim/random/stream_seed.hpp"

namespace fleetsim {

TargetTrackingPolicy::TargetTrackingPolicy(TargetTrackingConfig config, ScalableTarget& target, AlarmHost& cloudwatch,
                                           const ScalingCatalog& catalog)
    : config_(std::move(config)),
      target_(target),
      high_alarm_(alarm_name("AlarmHigh")),
      low_alarm_(alarm_name("AlarmLow")) {
  AlarmSpec high;
  high.name = high_alarm_;
  high.name_space = config_.metric.name_space;
  high.metric = config_.metric.metric;
  high.dimensions = config_.metric.dimensions;
  high.resolution = config_.metric.resolution;
  high.statistic = config_.metric.statistic;
  high.expression = config_.metric.expression;
  high.math_inputs = config_.metric.inputs;
  high.period = config_.metric.resolution;  // one datapoint per period: 60 s, or 20 s for high resolution
  high.evaluation_periods = high.datapoints_to_alarm = catalog.scale_out_datapoints;
  high.comparison = Comparison::kGreater;
  high.threshold = config_.target_value;
  // Missing data leaves the managed alarms without a decision and no scaling happens
  // (aws-facts §1.1 "TreatMissingData on managed alarms"): CloudWatch's default, missing.
  high.missing = MissingData::kMissing;
  high.alarm_actions = {this};
  cloudwatch.put_metric_alarm(high);
  if (config_.disable_scale_in) return;
  AlarmSpec low = high;
  low.name = low_alarm_;
  low.evaluation_periods = low.datapoints_to_alarm = catalog.scale_in_datapoints;
  low.comparison = Comparison::kLess;
  low.threshold = config_.target_value * catalog.scale_in_ratio;
  low.alarm_actions = low.ok_actions = low.insufficient_data_actions = {this};
  cloudwatch.put_metric_alarm(low);
  low_threshold_ = low.threshold;
  target_.add_voter(this);
}

std::string TargetTrackingPolicy::alarm_name(const char* which) const {
  // AWS suffixes a UUID; fleetsim derives one from the names so runs stay reproducible.
  std::uint64_t a = stream_seed(0, target_.resource_id() + "/" + config_.name + "/" + which);
  std::uint64_t b = stream_seed(a, "uuid");
  char uuid[37];
  std::snprintf(uuid, sizeof uuid, "%08x-%04x-4%03x-a%03x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>(a >> 16) & 0xffff, static_cast<unsigned>(a) & 0xfff,
                static_cast<unsigned>(b >> 52) & 0xfff, static_cast<unsigned long long>(b) & 0xffffffffffffULL);
  return "TargetTracking-" + target_.resource_id() + "-" + which + "-" + uuid;
}

void TargetTrackingPolicy::on_alarm(const AlarmNotice& notice) {
  bool low = notice.alarm == low_alarm_;
  if (low && notice.state != AlarmState::kAlarm) {
    low_vote_.reset();
    return;
  }
  if (notice.recent_values.empty()) return;
  double metric = notice.recent_values.back();
  int capacity = target_tracking_capacity(target_.starting_capacity(), metric, config_.target_value);
  ScalingRequest request{config_.name, capacity,
                         "monitor alarm " + notice.alarm + " in state ALARM triggered policy " + config_.name +
                             " (metric " + format_number(metric) + ", target " + format_number(config_.target_value) +
                             ")",
                         low ? config_.scale_in_cooldown : config_.scale_out_cooldown};
  request.decision = {{"policyName", config_.name},
                      {"policyType", "TargetTrackingScaling"},
                      {"alarm", notice.alarm},
                      {"metricValue", metric},
                      {"targetValue", config_.target_value},
                      {"startingCapacity", target_.starting_capacity()},
                      {"computedCapacity", capacity}};
  if (low) {
    low_vote_ = capacity;
    target_.submit(request, ScalableTarget::Direction::kInByTracking);
  } else {
    target_.submit(request, ScalableTarget::Direction::kOut);
  }
}

}  // namespace fleetsim
