#include "models/eks/ingress_targets.hpp"

namespace fleetsim {

TargetInfo PodTarget::info() const {
  return TargetInfo{pod_->ip_address() + ":" + std::to_string(port_), pod_->availability_zone(), true};
}

void PodTarget::serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) {
  // The pod is gone but its target is still registered: nothing answers at its address.
  if (pod_ == nullptr) {
    observer->on_dropped(token);
    return;
  }
  pod_->serve(token, cpu_ms, observer);
}

IngressTargets::IngressTargets(kube::Cluster& cluster, std::string ns, kube::LabelSelector selector, int port,
                               TargetGroupPort& group, Duration sync_delay)
    : ns_(std::move(ns)),
      selector_(std::move(selector)),
      port_(port),
      sync_(cluster.context().engine, group, sync_delay) {}

bool IngressTargets::selects(const kube::Pod& pod) const {
  return pod.ns() == ns_ && kube::matches(selector_, pod.blueprint().scheduling.labels);
}

void IngressTargets::on_pod_readiness(kube::Pod& pod) {
  if (!selects(pod)) return;
  auto it = by_pod_.find(&pod);
  PodTarget* target = it == by_pod_.end() ? nullptr : it->second;
  bool want = pod.ready() && !pod.terminating();
  if (target == nullptr) {
    if (!want) return;
    target = &sync_.add<PodTarget>(&pod, port_);
    by_pod_[&pod] = target;
  }
  sync_.want(*target, want);
}

void IngressTargets::on_pod_gone(kube::Pod& pod) {
  auto it = by_pod_.find(&pod);
  if (it == by_pod_.end()) return;
  PodTarget& target = *it->second;
  by_pod_.erase(it);
  target.pod_ = nullptr;
  sync_.forget(target);
}

}  // namespace fleetsim
