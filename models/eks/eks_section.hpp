#pragma once
/// EKS in the scenario: eksClusters, nodegroups, fargateProfiles and the Kubernetes objects, wired to the
/// EC2, Fargate and ALB models.

namespace fleetsim {

class ModelRegistry;

/// Registers the EKS sections, timeline actions and builder.
void register_eks(ModelRegistry& registry);

}  // namespace fleetsim
