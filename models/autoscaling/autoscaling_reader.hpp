#pragma once
/// Pure readers of Application Auto Scaling's sections: validated JSON in, plain configs out, no World. What
/// they need to know of the rest of the run (services, metrics, target groups) they ask a ScalingLookup, so
/// errors keep their order and pointers; problems are thrown as ScenarioError at the pointer they concern.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/autoscaling/scalable_target.hpp"
#include "models/autoscaling/scheduled_action.hpp"
#include "models/autoscaling/step_scaling_policy.hpp"
#include "models/autoscaling/target_tracking_policy.hpp"

namespace fleetsim {

/// The rest of the run as the readers see it: the wiring answers from the World, tests from a table.
class ScalingLookup {
 public:
  virtual ~ScalingLookup() = default;
  /// The ResourceIds (service/<cluster>/<service>) of the ECS services that can be scaled, sorted.
  virtual std::vector<std::string> services() const = 0;
  /// The target groups' names, sorted (for "did you mean").
  virtual std::vector<std::string> target_groups() const = 0;
  /// True when CloudWatch has a datapoint source for that metric.
  virtual bool has_metric(const std::string& name_space, const std::string& metric,
                          const std::string& dimensions) const = 0;
  /// Why CloudWatch would refuse metric math `expression` over `ids`, or nothing.
  virtual std::optional<std::string> check_expression(const std::string& expression,
                                                      const std::vector<std::string>& ids) const = 0;
};

/// A scalableTargets entry (RegisterScalableTarget).
struct ScalableTargetConfig {
  std::string resource_id;  ///< service/<cluster>/<service>
  int min_capacity = 0;     ///< MinCapacity
  int max_capacity = 0;     ///< MaxCapacity
  SuspendedState suspended;
};

/// A scalingPolicies entry (PutScalingPolicy): exactly one of `tracking` and `step` is set.
struct ScalingPolicyConfig {
  std::string resource_id;                       ///< the scalable target it acts on
  std::optional<TargetTrackingConfig> tracking;  ///< TargetTrackingScaling
  std::optional<StepScalingConfig> step;         ///< StepScaling
};

/// A scheduledActions entry (PutScheduledAction).
struct ScheduledActionEntry {
  std::string resource_id;  ///< the scalable target it acts on
  ScheduledActionConfig config;
};

/// The scalableTargets section: every target an ECS service `lookup` knows, once, within ECS's quota.
std::vector<ScalableTargetConfig> read_scalable_targets(const nlohmann::json& section, const ScalingLookup& lookup);
/// The scalingPolicies section, each on one of `targets`, its metrics checked with `lookup`.
std::vector<ScalingPolicyConfig> read_scaling_policies(const nlohmann::json& section,
                                                       const std::vector<ScalableTargetConfig>& targets,
                                                       const ScalingLookup& lookup);
/// The scheduledActions section, each on one of `targets`.
std::vector<ScheduledActionEntry> read_scheduled_actions(const nlohmann::json& section,
                                                         const std::vector<ScalableTargetConfig>& targets);

}  // namespace fleetsim
