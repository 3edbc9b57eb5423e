#pragma once
/// The `fleetsim.io/` annotations of a pod template or Pod: simulation-only behaviour kept in the manifest so
/// that it stays valid for `kubectl apply`. The same knobs, with the same meaning, as `x-fleetsim` on an ECS
/// container (models/ecs/task_definition.hpp).

#include "models/kubernetes/api/field.hpp"
#include "models/kubernetes/api/pod_types.hpp"

namespace fleetsim::kube {

/// The annotation prefix of the knobs.
inline constexpr const char* kKnobPrefix = "fleetsim.io/";

/// Reads the knobs from `annotations` (metadata.annotations, a map of strings). Annotation values are text:
/// - max-concurrency: an integer ("20");
/// - startup-time, crash-after, run-time: seconds as a duration ("30s", "2m", "45"), or a spec distribution
///   as JSON ('{"dist": "exponential", "mean": 30}');
/// - memory-usage: MiB as a number ("300"), a quantity with a unit ("300Mi", "1Gi"), or a distribution in MiB;
/// - fail-health-checks: "true" or "false".
/// Any other `fleetsim.io/` annotation is an error with a did-you-mean.
SimulationKnobs read_simulation_knobs(const Field& annotations);

}  // namespace fleetsim::kube
