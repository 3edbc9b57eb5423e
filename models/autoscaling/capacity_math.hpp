#pragma once
/// The arithmetic of Application Auto Scaling policies, as pure functions (tested against the
/// AWS documentation's worked examples).

#include <optional>
#include <string>
#include <vector>

namespace fleetsim {

/// Target tracking's new capacity: ceil(current x metric / target). AWS does not publish the
/// formula, only that it is proportional and rounds conservatively (aws-facts §1.2, [UNVERIFIED]);
/// ceil keeps capacity at or above what the target needs in both directions. From 0 it scales out
/// by the smallest step, 1 (aws-facts §1.2 "Scale from 0").
int target_tracking_capacity(int current, double metric, double target);

/// StepScalingPolicyConfiguration's AdjustmentType.
enum class AdjustmentType { kChangeInCapacity, kPercentChangeInCapacity, kExactCapacity };

/// A StepAdjustment: bounds relative to the alarm threshold (nothing: unbounded).
struct StepAdjustment {
  std::optional<double> lower;  ///< MetricIntervalLowerBound
  std::optional<double> upper;  ///< MetricIntervalUpperBound
  double adjustment = 0;        ///< ScalingAdjustment
};

/// Why `steps` would be refused (overlap, gap, two unbounded ends), or nothing when they are valid.
std::optional<std::string> check_steps(const std::vector<StepAdjustment>& steps);

/// The step containing `delta` = aggregated metric - threshold: at or above the threshold a step's
/// lower bound is inclusive and its upper exclusive, below it the reverse (aws-facts §1.4).
const StepAdjustment* find_step(const std::vector<StepAdjustment>& steps, double delta);

/// The capacity after applying `adjustment` to `current`. PercentChangeInCapacity rounds as AWS
/// documents (aws-facts §1.4): above 1 down, 0 to 1 to 1, -1 to 0 to -1, below -1 up (toward 0);
/// then a change smaller than `min_magnitude` becomes that large.
int adjusted_capacity(AdjustmentType type, double adjustment, int current, int min_magnitude);

}  // namespace fleetsim
