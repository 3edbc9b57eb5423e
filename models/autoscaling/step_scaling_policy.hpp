#pragma once
/// A StepScaling policy: invoked by an alarm the scenario defines, it picks the step for how far the
/// metric is past the alarm's threshold and adjusts capacity by it.

#include <string>
#include <vector>

#include "models/api/alarms.hpp"
#include "models/autoscaling/capacity_math.hpp"
#include "models/autoscaling/scalable_target.hpp"

namespace fleetsim {

/// StepScalingPolicyConfiguration.
struct StepScalingConfig {
  std::string name;  ///< PolicyName
  AdjustmentType adjustment_type = AdjustmentType::kChangeInCapacity;
  std::vector<StepAdjustment> steps;
  int min_adjustment_magnitude = 0;
  Duration cooldown = Duration::seconds(300);  ///< default 300 s (aws-facts §1.4)
  enum class Aggregation { kAverage, kMinimum, kMaximum } aggregation = Aggregation::kAverage;
};

/// One step scaling policy.
class StepScalingPolicy : public AlarmAction {
 public:
  /// A policy acting on `target`.
  StepScalingPolicy(StepScalingConfig config, ScalableTarget& target) : config_(std::move(config)), target_(target) {}
  void on_alarm(const AlarmNotice& notice) override;

 private:
  // The decision record's inputs: the datapoints and their aggregate, the breach, every step and the one chosen.
  nlohmann::ordered_json decision_inputs(const AlarmNotice& notice, double metric, const StepAdjustment* step,
                                         int start, int capacity) const;

  StepScalingConfig config_;
  ScalableTarget& target_;
};

}  // namespace fleetsim
