#pragma once
/// Reading a HorizontalPodAutoscaler (autoscaling/v2) as the API server defaults and validates it
/// (pkg/apis/autoscaling/validation), errors located in its manifest.

#include "models/kubernetes/api/hpa_types.hpp"
#include "models/kubernetes/api/objects.hpp"

namespace fleetsim::kube {

/// The HPA kept as `object` by the manifest reader, typed. `default_tolerance` is the controller's
/// --horizontal-pod-autoscaler-tolerance.
HorizontalPodAutoscaler read_horizontal_pod_autoscaler(const OtherObject& object, double default_tolerance);

}  // namespace fleetsim::kube
