#include "models/kubernetes/api/scaled_object_reader.hpp"

#include <algorithm>

#include "models/kubernetes/api/field.hpp"
#include "models/kubernetes/api/manifest_reader.hpp"
#include "models/kubernetes/api/quantity.hpp"

namespace fleetsim::kube {

namespace {

// Trigger metadata values are strings in KEDA ("5", "true").
std::int64_t milli_of(const Field& f, const std::string& fallback) {
  const std::string text = f.present() ? f.string() : fallback;
  try {
    const std::int64_t milli = quantity_milli_value(text);
    if (milli <= 0) f.fail("\"" + text + "\": must be positive");
    return milli;
  } catch (const QuantityError& e) {
    f.fail(e.what());
  }
}

KedaTrigger read_trigger(const Field& t, std::size_t index) {
  KedaTrigger k;
  k.pointer = "/spec/triggers/" + std::to_string(index);
  const std::string type = t["type"].string();
  const Field meta = t["metadata"];
  if (type == "cpu") {
    k.type = KedaTrigger::Type::kCpu;
    k.metric.type = HpaMetricType::kResource;
    k.metric.name = "cpu";
    // metricType moved from the metadata to the trigger in KEDA 2.8; both are read.
    const std::string metric_type = t["metricType"].string(meta["type"].string("Utilization"));
    const Field value = meta["value"];
    if (!value.present()) meta.fail("cpu trigger: metadata.value is required");
    if (metric_type == "Utilization") {
      k.metric.target_type = HpaTargetType::kUtilization;
      k.metric.average_utilization = static_cast<int>(milli_of(value, "") / 1000);
      if (k.metric.average_utilization <= 0) value.fail("must be a whole percentage above 0");
    } else if (metric_type == "AverageValue") {
      k.metric.target_type = HpaTargetType::kAverageValue;
      k.metric.average_value_milli = milli_of(value, "");
    } else {
      t["metricType"].fail("cpu trigger: metricType must be Utilization or AverageValue, not \"" + metric_type + "\"");
    }
  } else if (type == "aws-sqs-queue") {
    k.type = KedaTrigger::Type::kAwsSqsQueue;
    const std::string url = meta["queueURL"].string();
    if (url.empty()) meta.fail("aws-sqs-queue trigger: metadata.queueURL is required");
    k.queue = url.substr(url.rfind('/') + 1);
    k.metric.type = HpaMetricType::kExternal;
    k.metric.name = "s" + std::to_string(index) + "-aws-sqs-queue-" + k.queue;
    k.metric.target_type = HpaTargetType::kAverageValue;
    k.metric.average_value_milli = milli_of(meta["queueLength"], "5");
    k.activation_queue_length = static_cast<int>(
        meta["activationQueueLength"].present() ? milli_of(meta["activationQueueLength"], "") / 1000 : 0);
    k.scale_on_in_flight = meta["scaleOnInFlight"].string("true") == "true";
  } else {
    t["type"].fail("unknown trigger type \"" + type + "\": the simulation knows \"cpu\" and \"aws-sqs-queue\"");
  }
  return k;
}

}  // namespace

ScaledObject read_scaled_object(const OtherObject& object) {
  ScaledObject so;
  so.metadata = object.metadata;
  so.origin = object.origin;
  const ObjectContext context{&so.origin, describe("ScaledObject", so.metadata)};
  const Field spec = Field(context, so.origin.json())["spec"];
  const Field ref = spec["scaleTargetRef"];
  so.target_name = ref["name"].string();
  if (so.target_name.empty()) ref.fail("scaleTargetRef.name is required");
  if (ref["kind"].string("Deployment") != "Deployment")
    ref["kind"].fail("scaling a " + ref["kind"].string() + " is not simulated by this version yet (a Deployment is)");
  so.polling_interval_seconds = spec["pollingInterval"].int32_at_least(1, 30);
  so.cooldown_period_seconds = spec["cooldownPeriod"].int32_at_least(0, 300);
  so.min_replica_count = spec["minReplicaCount"].int32_at_least(0, 0);
  so.max_replica_count = spec["maxReplicaCount"].int32_at_least(1, 100);
  if (so.max_replica_count < so.min_replica_count)
    spec["maxReplicaCount"].fail("MaxReplicaCount=" + std::to_string(so.max_replica_count) +
                                 " must not be lower than MinReplicaCount=" + std::to_string(so.min_replica_count));
  const Field triggers = spec["triggers"];
  if (triggers.size() == 0) spec.fail("no triggers defined in the ScaledObject/ScaledJob");
  for (std::size_t i = 0; i < triggers.size(); ++i) so.triggers.push_back(read_trigger(triggers[i], i));
  // KEDA's admission check: cpu triggers alone cannot wake a Deployment from zero.
  const bool all_cpu = std::all_of(so.triggers.begin(), so.triggers.end(),
                                   [](const KedaTrigger& k) { return k.type == KedaTrigger::Type::kCpu; });
  if (all_cpu && so.min_replica_count == 0)
    spec["minReplicaCount"].fail("scaledobject with cpu and/or memory triggers only can't have minReplicaCount 0");
  return so;
}

HorizontalPodAutoscaler keda_hpa(const ScaledObject& so, double default_tolerance) {
  HorizontalPodAutoscaler h;
  h.metadata = so.metadata;
  h.metadata.name = "keda-hpa-" + so.metadata.name;
  h.target_kind = "Deployment";
  h.target_name = so.target_name;
  h.min_replicas = std::max(so.min_replica_count, 1);
  h.max_replicas = so.max_replica_count;
  for (const KedaTrigger& k : so.triggers) h.metrics.push_back(k.metric);
  h.behavior = default_hpa_behavior();
  h.tolerance_up = h.tolerance_down = default_tolerance;
  h.origin = so.origin;
  return h;
}

}  // namespace fleetsim::kube
