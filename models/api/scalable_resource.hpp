#pragma once
/// What Application Auto Scaling sees of a scalable target (an ECS service's desired count).

#include <string>

namespace fleetsim {

/// A resource whose capacity Application Auto Scaling sets (RegisterScalableTarget's ResourceId).
class ScalableResource {
 public:
  virtual ~ScalableResource() = default;
  /// The capacity asked for now (an ECS service's desiredCount).
  virtual int desired_capacity() const = 0;
  /// The capacity actually serving: ECS scaling starts from the running task count, not the desired
  /// count (aws-facts §1.2 "Starting point").
  virtual int actual_capacity() const = 0;
  /// Sets the capacity now on behalf of `policy` (a scaling policy or scheduled action name);
  /// `reason` explains the scaling activity (events.jsonl ServiceScalingAction).
  virtual void set_capacity(int capacity, const std::string& policy, const std::string& reason) = 0;
  /// True while a deployment is in progress (Application Auto Scaling then holds back scale-in).
  virtual bool deployment_in_progress() const { return false; }
};

}  // namespace fleetsim
