#pragma once
/// The EKS sections of the scenario format (eksClusters, nodegroups, fargateProfiles, kubernetes) and
/// the EKS timeline actions (kubectlApply, drainNode), as shapes.

namespace fleetsim {

class ModelRegistry;

/// Adds the EKS sections and timeline actions to `registry`'s format.
void register_eks_shapes(ModelRegistry& registry);

}  // namespace fleetsim
