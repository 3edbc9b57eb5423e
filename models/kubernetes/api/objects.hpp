#pragma once
/// The Kubernetes objects a scenario's manifests hold, after the API server's defaulting and validation.
/// Each keeps its origin so that later checks (the lead's cross references) can locate their errors.

#include <optional>
#include <string>
#include <vector>

#include "models/kubernetes/api/core_types.hpp"
#include "models/kubernetes/api/object_origin.hpp"
#include "models/kubernetes/api/pod_types.hpp"

namespace fleetsim::kube {

/// An IntOrString count such as maxSurge or minAvailable: a number of pods or a percentage of them.
struct IntOrPercent {
  int value = 0;
  bool percent = false;
  /// An absolute count.
  static IntOrPercent count(int n) { return {n, false}; }
  /// A percentage.
  static IntOrPercent percentage(int p) { return {p, true}; }
  /// intstr.GetScaledValueFromIntOrPercent: the count itself, or value% of `total` rounded up or down.
  int scaled(int total, bool round_up) const;
};

/// A Namespace (cluster-scoped).
struct Namespace {
  ObjectMeta metadata;
  ObjectOrigin origin;
};

/// A standalone Pod (one no controller owns).
struct BarePod {
  PodTemplateSpec pod;  ///< its metadata, spec and knobs
  ObjectOrigin origin;
};

/// spec.strategy of a Deployment.
struct DeploymentStrategy {
  bool recreate = false;                   ///< type Recreate; RollingUpdate (the default) otherwise
  IntOrPercent max_surge{25, true};        ///< rounded up against replicas
  IntOrPercent max_unavailable{25, true};  ///< rounded down against replicas
};

/// A Deployment (apps/v1); its ReplicaSets are implied.
struct Deployment {
  ObjectMeta metadata;
  int replicas = 1;
  LabelSelector selector;
  PodTemplateSpec pod_template;
  DeploymentStrategy strategy;
  int min_ready_seconds = 0;
  int progress_deadline_seconds = 600;
  int revision_history_limit = 10;
  ObjectOrigin origin;
};

/// A Service port: `port` on the Service, `target_port` (or the named `target_port_name`) on the pods.
struct ServicePort {
  std::string name;
  std::string protocol = "TCP";
  int port = 0;
  int target_port = 0;  ///< defaults to `port`
  std::string target_port_name;
  int node_port = 0;  ///< 0: allocated when the type needs one
};

/// A Service (v1).
struct Service {
  ObjectMeta metadata;
  std::string type = "ClusterIP";  ///< ClusterIP, NodePort, LoadBalancer or ExternalName
  Labels selector;                 ///< empty: no endpoints are managed
  std::vector<ServicePort> ports;
  /// Cluster (a NodePort forwards to any ready endpoint) or Local (only to the node's own).
  std::string external_traffic_policy = "Cluster";
  ObjectOrigin origin;
};

/// An Ingress backend: a Service and its port (by number or name).
struct IngressBackend {
  std::string service;
  int port_number = 0;
  std::string port_name;
};

/// One path of an Ingress rule.
struct IngressPath {
  std::string path = "/";
  std::string path_type = "Prefix";  ///< Prefix, Exact or ImplementationSpecific
  IngressBackend backend;
};

/// One rule of an Ingress: a host ("" = any) and its paths.
struct IngressRule {
  std::string host;
  std::vector<IngressPath> paths;
};

/// What the AWS Load Balancer Controller reads from `alb.ingress.kubernetes.io/` annotations, with its defaults.
struct AlbIngressSettings {
  bool ip_target = false;           ///< target-type ip (pods) or instance (the default: NodePort on every node)
  std::string scheme = "internal";  ///< internal or internet-facing
  std::string group_name;           ///< group.name: Ingresses sharing one ALB
  int group_order = 0;              ///< group.order: lower first among the group's rules (-1000 to 1000)
  std::string healthcheck_path = "/";
  int healthcheck_interval_seconds = 15;
  int healthcheck_timeout_seconds = 5;
  int healthy_threshold_count = 2;
  int unhealthy_threshold_count = 2;
  int deregistration_delay_seconds = 300;  ///< target-group-attributes deregistration_delay.timeout_seconds
  Labels target_group_attributes;          ///< every key=value of target-group-attributes, as written
};

/// An Ingress (networking.k8s.io/v1).
struct Ingress {
  ObjectMeta metadata;
  std::string ingress_class;  ///< spec.ingressClassName, else the kubernetes.io/ingress.class annotation
  std::optional<IngressBackend> default_backend;
  std::vector<IngressRule> rules;
  AlbIngressSettings alb;
  ObjectOrigin origin;
};

/// A PodDisruptionBudget (policy/v1): exactly one of the two bounds is set.
struct PodDisruptionBudget {
  ObjectMeta metadata;
  std::optional<IntOrPercent> min_available;
  std::optional<IntOrPercent> max_unavailable;
  LabelSelector selector;
  ObjectOrigin origin;
};

/// A Job's spec (batch/v1), after defaulting.
struct JobSpec {
  int parallelism = 1;
  std::optional<int> completions;  ///< both unset: 1 and 1; parallelism alone: a work queue (no count)
  int backoff_limit = 6;
  std::optional<int> active_deadline_seconds;
  std::optional<int> ttl_seconds_after_finished;
  PodTemplateSpec pod_template;
};

/// A Job.
struct Job {
  ObjectMeta metadata;
  JobSpec spec;
  ObjectOrigin origin;
};

/// A CronJob (batch/v1).
struct CronJob {
  ObjectMeta metadata;
  std::string schedule;                      ///< five-field cron or @hourly, ... as written
  std::string time_zone;                     ///< spec.timeZone; empty = the controller's (UTC on EKS)
  std::string concurrency_policy = "Allow";  ///< Allow, Forbid or Replace
  bool suspend = false;
  std::optional<int> starting_deadline_seconds;
  int successful_jobs_history_limit = 3;
  int failed_jobs_history_limit = 1;
  ObjectMeta job_metadata;  ///< jobTemplate.metadata
  JobSpec job;              ///< jobTemplate.spec
  ObjectOrigin origin;
};

/// A PriorityClass (scheduling.k8s.io/v1, cluster-scoped).
struct PriorityClass {
  ObjectMeta metadata;
  int value = 0;
  bool global_default = false;
  bool preempt_lower_priority = true;  ///< preemptionPolicy PreemptLowerPriority (default) or Never
  ObjectOrigin origin;
};

/// An object recognised but not read yet (HorizontalPodAutoscaler, NodePool, EC2NodeClass, ScaledObject),
/// or one that changes nothing in the simulation (ConfigMap, Secret, RBAC, ...).
struct OtherObject {
  std::string api_version;
  std::string kind;
  ObjectMeta metadata;
  ObjectOrigin origin;  ///< origin.json() is the whole object
};

}  // namespace fleetsim::kube
