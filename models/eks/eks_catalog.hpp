#pragma once
/// EKS's service constants: what the control plane costs, what every node runs before any pod of the
/// user's, and how long the controllers take to react. Sources in aws-facts §10.5; values AWS does not
/// document are marked so.

#include <nlohmann/json.hpp>

#include "models/kubernetes/api/core_types.hpp"
#include "models/kubernetes/horizontal_pod_autoscaler.hpp"
#include "models/kubernetes/pod.hpp"
#include "sim/scenario/shape.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// EKS's constants for one run.
struct EksCatalog {
  /// The control plane, per cluster-hour, standard support (aws-facts §10.5 "EKS control plane").
  double control_plane_usd_per_hour = 0.10;
  /// The DaemonSets EKS installs on every node: aws-node (VPC CNI) requests 25m CPU, kube-proxy 100m
  /// (the requests in EKS's add-on manifests; aws-facts §10.5 "system pods").
  kube::Resources daemon_requests{125, 0};
  int daemon_pods = 2;
  /// coredns: two replicas, each requesting 100m CPU and 70Mi (the EKS add-on's Deployment).
  int coredns_replicas = 2;
  kube::Resources coredns_requests{100, 70LL << 20};
  /// From a pod's readiness change to the AWS Load Balancer Controller registering or deregistering its
  /// target: the endpoints update reaches the controller, which calls elbv2. Not documented; a few
  /// seconds is what the controller's reconcile takes (aws-facts §10.5 "termination race").
  Duration target_sync_delay = Duration::seconds(2);
  /// The kubelet's timings (container start, the restart back-off).
  kube::KubeletTimings kubelet;
  /// The HPA controller's flags and metrics-server's resolution, as EKS runs them.
  kube::HpaControllerSettings hpa;

  /// The shape of `catalog.eks`.
  static const Shape* section_shape(ShapeSet& shapes);
  /// Applies a validated `catalog.eks`.
  void apply_overrides(const nlohmann::json& section);
  /// As `fleetsim catalog` prints it.
  nlohmann::ordered_json to_json() const;
};

}  // namespace fleetsim
