#include "models/kubernetes/pod_blueprint.hpp"

#include <algorithm>

namespace fleetsim::kube {

PodBlueprint PodBlueprint::compile(const PodTemplateSpec& t, int priority) {
  PodBlueprint b;
  const PodSpec& spec = t.spec;
  // The serving container: the first with a port, else the first (what a Service's targetPort reaches).
  const Container* serving = spec.containers.empty() ? nullptr : &spec.containers.front();
  for (const Container& c : spec.containers) {
    if (!c.ports.empty()) {
      serving = &c;
      break;
    }
  }
  Resources sum, init, limits;
  bool every_cpu_limited = !spec.containers.empty();
  bool every_memory_limited = every_cpu_limited;
  for (const Container& c : spec.containers) {
    sum.cpu_milli += c.requests.cpu_milli;
    sum.memory_bytes += c.requests.memory_bytes;
    limits.cpu_milli += c.limits.cpu_milli;
    limits.memory_bytes += c.limits.memory_bytes;
    every_cpu_limited = every_cpu_limited && c.limits.cpu_milli > 0;
    every_memory_limited = every_memory_limited && c.limits.memory_bytes > 0;
  }
  // Init containers run one at a time before the others: the pod needs the larger of the two
  // (the scheduler's effective request; EKS's Fargate sizing, aws-facts §10.4).
  for (const Container& c : spec.init_containers) {
    init.cpu_milli = std::max(init.cpu_milli, c.requests.cpu_milli);
    init.memory_bytes = std::max(init.memory_bytes, c.requests.memory_bytes);
  }
  b.scheduling.namespace_name = t.metadata.ns;
  b.scheduling.labels = t.metadata.labels;
  b.scheduling.requests = {std::max(sum.cpu_milli, init.cpu_milli), std::max(sum.memory_bytes, init.memory_bytes)};
  b.scheduling.node_selector = spec.node_selector;
  b.scheduling.affinity = spec.affinity;
  b.scheduling.tolerations = spec.tolerations;
  b.scheduling.topology_spread_constraints = spec.topology_spread_constraints;
  b.scheduling.priority = priority;
  for (const Container& c : spec.containers) b.scheduling.images.push_back(ImageRef{c.image, 0});
  // A container without a CPU limit may use all idle CPU: the pod is capped only when all are.
  b.cpu_limit_milli = every_cpu_limited ? limits.cpu_milli : 0;
  // The memory-usage knob is the pod's: it is bounded only when every container has a limit.
  b.memory_limit_bytes = every_memory_limited ? limits.memory_bytes : 0;
  if (serving != nullptr) {
    b.container_name = serving->name;
    b.image = serving->image;
    b.always_pull = serving->image_pull_policy == PullPolicy::kAlways;
    b.container_port = serving->ports.empty() ? 0 : serving->ports.front().container_port;
    b.startup = serving->startup_probe;
    b.readiness = serving->readiness_probe;
    b.liveness = serving->liveness_probe;
    b.pre_stop = Duration::seconds(serving->pre_stop_sleep_seconds);
  }
  b.grace = Duration::seconds(spec.termination_grace_period_seconds);
  b.restart_policy = spec.restart_policy;
  b.app = t.knobs;
  return b;
}

}  // namespace fleetsim::kube
