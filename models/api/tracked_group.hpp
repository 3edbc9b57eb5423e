#pragma once
/// A target tracking policy another model asks EC2 Auto Scaling to keep on a group: ECS's managed scaling
/// creates one on each capacity provider's group, tracking CapacityProviderReservation (ECS developer guide,
/// "Automatically manage Amazon ECS capacity with cluster auto scaling"; aws-facts §3). The model that owns the
/// metric provides a TrackedGroup under the policy's name; the autoscaling model builds the policy and its
/// CloudWatch alarms as for a service's target tracking.

#include <string>

#include "models/api/scalable_resource.hpp"

namespace fleetsim {

/// The policy a TrackedGroup asks for.
struct TrackingPolicyRequest {
  std::string name_space, metric, dimensions;  ///< the tracked metric, as MetricSource keys name it
  double target_value = 100;                   ///< TargetValue
  int min_capacity = 0;                        ///< the group's MinSize
  int max_capacity = 0;                        ///< the group's MaxSize
  int scale_out_datapoints = 1;                ///< the high alarm's M of M
  int scale_in_datapoints = 15;                ///< the low alarm's M of M
  double scale_in_ratio = 1.0;                 ///< low alarm threshold = ratio x target
};

/// A group whose capacity a target tracking policy sets: set_capacity receives what the policy computed and
/// the owner applies its own rules (step sizes, warm-up).
class TrackedGroup : public ScalableResource {
 public:
  /// The policy to create.
  virtual TrackingPolicyRequest tracking_policy() const = 0;
};

}  // namespace fleetsim
