#include "models/eks/container_insights.hpp"

namespace fleetsim {

namespace {
constexpr const char* kNamespace = "ContainerInsights";
}

ContainerInsights::ContainerInsights(RunContext& ctx, const kube::Cluster& cluster) : ctx_(ctx), cluster_(cluster) {
  std::string dims = make_dimensions({{"ClusterName", cluster_.name()}});
  nodes_ = ctx.metrics.add_gauge({kNamespace, "cluster_node_count", dims});
  node_cpu_ = ctx.metrics.add_ratio({kNamespace, "node_cpu_utilization", dims});
  ctx.metrics.add_listener(this);
}

void ContainerInsights::node_changed(int delta, double vcpus) {
  SimTime now = ctx_.engine.now();
  ctx_.metrics.add(nodes_, now, delta);
  ctx_.metrics.add_ratio_terms(node_cpu_, now, 0, delta * vcpus);
}

GaugeId ContainerInsights::namespace_pods(const std::string& ns) {
  auto it = namespace_pods_.find(ns);
  if (it == namespace_pods_.end()) {
    std::string dims = make_dimensions({{"ClusterName", cluster_.name()}, {"Namespace", ns}});
    it = namespace_pods_.emplace(ns, ctx_.metrics.add_gauge({kNamespace, "namespace_number_of_running_pods", dims}))
             .first;
  }
  return it->second;
}

void ContainerInsights::on_pod_created(kube::Pod& pod) { counted(pod) = Counted{}; }

RatioId ContainerInsights::look_up_workload_cpu(const kube::Pod& pod) {
  const std::string& owner = pod.blueprint().owner.empty() ? pod.name() : pod.blueprint().owner;
  std::string key = pod.ns() + "/" + owner;
  auto it = workload_cpu_.find(key);
  if (it == workload_cpu_.end()) {
    std::string dims = make_dimensions({{"ClusterName", cluster_.name()}, {"Namespace", pod.ns()}, {"PodName", owner}});
    it = workload_cpu_.emplace(key, ctx_.metrics.add_ratio({kNamespace, "pod_cpu_utilization", dims})).first;
  }
  return it->second;
}

void ContainerInsights::count(kube::Pod& pod, bool running) {
  Counted& c = counted(pod);
  if (c.running == running) return;
  SimTime now = ctx_.engine.now();
  c.running = running;
  ctx_.metrics.add(namespace_pods(pod.ns()), now, running ? 1 : -1);
  // The ratio series is already a percentage (100 x used / capacity): the denominator is in vCPUs.
  if (running) c.capacity = pod.host_vcpus();
  ctx_.metrics.add_ratio_terms(workload_cpu(pod), now, 0, running ? c.capacity : -c.capacity);
}

void ContainerInsights::on_pod_readiness(kube::Pod& pod) {
  count(pod, pod.phase() == kube::PodPhase::kRunning && !pod.node().empty());
}

void ContainerInsights::on_pod_gone(kube::Pod& pod) {
  sample(pod, ctx_.engine.now());
  count(pod, false);
  counted(pod) = Counted{};
}

void ContainerInsights::sample(const kube::Pod& pod, SimTime now) {
  Counted& c = counted(pod);
  const double used_us = pod.cpu_used_us(now);
  const double area = used_us - c.sampled_us;
  if (area == 0) return;
  c.sampled_us = used_us;
  ctx_.metrics.add_ratio_area(workload_cpu(pod), area);
  // A Fargate pod is its own micro-VM, no node's.
  if (pod.shares_node()) ctx_.metrics.add_ratio_area(node_cpu_, area);
}

void ContainerInsights::on_period_end(SimTime end, Duration) {
  for (const kube::Pod* pod : cluster_.pods()) sample(*pod, end);
}

}  // namespace fleetsim
