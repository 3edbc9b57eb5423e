#include "models/eks/pod_autoscalers.hpp"

#include "models/eks/eks_model.hpp"
#include "models/kubernetes/api/hpa_reader.hpp"

namespace fleetsim {

void apply_horizontal_pod_autoscalers(const kube::ManifestSet& set, EksCluster& cluster, EksModel& model,
                                      bool running) {
  const kube::HpaControllerSettings& settings = cluster.catalog().hpa;
  for (const kube::OtherObject& object : set.horizontal_pod_autoscalers) {
    kube::HorizontalPodAutoscaler hpa = kube::read_horizontal_pod_autoscaler(object, settings.tolerance);
    const std::string name = kube::describe("HorizontalPodAutoscaler", hpa.metadata);
    if (hpa.target_kind != "Deployment")
      kube::fail_in_object(hpa.origin, name, "/spec/scaleTargetRef/kind",
                           "scaling a " + hpa.target_kind + " is not simulated by this version yet (a Deployment is)");
    kube::DeploymentController* target = cluster.deployment(hpa.metadata.ns, hpa.target_name);
    if (target == nullptr)
      kube::fail_in_object(
          hpa.origin, name, "/spec/scaleTargetRef/name",
          "deployments.apps \"" + hpa.target_name + "\" not found in namespace \"" + hpa.metadata.ns + "\"");
    for (std::size_t i = 0; i < hpa.metrics.size(); ++i) {
      // The pods' metrics the simulation knows (custom.metrics.k8s.io as an adapter would serve them).
      if (hpa.metrics[i].type == kube::HpaMetricType::kPods && hpa.metrics[i].name != "requests_per_second")
        kube::fail_in_object(hpa.origin, name, "/spec/metrics/" + std::to_string(i) + "/pods/metric/name",
                             "unknown pods metric \"" + hpa.metrics[i].name + "\": expected requests_per_second");
      // CloudWatch's metrics are watched from the start of the run.
      if (running && hpa.metrics[i].type == kube::HpaMetricType::kExternal)
        kube::fail_in_object(hpa.origin, name, "/spec/metrics/" + std::to_string(i),
                             "an External metric applied during the run is not simulated by this version yet");
    }
    auto controller = std::make_unique<kube::HorizontalPodAutoscalerController>(
        cluster.kube(), cluster.metrics_server(), &model.external_metrics, *target, std::move(hpa), settings);
    const kube::HorizontalPodAutoscaler& kept = controller->hpa();
    for (std::size_t i = 0; i < kept.metrics.size(); ++i) {
      if (kept.metrics[i].type == kube::HpaMetricType::kExternal)
        model.external_metrics.add(kept.metrics[i], kept.origin, name, "/spec/metrics/" + std::to_string(i));
    }
    kube::HorizontalPodAutoscalerController& made = cluster.add_autoscaler(std::move(controller));
    if (running) made.start();
  }
}

}  // namespace fleetsim
