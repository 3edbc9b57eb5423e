#pragma once
/// The Horizontal Pod Autoscaler's replica calculator for a `Resource` metric
/// (pkg/controller/podautoscaler/replica_calculator.go): GetResourceReplicas (target Utilization) and
/// GetRawResourceReplicas (target AverageValue), as pure functions of the pods the HPA saw.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fleetsim::kube {

/// How the HPA classifies a pod matched by the target's selector (groupPods).
enum class HpaPodState : std::uint8_t {
  kReady,    ///< counted with its metric
  kUnready,  ///< not Ready, or within the CPU initialization period: its sample is set aside
  kPending,  ///< phase Pending: set aside even without a metric
  kIgnored,  ///< deleted or failed: not counted at all
};

/// One pod as the replica calculator sees it.
struct HpaPodSample {
  std::string name;                           ///< the pod's name (for decision records)
  std::optional<std::int64_t> request_milli;  ///< sum of the containers' requests; nullopt: one has none
  std::optional<std::int64_t> value_milli;    ///< the metric's value; nullopt: missing from metrics-server
  HpaPodState state = HpaPodState::kReady;    ///< the pod's class
};

/// The inputs shared by both target types.
struct ResourceMetricInput {
  int current_replicas = 0;        ///< the scale's current replicas
  std::vector<HpaPodSample> pods;  ///< every pod the selector matches
  bool cpu = true;                 ///< readiness sets samples aside only for the cpu resource
  double tolerance_up = 0.1;       ///< --horizontal-pod-autoscaler-tolerance, or behavior.scaleUp.tolerance
  double tolerance_down = 0.1;     ///< --horizontal-pod-autoscaler-tolerance, or behavior.scaleDown.tolerance
};

/// Why no proposal could be made (the controller then keeps the scale and reports the error).
enum class ReplicaCalcError : std::uint8_t {
  kNone,            ///< a proposal was made
  kNoPods,          ///< "no pods returned by selector while calculating replica count"
  kMissingRequest,  ///< "missing request for cpu" (Utilization only)
  kNoMetrics,       ///< "did not receive metrics for any ready pods"
};

/// The calculator's answer for one metric.
struct ReplicaProposal {
  ReplicaCalcError error = ReplicaCalcError::kNone;  ///< kNone when the fields below are meaningful
  int replicas = 0;                                  ///< proposed replicas
  double usage_ratio = 0;              ///< current over target, before missing and unready pods are filled in
  std::int64_t utilization = 0;        ///< Utilization: percent of request (truncated); AverageValue: milli per pod
  std::int64_t raw_average_milli = 0;  ///< Utilization only: the mean value over the counted pods
};

/// GetResourceReplicas: the proposal for a target averageUtilization (percent of the request).
ReplicaProposal resource_utilization_replicas(const ResourceMetricInput& input, int target_utilization);

/// GetRawResourceReplicas: the proposal for a target averageValue (milli-units per pod).
ReplicaProposal resource_average_value_replicas(const ResourceMetricInput& input, std::int64_t target_milli);

}  // namespace fleetsim::kube
