#pragma once
/// The AWS Load Balancer Controller's target binding for one Ingress backend in `ip` mode: the ready
/// pods of the backend Service are registered in the target group, not-ready and terminating ones
/// deregistered, each a sync delay after the change (the controller watches endpoints and calls elbv2).
/// That delay is the termination race: a pod that stops at once still gets requests until its target
/// is deregistered, and those requests fail (502) unless a preStop sleep covers it.

#include <map>
#include <string>

#include "models/eks/target_sync.hpp"
#include "models/kubernetes/cluster.hpp"

namespace fleetsim {

/// A pod as a target: it outlives the pod until the target group has drained it.
class PodTarget : public SyncedTarget {
 public:
  PodTarget(TargetSync& owner, std::uint64_t id, kube::Pod* pod, int port)
      : SyncedTarget(owner, id), pod_(pod), port_(port) {}
  TargetInfo info() const override;
  ProbeAnswer probe_answer() const override { return pod_ ? pod_->probe_answer() : ProbeAnswer::kRefused; }
  void serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) override;
  std::uint32_t outstanding() const override { return pod_ ? pod_->outstanding() : 0; }

  kube::Pod* pod_;  ///< nullptr once the pod is gone

 private:
  int port_;
};

/// One backend Service of an Ingress, bound to its target group.
class IngressTargets : public kube::PodWatcher {
 public:
  /// Pods of `ns` matching `selector`, serving on `port`, registered in `group` `sync_delay` after a change.
  IngressTargets(kube::Cluster& cluster, std::string ns, kube::LabelSelector selector, int port, TargetGroupPort& group,
                 Duration sync_delay);
  void on_pod_readiness(kube::Pod& pod) override;
  void on_pod_gone(kube::Pod& pod) override;

 private:
  bool selects(const kube::Pod& pod) const;

  std::string ns_;
  kube::LabelSelector selector_;
  int port_;
  TargetSync sync_;
  std::map<const kube::Pod*, PodTarget*> by_pod_;  // looked up, never iterated
};

}  // namespace fleetsim
