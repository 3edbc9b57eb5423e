#pragma once
/// The AWS Load Balancer Controller's target binding for one Ingress backend in `ip` mode: the ready
/// pods of the backend Service are registered in the target group, not-ready and terminating ones
/// deregistered, each a sync delay after the change (the controller watches endpoints and calls elbv2).
/// That delay is the termination race: a pod that stops at once still gets requests until its target
/// is deregistered, and those requests fail (502) unless a preStop sleep covers the delay.

#include <map>
#include <memory>
#include <string>

#include "models/api/load_balancing.hpp"
#include "models/kubernetes/cluster.hpp"

namespace fleetsim {

class IngressTargets;

/// A pod as a target: it outlives the pod until the target group has drained it.
class PodTarget : public ServingTarget, public TargetOwner {
 public:
  PodTarget(IngressTargets& owner, kube::Pod* pod, std::uint64_t id) : pod_(pod), id(id), owner_(owner) {}
  ProbeAnswer probe_answer() const override { return pod_ ? pod_->probe_answer() : ProbeAnswer::kRefused; }
  void serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) override;
  std::uint32_t outstanding() const override { return pod_ ? pod_->outstanding() : 0; }
  void on_target_healthy(const std::string&) override {}
  void on_target_unhealthy(const std::string&, const std::string&) override {}
  void on_target_drained() override;

  kube::Pod* pod_;        ///< nullptr once the pod is gone
  std::uint64_t id;       ///< its key in IngressTargets (timers carry it)
  TargetHandle handle;    ///< its registration, when registered
  bool wanted = false;    ///< the controller's goal: registered (the pod is ready) or not
  EventId sync;           ///< the controller's pending elbv2 call
  bool draining = false;  ///< deregistered, the group still draining it

 private:
  IngressTargets& owner_;
};

/// One backend Service of an Ingress, bound to its target group.
class IngressTargets : public kube::PodWatcher {
 public:
  /// Pods of `ns` matching `selector`, serving on `port`, registered in `group` `sync_delay` after a change.
  IngressTargets(kube::Cluster& cluster, std::string ns, kube::LabelSelector selector, int port, TargetGroupPort& group,
                 Duration sync_delay);
  void on_pod_readiness(kube::Pod& pod) override;
  void on_pod_gone(kube::Pod& pod) override;
  /// The group drained `target`: it can go.
  void drained(PodTarget& target);

 private:
  bool selects(const kube::Pod& pod) const;
  void on_sync(std::uint64_t payload);
  void sync_later(PodTarget& target);

  kube::Cluster& cluster_;
  std::string ns_;
  kube::LabelSelector selector_;
  int port_;
  TargetGroupPort& group_;
  Duration sync_delay_;
  std::map<const kube::Pod*, PodTarget*> by_pod_;                // looked up, never iterated
  std::map<std::uint64_t, std::unique_ptr<PodTarget>> targets_;  // by id: timers carry the id
  std::uint64_t next_id_ = 0;
};

}  // namespace fleetsim
