#pragma once
/// The `kubernetes` section and the kubectlApply / drainNode actions: Kubernetes objects applied to an
/// EKS cluster (Deployments started, Ingresses given an ALB by the AWS Load Balancer Controller).

#include <nlohmann/json.hpp>
#include <string>

namespace fleetsim {

class EksCluster;
class EksModel;
class World;

/// Applies one `kubernetes` entry (its manifests and inline objects) at `pointer` to `cluster`.
void apply_kubernetes_objects(const nlohmann::json& entry, const std::string& pointer, EksCluster& cluster,
                              EksModel& model, World& world);
/// Provides the kubectlApply and drainNode timeline actions.
void register_eks_actions(EksModel& model, World& world);

}  // namespace fleetsim
