#pragma once
/// One EKS cluster: its control plane (billed per hour), its managed node groups' instances joining as
/// nodes, its Fargate profiles, and the Kubernetes objects running on them.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/api/container_instances.hpp"
#include "models/api/cost_ledger.hpp"
#include "models/catalog/instance_types.hpp"
#include "models/eks/container_insights.hpp"
#include "models/eks/eks_catalog.hpp"
#include "models/eks/fargate_pod_size.hpp"
#include "models/eks/nodegroup_scaling.hpp"
#include "models/kubernetes/autoscaler/cluster_autoscaler.hpp"
#include "models/kubernetes/cluster.hpp"
#include "models/kubernetes/cron_job.hpp"
#include "models/kubernetes/deployment.hpp"
#include "models/kubernetes/eviction.hpp"
#include "models/kubernetes/horizontal_pod_autoscaler.hpp"
#include "models/kubernetes/job.hpp"
#include "models/kubernetes/metrics_server.hpp"
#include "models/kubernetes/node_drain.hpp"
#include "models/kubernetes/node_fleet.hpp"
#include "sim/metrics/quantile_sketch.hpp"
#include "sim/metrics/time_weighted_signal.hpp"

namespace fleetsim {

/// A managed node group's Kubernetes side.
struct NodegroupConfig {
  std::string name;
  std::string capacity_type = "ON_DEMAND";
  kube::Labels labels;
  std::vector<kube::Taint> taints;
  ScalableGroup* group = nullptr;  ///< its Auto Scaling group
  std::string instance_type;       ///< the type it launches first (the Cluster Autoscaler's template)
  std::string template_zone;       ///< the AZ of its first subnet (the template node's zone)
  bool managed = true;             ///< an EKS managed node group (its nodes carry eks.amazonaws.com/ labels)
};

/// A Fargate profile: pods matching a selector run on Fargate.
struct FargateProfileConfig {
  struct Selector {
    std::string ns;
    kube::Labels labels;
  };
  std::string name;
  std::vector<Selector> selectors;
};

/// Hears the cluster's nodes join and leave (the load balancer controller's instance targets).
class NodeWatcher {
 public:
  virtual ~NodeWatcher() = default;
  /// `node` joined and is Ready.
  virtual void on_node_ready(const kube::NodeRegistration& node) = 0;
  /// The node of `instance_id` is gone with its machine.
  virtual void on_node_gone(const std::string& instance_id) = 0;
};

/// Fargate for the pods of one template: each gets the size EKS computes from its requests.
class FargatePods : public LaunchPlatform {
 public:
  FargatePods(LaunchPlatform& fargate, FargateSize size) : fargate_(fargate), size_(size) {}
  void request(const TaskNeeds& needs, PlacementClient& client, Rng& rng) override;
  void withdraw(PlacementClient& client) override { fargate_.withdraw(client); }
  void pull_started(std::uint32_t ticket, SimTime now) override { fargate_.pull_started(ticket, now); }
  void released(std::uint32_t ticket, SimTime now) override { fargate_.released(ticket, now); }
  Duration deprovisioning(Rng& rng) override { return fargate_.deprovisioning(rng); }

 private:
  LaunchPlatform& fargate_;
  FargateSize size_;
};

/// One cluster.
class EksCluster : public ContainerInstanceRegistry, public kube::PodPlacement {
 public:
  /// The cluster `name` of a run; `fargate` is the FARGATE platform (nullptr when the run has none).
  EksCluster(RunContext& ctx, std::string name, const EksCatalog& catalog, const ImageSource& images,
             const std::map<std::string, InstanceType>& instance_types, LaunchPlatform* fargate);

  /// Adds a node group: instances its group launches join here.
  void add_nodegroup(NodegroupConfig config) { nodegroups_[config.name] = std::move(config); }
  /// Runs the Cluster Autoscaler with `options` over every node group (added before this call).
  void enable_cluster_autoscaler(kube::AutoscalerOptions options);
  /// A node of `group` as it would register (its instance not launched yet), and its capacity.
  kube::NodeTemplate node_template(const NodegroupConfig& group) const;
  /// Adds a Fargate profile.
  void add_fargate_profile(FargateProfileConfig config) { profiles_.push_back(std::move(config)); }
  /// Adds a Deployment (started with the run).
  kube::DeploymentController& add_deployment(kube::DeploymentSpec spec);
  /// Adds a Job (started with the run, or now when `running`).
  void add_job(const kube::Job& job, bool running);
  /// Adds a CronJob running `schedule`, t = 0 being `run_start_unix_s` (its schedule starts with the run,
  /// or now when `running`).
  void add_cron_job(const kube::CronJob& cron_job, ScheduleExpression schedule, std::int64_t run_start_unix_s,
                    bool running);
  /// The Deployment `ns/name`, or nullptr.
  kube::DeploymentController* deployment(const std::string& ns, const std::string& name) const;
  /// Adds a HorizontalPodAutoscaler's controller (started with the run, or by the caller during it).
  kube::HorizontalPodAutoscalerController& add_autoscaler(
      std::unique_ptr<kube::HorizontalPodAutoscalerController> hpa) {
    autoscalers_.push_back(std::move(hpa));
    return *autoscalers_.back();
  }
  /// The cluster's metrics-server.
  const kube::MetricsServer& metrics_server() const { return metrics_server_; }
  /// EKS's constants.
  const EksCatalog& catalog() const { return catalog_; }

