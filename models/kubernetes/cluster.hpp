#pragma once
/// One Kubernetes cluster's control plane as the simulation needs it: the pods and who owns them, the
/// event stream (PodStatusChange, KubernetesEvent) and the watchers of pods' readiness (endpoints).

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/api/launch_platform.hpp"
#include "models/api/run_context.hpp"
#include "models/kubernetes/pod.hpp"
#include "models/network/ip_allocator.hpp"

namespace fleetsim::kube {

/// Where pods run: the cloud side (EKS: a Fargate profile's platform, or the node group scheduler).
class PodPlacement {
 public:
  virtual ~PodPlacement() = default;
  /// The platform a pod of `blueprint` is placed through.
  virtual LaunchPlatform& platform_for(const PodBlueprint& blueprint) = 0;
};

/// A controller that owns pods (a ReplicaSet, a Job): hears their changes to reconcile.
class PodOwner {
 public:
  virtual ~PodOwner() = default;
  /// A pod of its changed phase or readiness.
  virtual void on_owned_pod_changed(Pod& pod) = 0;
  /// A pod of its is gone (after this call the cluster destroys it).
  virtual void on_owned_pod_gone(Pod& pod) = 0;
  /// A pod of its began terminating (deleted by someone else: an eviction, a lost node).
  virtual void on_owned_pod_terminating(Pod&) {}
};

/// Watches every pod's readiness: Services' endpoints, the load balancer controller.
class PodWatcher {
 public:
  virtual ~PodWatcher() = default;
  /// `pod` became ready, or stopped being ready, or began terminating.
  virtual void on_pod_readiness(Pod& pod) = 0;
  /// `pod` is gone: it must not be reached any more.
  virtual void on_pod_gone(Pod& pod) = 0;
  /// `pod` was just created in its slot (state kept for an earlier pod of that slot is stale).
  virtual void on_pod_created(Pod&) {}
};

/// A cluster's pods.
class Cluster : public PodListener {
 public:
  /// The cluster `name`, placing pods through `placement`, giving them addresses from `ips`.
  Cluster(RunContext& ctx, std::string name, PodPlacement& placement, IpAllocator& ips, KubeletTimings timings);
  ~Cluster() override;

  /// Creates and starts the pod `name` of `blueprint`, owned by `owner` (nullptr for a bare Pod), drawing
  /// its start-up times from `rng`.
  Pod& create_pod(const PodBlueprint& blueprint, PodOwner* owner, std::string name, Rng& rng);
  /// Deletes `pod` gracefully.
  void delete_pod(Pod& pod, const std::string& reason) { pod.terminate(reason); }
  /// Adds a watcher of readiness (never removed).
  void watch(PodWatcher* watcher) { watchers_.push_back(watcher); }
  /// Writes a KubernetesEvent about an object.
  void event(const char* kind, const std::string& ns, const std::string& name, const char* type,
             const std::string& reason, const std::string& message);

  void on_pod_changed(Pod& pod, const std::string& reason) override;
  void on_pod_terminating(Pod& pod) override;
  void on_pod_gone(Pod& pod) override;
  void on_pod_event(Pod& pod, const char* type, const std::string& reason, const std::string& message) override;

  const std::string& name() const { return name_; }
  RunContext& context() const { return ctx_; }
  /// Every live pod, in creation order.
  const std::vector<Pod*>& pods() const { return live_; }
  /// Pods not yet bound to a node.
  int pending_pods() const;
  /// Restarts of every pod so far, the gone ones included.
  std::int64_t restarts() const { return restarts_gone_ + live_restarts(); }
  /// Restarts of the live pods so far, only those of `owner` when one is given.
  std::int64_t live_restarts(const PodOwner* owner = nullptr) const;

 private:
  void on_sweep(std::uint64_t);

  RunContext& ctx_;
  std::string name_;
  PodPlacement& placement_;
  IpAllocator& ips_;
  KubeletTimings timings_;
  std::map<const Pod*, std::unique_ptr<Pod>> owned_;  // keyed by address only to find; never iterated
  std::map<const Pod*, PodOwner*> owners_;
  std::vector<Pod*> live_;  // creation order
  std::vector<PodWatcher*> watchers_;
  std::vector<std::unique_ptr<Pod>> graveyard_;  // gone pods, freed once no callback can reach them
  std::vector<std::uint32_t> free_slots_;        // of freed pods, given again last freed first
  std::uint32_t slots_ = 0;                      // slots ever given
  EventId sweep_;
  std::int64_t restarts_gone_ = 0;
};

}  // namespace fleetsim::kube
