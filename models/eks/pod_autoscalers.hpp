#pragma once
/// The HorizontalPodAutoscalers and KEDA ScaledObjects of a `kubernetes` entry or a kubectlApply: read,
/// checked against the cluster's Deployments (and the run's queues), and given their controllers.

#include "models/kubernetes/api/manifest_reader.hpp"

namespace fleetsim {

class EksCluster;
class EksModel;
class World;

/// Creates the controllers of `set`'s HPAs and ScaledObjects in `cluster`, started with the run.
void apply_pod_autoscalers(const kube::ManifestSet& set, EksCluster& cluster, EksModel& model, World& world);
/// Refuses the HPAs and ScaledObjects of a kubectlApply (before the run): not simulated yet.
void refuse_pod_autoscalers_during_run(const kube::ManifestSet& set);

}  // namespace fleetsim
