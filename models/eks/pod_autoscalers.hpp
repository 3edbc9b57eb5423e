#pragma once
/// The HorizontalPodAutoscalers of a `kubernetes` entry or a kubectlApply: read, checked against the
/// cluster's Deployments, and given a controller.

#include "models/kubernetes/api/manifest_reader.hpp"

namespace fleetsim {

class EksCluster;
class EksModel;

/// Creates the controllers of `set`'s HPAs in `cluster` (started at once when `running`).
void apply_horizontal_pod_autoscalers(const kube::ManifestSet& set, EksCluster& cluster, EksModel& model, bool running);

}  // namespace fleetsim
