#include "models/eks/eks_catalog.hpp"

namespace fleetsim {

const Shape* EksCatalog::section_shape(ShapeSet& s) {
  Shape& e = s.object("the eks catalogue entry", "EKS and Kubernetes defaults (sources in aws-facts §10).");
  e.field("controlPlaneUsdPerHour", s.number(0, 1000),
          "EKS control plane per cluster-hour, standard support (AWS: $0.10)")
      .field("corednsReplicas", s.integer(0, 100), "replicas of the coredns add-on Deployment (EKS: 2)")
      .field("targetSyncDelaySeconds", s.number(0, 3600),
             "a pod's readiness change until the AWS Load Balancer Controller (de)registers its target "
             "(undocumented)")
      .field("containerStartSeconds", s.number(0, 3600), "the container runtime's create and start of a container")
      .field("crashBackoffFirstSeconds", s.number(0, 86400),
             "the kubelet's CrashLoopBackOff first wait (Kubernetes: 10 s, doubling)")
      .field("crashBackoffMaxSeconds", s.number(0, 86400), "the kubelet's CrashLoopBackOff ceiling (Kubernetes: 300 s)")
      .field("metricResolutionSeconds", s.number(1, 3600),
             "metrics-server's --metric-resolution (EKS's manifests: 15 s)");
  return &e;
}

void EksCatalog::apply_overrides(const nlohmann::json& e) {
  auto seconds = [&](const char* key, Duration& out) {
    if (e.contains(key)) out = Duration::from_seconds(e[key].get<double>());
  };
  control_plane_usd_per_hour = e.value("controlPlaneUsdPerHour", control_plane_usd_per_hour);
  coredns_replicas = e.value("corednsReplicas", coredns_replicas);
  seconds("targetSyncDelaySeconds", target_sync_delay);
  seconds("containerStartSeconds", kubelet.container_start);
  seconds("crashBackoffFirstSeconds", kubelet.crash_backoff_first);
  seconds("crashBackoffMaxSeconds", kubelet.crash_backoff_max);
  seconds("metricResolutionSeconds", hpa.metric_resolution);
}

nlohmann::ordered_json EksCatalog::to_json() const {
  return {{"controlPlaneUsdPerHour", control_plane_usd_per_hour},
          {"corednsReplicas", coredns_replicas},
          {"targetSyncDelaySeconds", target_sync_delay.seconds_f()},
          {"containerStartSeconds", kubelet.container_start.seconds_f()},
          {"crashBackoffFirstSeconds", kubelet.crash_backoff_first.seconds_f()},
          {"crashBackoffMaxSeconds", kubelet.crash_backoff_max.seconds_f()},
          {"metricResolutionSeconds", hpa.metric_resolution.seconds_f()}};
}

}  // namespace fleetsim
