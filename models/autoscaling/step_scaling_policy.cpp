#include "models/autoscaling/step_scaling_policy.hpp"

#include <algorithm>

#include "sim/output/number_format.hpp"

namespace fleetsim {

void StepScalingPolicy::on_alarm(const AlarmNotice& notice) {
  if (notice.recent_values.empty()) return;
  // MetricAggregationType applies to the datapoints the alarm evaluated (aws-facts §1.4).
  const std::vector<double>& v = notice.recent_values;
  double metric = 0;
  switch (config_.aggregation) {
    case StepScalingConfig::Aggregation::kAverage:
      for (double x : v) metric += x;
      metric /= static_cast<double>(v.size());
      break;
    case StepScalingConfig::Aggregation::kMinimum:
      metric = *std::min_element(v.begin(), v.end());
      break;
    case StepScalingConfig::Aggregation::kMaximum:
      metric = *std::max_element(v.begin(), v.end());
      break;
  }
  const StepAdjustment* step = find_step(config_.steps, metric - notice.threshold);
  const int start = target_.starting_capacity();
  const int capacity = step == nullptr ? start
                                       : adjusted_capacity(config_.adjustment_type, step->adjustment, start,
                                                           config_.min_adjustment_magnitude);
  ScalingRequest request{config_.name, capacity,
                         "monitor alarm " + notice.alarm + " in state " + alarm_state_name(notice.state) +
                             " triggered policy " + config_.name + " (metric " + format_number(metric) + ", step " +
                             format_number(step == nullptr ? 0 : step->adjustment) + ")",
                         config_.cooldown};
  request.decision = decision_inputs(notice, metric, step, start, capacity);
  if (step == nullptr)
    target_.record_unchanged(request, "NoStep");
  else if (capacity > start)
    target_.submit(request, ScalableTarget::Direction::kOut);
  else if (capacity < start)
    target_.submit(request, ScalableTarget::Direction::kIn);
  else
    target_.record_unchanged(request, "NoAdjustment");
}

nlohmann::ordered_json StepScalingPolicy::decision_inputs(const AlarmNotice& notice, double metric,
                                                          const StepAdjustment* step, int start, int capacity) const {
  static const char* const kTypes[] = {"ChangeInCapacity", "PercentChangeInCapacity", "ExactCapacity"};
  static const char* const kAggregations[] = {"Average", "Minimum", "Maximum"};
  auto bounds = [](const StepAdjustment& s) {
    nlohmann::ordered_json j;
    j["lower"] = s.lower ? nlohmann::ordered_json(*s.lower) : nlohmann::ordered_json();
    j["upper"] = s.upper ? nlohmann::ordered_json(*s.upper) : nlohmann::ordered_json();
    j["adjustment"] = s.adjustment;
    return j;
  };
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const StepAdjustment& s : config_.steps) steps.push_back(bounds(s));
  return {{"policyName", config_.name},
          {"policyType", "StepScaling"},
          {"alarm", notice.alarm},
          {"alarmState", alarm_state_name(notice.state)},
          {"datapoints", notice.recent_values},
          {"aggregation", kAggregations[static_cast<int>(config_.aggregation)]},
          {"metricValue", metric},
          {"threshold", notice.threshold},
          {"breach", metric - notice.threshold},
          {"steps", steps},
          {"step", step == nullptr ? nlohmann::ordered_json() : bounds(*step)},
          {"adjustmentType", kTypes[static_cast<int>(config_.adjustment_type)]},
          {"minAdjustmentMagnitude", config_.min_adjustment_magnitude},
          {"startingCapacity", start},
          {"computedCapacity", capacity}};
}

}  // namespace fleetsim
