#pragma once
/// A HorizontalPodAutoscaler (autoscaling/v2) after the API server's defaulting and validation.

#include <cstdint>
#include <string>
#include <vector>

#include "models/kubernetes/api/core_types.hpp"
#include "models/kubernetes/api/object_origin.hpp"
#include "models/kubernetes/api/pod_types.hpp"
#include "models/kubernetes/controllers/hpa_behavior.hpp"

namespace fleetsim::kube {

/// MetricSourceType (Object and ContainerResource are refused as not simulated).
enum class HpaMetricType : std::uint8_t { kResource, kPods, kExternal };

/// MetricTargetType.
enum class HpaTargetType : std::uint8_t { kUtilization, kAverageValue, kValue };

/// One spec.metrics[] entry.
struct HpaMetricSpec {
  HpaMetricType type = HpaMetricType::kResource;
  std::string name;  ///< the resource (cpu, memory), Pods metric or External metric name
  Labels selector;   ///< metric.selector.matchLabels (External)
  HpaTargetType target_type = HpaTargetType::kUtilization;
  int average_utilization = 0;           ///< Utilization: percent of the pods' requests
  std::int64_t average_value_milli = 0;  ///< AverageValue: milli-units per pod
  std::int64_t value_milli = 0;          ///< Value (External): milli-units in total
};

/// A HorizontalPodAutoscaler.
struct HorizontalPodAutoscaler {
  ObjectMeta metadata;
  std::string target_kind;  ///< scaleTargetRef.kind
  std::string target_name;  ///< scaleTargetRef.name (same namespace)
  int min_replicas = 1;
  int max_replicas = 1;
  std::vector<HpaMetricSpec> metrics;  ///< the default is cpu at 80 % Utilization
  HpaBehavior behavior;                ///< spec.behavior, the absent parts defaulted
  double tolerance_up = 0.1;           ///< behavior.scaleUp.tolerance, else the controller's
  double tolerance_down = 0.1;         ///< behavior.scaleDown.tolerance, else the controller's
  ObjectOrigin origin;
};

}  // namespace fleetsim::kube