  /// Adds (or replaces) a Service.
  void add_service(const kube::Service& service) {
    services_[service.metadata.ns + "/" + service.metadata.name] = service;
  }
  /// The Service `ns/name`, or nullptr.
  const kube::Service* service(const std::string& ns, const std::string& name) const {
    auto it = services_.find(ns + "/" + name);
    return it == services_.end() ? nullptr : &it->second;
  }
  /// Drains the node `node`, or the first `count` schedulable nodes of `nodegroup` (kubectl drain: a
  /// cordon, then evictions that honour PodDisruptionBudgets).
  void drain(const std::string& node, const std::string& nodegroup, int count);
  /// The PodDisruptionBudgets and the Eviction API.
  kube::EvictionApi& evictions() { return evictions_; }
  /// The kube-system Deployments EKS installs (coredns).
  void add_system_pods();
  /// True when pods of `blueprint` match one of the Fargate profiles.
  bool on_fargate(const kube::PodBlueprint& blueprint) const;

  /// Starts the control plane's bill and the Deployments.
  void start(CostLedger& costs);
  /// Settles the control plane's bill.
  void finish(SimTime end, CostLedger& costs);
  /// The cluster's part of summary.json's `kubernetes`.
  nlohmann::ordered_json summary() const;

  /// The node `r` registers as, a node of `group` named `name`.
  kube::NodeRegistration node_registration(const InstanceRegistration& r, const NodegroupConfig& group,
                                           std::string name) const;
  /// The instance `r` joins as a node of `group` (its name EC2's private DNS name).
  void register_node(const InstanceRegistration& r, const NodegroupConfig& group);
  void instance_registered(const InstanceRegistration& instance) override;
  void instance_draining(const std::string& instance_id, const std::string& reason) override;
  void instance_lost(const std::string& instance_id, const std::string& reason) override;
  int tasks_on(const std::string& instance_id) const override;
  LaunchPlatform& platform_for(const kube::PodBlueprint& blueprint) override;
  /// Why pods of `blueprint` cannot run here: they match a Fargate profile and no Fargate size holds
  /// them (or the run has no Fargate); empty when they can.
  std::string fargate_misfit(const kube::PodBlueprint& blueprint) const;

  const std::string& name() const { return name_; }
  std::map<std::string, int> priority_classes;  ///< PriorityClass name -> value
  /// The Cluster Autoscaler's priority expander rules, from kube-system's cluster-autoscaler-priority-expander.
  std::vector<kube::PriorityRule> expander_priorities;
  std::vector<std::string> namespaces;  ///< the Namespaces applied so far
  kube::Cluster& kube() { return cluster_; }
  kube::NodeFleet& nodes() { return nodes_; }
  /// Adds a watcher of nodes joining and leaving (never removed).
  void watch_nodes(NodeWatcher* watcher) { node_watchers_.push_back(watcher); }
  /// Requests answered by the pods of `ns` that `selector` picks have their latencies in `latency` (an Ingress
  /// backend's target group, a Service's in-cluster clients): summary.json's `latency_ms` of the workloads whose
  /// pods it picks, as an ECS service's is of its target groups.
  void add_latency_source(std::string ns, kube::LabelSelector selector, const QuantileSketch& latency) {
    latency_sources_.push_back({std::move(ns), std::move(selector), &latency});
  }

 private:
  struct LatencySource {
    std::string ns;
    kube::LabelSelector selector;
    const QuantileSketch* latency;
  };
  int controller_scale(const kube::Pod& pod) const;
  // The latencies of the requests `d`'s pods answered, over every source that picks them.
  QuantileSketch workload_latency(const kube::DeploymentController& d) const;

  RunContext& ctx_;
  std::string name_;
  const EksCatalog& catalog_;
  const std::map<std::string, InstanceType>& instance_types_;
  IpAllocator ips_{1};       // pods' VPC CNI addresses: 10.1.0.0/16, apart from ECS tasks' 10.0.0.0/16
  IpAllocator node_ips_{2};  // nodes' primary addresses
  // The nodes are declared before the cluster so that the pods (in the cluster) go first: a pod's
  // server detaches from its node's CPU shares when it is destroyed.
  kube::NodeFleet nodes_;
  kube::Cluster cluster_;
  LaunchPlatform* fargate_;
  std::map<const kube::PodBlueprint*, std::unique_ptr<FargatePods>> fargate_pods_;  // looked up, never iterated
  ContainerInsights insights_;
  kube::MetricsServer metrics_server_;
  std::vector<std::unique_ptr<kube::HorizontalPodAutoscalerController>> autoscalers_;
  std::map<std::string, NodegroupConfig> nodegroups_;
  std::vector<FargateProfileConfig> profiles_;
  std::map<std::string, kube::Service> services_;  // by namespace/name
  std::vector<std::unique_ptr<kube::DeploymentController>> deployments_;
  std::vector<std::unique_ptr<NodegroupScaling>> scaled_groups_;
  std::unique_ptr<kube::ClusterAutoscaler> autoscaler_;
  std::vector<std::unique_ptr<kube::JobController>> jobs_;
  std::vector<std::unique_ptr<kube::CronJobController>> cron_jobs_;
  kube::EvictionApi evictions_;
  std::vector<std::unique_ptr<kube::NodeDrain>> drains_;
  SimTime started_;
  int peak_nodes_ = 0;
  TimeWeightedSignal node_count_;  // nodes registered and not gone, for their time-weighted mean
  std::vector<NodeWatcher*> node_watchers_;
  std::vector<LatencySource> latency_sources_;  // in the order the controller and the clients were made
};

}  // namespace fleetsim
