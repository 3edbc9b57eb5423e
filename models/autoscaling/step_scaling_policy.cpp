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
  if (step == nullptr) return;
  int start = target_.starting_capacity();
  int capacity = adjusted_capacity(config_.adjustment_type, step->adjustment, start, config_.min_adjustment_magnitude);
  ScalingRequest request{config_.name, capacity,
                         "monitor alarm " + notice.alarm + " in state " + alarm_state_name(notice.state) +
                             " triggered policy " + config_.name + " (metric " + format_number(metric) + ", step " +
                             format_number(step->adjustment) + ")",
                         config_.cooldown};
  if (capacity > start)
    target_.submit(request, ScalableTarget::Direction::kOut);
  else if (capacity < start)
    target_.submit(request, ScalableTarget::Direction::kIn);
}

}  // namespace fleetsim
