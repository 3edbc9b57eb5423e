#pragma once
/// Reading a KEDA ScaledObject (keda.sh/v1alpha1) with KEDA's defaults: pollingInterval 30 s,
/// cooldownPeriod 300 s, minReplicaCount 0, maxReplicaCount 100 (keda.sh, "Scaling Deployments"), and
/// the triggers the simulation knows: `cpu` and `aws-sqs-queue` (queueLength 5, activationQueueLength 0,
/// scaleOnInFlight true; keda.sh, "AWS SQS Queue").

#include <string>
#include <vector>

#include "models/kubernetes/api/hpa_types.hpp"
#include "models/kubernetes/api/objects.hpp"

namespace fleetsim::kube {

/// One trigger.
struct KedaTrigger {
  enum class Type : std::uint8_t { kCpu, kAwsSqsQueue };
  Type type = Type::kCpu;
  HpaMetricSpec metric;             ///< the metric of the HPA KEDA creates for it
  std::string queue;                ///< aws-sqs-queue: the queue's name (the last part of queueURL)
  int activation_queue_length = 0;  ///< aws-sqs-queue: active above this many messages
  bool scale_on_in_flight = true;   ///< aws-sqs-queue: count messages in flight too
  std::string pointer;              ///< /spec/triggers/N, for errors found later
};

/// A ScaledObject.
struct ScaledObject {
  ObjectMeta metadata;
  std::string target_name;  ///< scaleTargetRef.name (a Deployment)
  int polling_interval_seconds = 30;
  int cooldown_period_seconds = 300;
  int min_replica_count = 0;
  int max_replica_count = 100;
  std::vector<KedaTrigger> triggers;
  ObjectOrigin origin;
};

/// The ScaledObject kept as `object` by the manifest reader, typed and checked.
ScaledObject read_scaled_object(const OtherObject& object);

/// The HorizontalPodAutoscaler KEDA creates for `so` ("keda-hpa-NAME"): its triggers as metrics, between
/// max(minReplicaCount, 1) and maxReplicaCount, the controller's default tolerance.
HorizontalPodAutoscaler keda_hpa(const ScaledObject& so, double default_tolerance);

}  // namespace fleetsim::kube
