#include "models/eks/ingress_targets.hpp"

namespace fleetsim {

void PodTarget::serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) {
  // The pod is gone but its target is still registered: nothing answers at its address.
  if (pod_ == nullptr) {
    observer->on_dropped(token);
    return;
  }
  pod_->serve(token, cpu_ms, observer);
}

void PodTarget::on_target_drained() { owner_.drained(*this); }

IngressTargets::IngressTargets(kube::Cluster& cluster, std::string ns, kube::LabelSelector selector, int port,
                               TargetGroupPort& group, Duration sync_delay)
    : cluster_(cluster),
      ns_(std::move(ns)),
      selector_(std::move(selector)),
      port_(port),
      group_(group),
      sync_delay_(sync_delay) {}

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
    auto made = std::make_unique<PodTarget>(*this, &pod, next_id_++);
    target = made.get();
    targets_.emplace(target->id, std::move(made));
    by_pod_[&pod] = target;
  }
  if (target->wanted == want) return;
  target->wanted = want;
  sync_later(*target);
}

void IngressTargets::on_pod_gone(kube::Pod& pod) {
  auto it = by_pod_.find(&pod);
  if (it == by_pod_.end()) return;
  PodTarget& target = *it->second;
  by_pod_.erase(it);
  target.pod_ = nullptr;
  if (target.wanted) {
    target.wanted = false;
    sync_later(target);
  } else if (!target.handle.valid() && !target.sync && !target.draining) {
    targets_.erase(target.id);
  }
}

void IngressTargets::sync_later(PodTarget& target) {
  if (!target.sync)
    target.sync = cluster_.context().engine.schedule_after<&IngressTargets::on_sync>(sync_delay_, this, target.id);
}

void IngressTargets::on_sync(std::uint64_t id) {
  auto it = targets_.find(id);
  if (it == targets_.end()) return;
  PodTarget& target = *it->second;
  target.sync = EventId{};
  if (target.wanted && !target.handle.valid()) {
    const kube::Pod& pod = *target.pod_;
    target.handle = group_.register_target(
        &target, TargetInfo{pod.ip_address() + ":" + std::to_string(port_), pod.availability_zone(), true}, &target);
  } else if (!target.wanted && target.handle.valid()) {
    group_.deregister_target(target.handle);
    target.handle = TargetHandle{};
    target.draining = true;
  } else if (!target.wanted && target.pod_ == nullptr && !target.draining) {
    targets_.erase(it);
  }
}

void IngressTargets::drained(PodTarget& target) {
  // A target of a gone pod is freed; one whose pod lives on (not ready for a while) waits to return.
  target.draining = false;
  if (target.pod_ == nullptr && !target.wanted && !target.sync) targets_.erase(target.id);
}

}  // namespace fleetsim
