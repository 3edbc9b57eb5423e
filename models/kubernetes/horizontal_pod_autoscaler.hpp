#pragma once
/// The Horizontal Pod Autoscaler controller (pkg/controller/podautoscaler/horizontal.go) for one HPA:
/// every sync period it reads the target Deployment's pods and their metrics, runs the replica
/// calculator per metric, takes the largest proposal, stabilizes and rate-limits it by `behavior`,
/// bounds it by min/max, scales the Deployment, and writes the ScalingDecision record.

#include <optional>
#include <string>

#include "models/kubernetes/api/hpa_types.hpp"
#include "models/kubernetes/deployment.hpp"
#include "models/kubernetes/hpa_decision.hpp"
#include "models/kubernetes/metrics_server.hpp"

namespace fleetsim::kube {

/// kube-controller-manager's HPA flags (aws-facts §10.1), and metrics-server's resolution.
struct HpaControllerSettings {
  Duration sync_period = Duration::seconds(15);  ///< --horizontal-pod-autoscaler-sync-period
  double tolerance = 0.1;                        ///< --horizontal-pod-autoscaler-tolerance
  Duration cpu_initialization_period =
      Duration::seconds(300);                                ///< --horizontal-pod-autoscaler-cpu-initialization-period
  Duration initial_readiness_delay = Duration::seconds(30);  ///< --horizontal-pod-autoscaler-initial-readiness-delay
  /// metrics-server's --metric-resolution: the flag's default is 60 s, the manifests EKS installs set
  /// 15 s (aws-facts §10.1, §14), which is taken here.
  Duration metric_resolution = Duration::seconds(15);
};

/// The external metrics API (external.metrics.k8s.io) as the HPA reads it.
class ExternalMetricsSource {
 public:
  virtual ~ExternalMetricsSource() = default;
  /// The metric's value now, summed over its series, or nothing when there is no datapoint.
  virtual std::optional<double> external_value(const HpaMetricSpec& metric, SimTime now) const = 0;
};

/// One HPA's controller.
class HorizontalPodAutoscalerController {
 public:
  /// Scales `target` of `cluster` as `hpa` says; External metrics come from `external` (may be null
  /// when the HPA has none).
  HorizontalPodAutoscalerController(Cluster& cluster, const MetricsServer& metrics,
                                    const ExternalMetricsSource* external, DeploymentController& target,
                                    HorizontalPodAutoscaler hpa, const HpaControllerSettings& settings);
  /// Schedules the first sync, one sync period after now (the controller's queue is rate-limited).
  void start();
  /// The HPA it runs.
  const HorizontalPodAutoscaler& hpa() const { return hpa_; }

 private:
  void sync(std::uint64_t);
  HpaMetricDecision compute(const HpaMetricSpec& spec, int current, SimTime now) const;
  std::vector<HpaPodSample> samples(const HpaMetricSpec& spec, SimTime now) const;
  int ready_pods() const;
  std::string metric_reason(const HpaMetricSpec& spec) const;

  Cluster& cluster_;
  const MetricsServer& metrics_;
  const ExternalMetricsSource* external_;
  DeploymentController& target_;
  HorizontalPodAutoscaler hpa_;
  const HpaControllerSettings& settings_;
  HpaHistory history_;
};

}  // namespace fleetsim::kube
