#include "models/eks/pod_autoscalers.hpp"

#include "models/eks/eks_model.hpp"
#include "models/kubernetes/api/hpa_reader.hpp"
#include "models/kubernetes/api/scaled_object_reader.hpp"

namespace fleetsim {

namespace {

kube::DeploymentController& target_of(EksCluster& cluster, const kube::ObjectOrigin& origin, const std::string& object,
                                      const std::string& ns, const std::string& name) {
  kube::DeploymentController* target = cluster.deployment(ns, name);
  if (target == nullptr)
    kube::fail_in_object(origin, object, "/spec/scaleTargetRef/name",
                         "deployments.apps \"" + name + "\" not found in namespace \"" + ns + "\"");
  return *target;
}

// An HPA's controller, its External metrics served by `external`.
kube::HorizontalPodAutoscalerController& add_controller(kube::HorizontalPodAutoscaler hpa,
                                                        kube::DeploymentController& target, EksCluster& cluster,
                                                        const kube::ExternalMetricsSource* external) {
  return cluster.add_autoscaler(std::make_unique<kube::HorizontalPodAutoscalerController>(
      cluster.kube(), cluster.metrics_server(), external, target, std::move(hpa), cluster.catalog().hpa));
}

void apply_hpa(const kube::OtherObject& object, EksCluster& cluster, EksModel& model) {
  kube::HorizontalPodAutoscaler hpa = kube::read_horizontal_pod_autoscaler(object, cluster.catalog().hpa.tolerance);
  const std::string name = kube::describe("HorizontalPodAutoscaler", hpa.metadata);
  if (hpa.target_kind != "Deployment")
    kube::fail_in_object(hpa.origin, name, "/spec/scaleTargetRef/kind",
                         "scaling a " + hpa.target_kind + " is not simulated by this version yet (a Deployment is)");
  kube::DeploymentController& target = target_of(cluster, hpa.origin, name, hpa.metadata.ns, hpa.target_name);
  for (std::size_t i = 0; i < hpa.metrics.size(); ++i) {
    const std::string p = "/spec/metrics/" + std::to_string(i);
    // The pods' metrics the simulation knows (custom.metrics.k8s.io as an adapter would serve them).
    if (hpa.metrics[i].type == kube::HpaMetricType::kPods && hpa.metrics[i].name != "requests_per_second")
      kube::fail_in_object(hpa.origin, name, p + "/pods/metric/name",
                           "unknown pods metric \"" + hpa.metrics[i].name + "\": expected requests_per_second");
  }
  kube::HorizontalPodAutoscalerController& made =
      add_controller(std::move(hpa), target, cluster, &model.external_metrics);
  const kube::HorizontalPodAutoscaler& kept = made.hpa();
  for (std::size_t i = 0; i < kept.metrics.size(); ++i) {
    if (kept.metrics[i].type == kube::HpaMetricType::kExternal)
      model.external_metrics.add(kept.metrics[i], kept.origin, name, "/spec/metrics/" + std::to_string(i));
  }
}

void apply_scaled_object(const kube::OtherObject& object, EksCluster& cluster, EksModel& model, World& world) {
  kube::ScaledObject so = kube::read_scaled_object(object);
  const std::string name = kube::describe("ScaledObject", so.metadata);
  kube::DeploymentController& target = target_of(cluster, so.origin, name, so.metadata.ns, so.target_name);
  std::vector<MessageQueue*> queues;
  for (const kube::KedaTrigger& k : so.triggers) {
    MessageQueue* queue = nullptr;
    if (k.type == kube::KedaTrigger::Type::kAwsSqsQueue) {
      queue = world.find<MessageQueue>(k.queue);
      if (queue == nullptr)
        kube::fail_in_object(so.origin, name, k.pointer + "/metadata/queueURL",
                             "no SQS queue \"" + k.queue + "\" in the queues section");
    }
    queues.push_back(queue);
  }
  kube::HorizontalPodAutoscaler hpa = kube::keda_hpa(so, cluster.catalog().hpa.tolerance);
  model.keda.push_back(std::make_unique<KedaScaledObject>(cluster.kube(), target, std::move(so), std::move(queues)));
  add_controller(std::move(hpa), target, cluster, model.keda.back().get());
}

}  // namespace

void apply_pod_autoscalers(const kube::ManifestSet& set, EksCluster& cluster, EksModel& model, World& world) {
  for (const kube::OtherObject& object : set.horizontal_pod_autoscalers) apply_hpa(object, cluster, model);
  for (const kube::OtherObject& object : set.scaled_objects) apply_scaled_object(object, cluster, model, world);
}

void refuse_pod_autoscalers_during_run(const kube::ManifestSet& set) {
  for (const auto* list : {&set.horizontal_pod_autoscalers, &set.scaled_objects}) {
    for (const kube::OtherObject& object : *list)
      kube::fail_in_object(object.origin, kube::describe(object.kind, object.metadata), "",
                           "applying a " + object.kind + " during the run is not simulated by this version yet");
  }
}

}  // namespace fleetsim
