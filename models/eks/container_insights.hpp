#pragma once
/// CloudWatch Container Insights for one EKS cluster, under its own metric names (namespace
/// ContainerInsights): cluster_node_count, node_cpu_utilization, namespace_number_of_running_pods and
/// pod_cpu_utilization (per workload: dimension PodName is the owner's name, as Container Insights
/// aggregates a Deployment's pods), each CPU figure as a percentage of the nodes' capacity.
///
/// The CPU used is read as the agent reads it: off each pod's cumulative CPU counter (cAdvisor's
/// usage, `Pod::cpu_used_us`), sampled when a period closes and when a pod goes, so requests starting
/// and ending cost this nothing. Both CPU figures are over the node's CPU: `pod_cpu_utilization =
/// pod_cpu_usage_total / node_cpu_limit`, `pod_cpu_usage_total` from cAdvisor (CloudWatch user guide,
/// Container-Insights-reference-performance-entries-EKS), and `node_cpu_utilization = node_cpu_usage_total /
/// node_cpu_limit` (Container-Insights-metrics-EKS).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/api/run_context.hpp"
#include "models/kubernetes/cluster.hpp"

namespace fleetsim {

/// The Container Insights agent of one cluster.
class ContainerInsights : public kube::PodWatcher, public PeriodListener {
 public:
  /// The agent of `cluster`, whose live pods it samples.
  ContainerInsights(RunContext& ctx, const kube::Cluster& cluster);
  /// A node of `vcpus` joined (+1) or left (-1).
  void node_changed(int delta, double vcpus);
  void on_pod_readiness(kube::Pod& pod) override;
  void on_pod_gone(kube::Pod& pod) override;
  void on_pod_created(kube::Pod& pod) override;
  void on_period_end(SimTime end, Duration period) override;

 private:
  struct Counted {
    bool running = false;             // counted in namespace_number_of_running_pods and the CPU denominators
    double capacity = 0;              // the node vCPUs it added to its workload's denominator
    std::optional<RatioId> workload;  // its workload's pod_cpu_utilization, once looked up
    double sampled_us = 0;            // the pod's CPU counter when last sampled
  };
  void count(kube::Pod& pod, bool running);
  /// Adds the CPU `pod` used since its last sample to its workload's and its node's usage.
  void sample(const kube::Pod& pod, SimTime now);
  Counted& counted(const kube::Pod& pod) {
    if (pod.slot() >= pods_.size()) pods_.resize(pod.slot() + 1);
    return pods_[pod.slot()];
  }
  // The series is looked up by name once per pod.
  RatioId workload_cpu(const kube::Pod& pod) {
    Counted& c = counted(pod);
    if (!c.workload) c.workload = look_up_workload_cpu(pod);
    return *c.workload;
  }
  RatioId look_up_workload_cpu(const kube::Pod& pod);
  GaugeId namespace_pods(const std::string& ns);

  RunContext& ctx_;
  const kube::Cluster& cluster_;
  GaugeId nodes_;
  RatioId node_cpu_;
  std::map<std::string, GaugeId> namespace_pods_;
  std::map<std::string, RatioId> workload_cpu_;  // by namespace/owner
  std::vector<Counted> pods_;                    // by pod slot
};

}  // namespace fleetsim
