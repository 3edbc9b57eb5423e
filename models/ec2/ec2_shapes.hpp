#pragma once
/// The shape of the `autoScalingGroups` section (autoscaling CreateAutoScalingGroup) and of the EC2 timeline
/// actions `spotInterruption` and `terminateInstances` (what `fleetsim schema` prints and validation checks).

namespace fleetsim {

class ModelRegistry;
struct Shape;

/// Declares the section and the timeline actions in `r`.
void declare_ec2_shapes(ModelRegistry& r);
/// The shape of one group, built once, for requests that skipped the scenario's validation (AutoScalingGroups).
const Shape& auto_scaling_group_request_shape();

}  // namespace fleetsim
