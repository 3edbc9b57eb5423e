#pragma once
/// A Deployment: its ReplicaSets (one per pod template) and the rolling update between them, as the
/// Deployment controller runs it (pkg/controller/deployment: rolling.go, sync.go).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/kubernetes/replica_set.hpp"

namespace fleetsim::kube {

/// A Deployment as applied, with its pod template compiled.
struct DeploymentSpec {
  Deployment object;         ///< the object, defaulted by the API server
  PodBlueprint blueprint;    ///< its pod template, compiled
  std::string template_key;  ///< the template as text: a new one starts a rollout (its hash names the ReplicaSet)
  /// The object's namespace and name.
  const std::string& ns() const { return object.metadata.ns; }
  const std::string& name() const { return object.metadata.name; }
};

/// One Deployment's controller: its ReplicaSets and their rollout.
class DeploymentController : public ReplicaSetListener {
 public:
  /// Creates the Deployment in `cluster`; its first ReplicaSet scales up at start().
  DeploymentController(Cluster& cluster, DeploymentSpec spec);
  /// Starts reconciling.
  void start() { reconcile(); }
  /// kubectl apply of a changed object: a new template rolls out, a new replica count scales.
  void apply(DeploymentSpec spec);
  /// Sets spec.replicas (the scale subresource: kubectl scale, an autoscaler).
  void scale(int replicas);

  void on_replica_set_changed(ReplicaSet& rs) override;

  const DeploymentSpec& spec() const { return spec_; }
  /// Pods of every ReplicaSet, not terminating.
  int current() const;
  /// Ready pods of every ReplicaSet.
  int ready() const;
  /// Container restarts of the pods of every ReplicaSet so far.
  std::int64_t restarts() const;
  /// Its ReplicaSets, oldest first; the last is the newest.
  const std::vector<std::unique_ptr<ReplicaSet>>& replica_sets() const { return sets_; }

 private:
  void reconcile();
  void rolling_update(ReplicaSet& fresh);
  void scale_set(ReplicaSet& rs, int replicas);
  ReplicaSet& replica_set_for_template();
  void on_reconcile(std::uint64_t);
  void on_min_ready(std::uint64_t);
  Duration min_ready() const { return Duration::seconds(spec_.object.min_ready_seconds); }

  Cluster& cluster_;
  DeploymentSpec spec_;
  std::vector<std::unique_ptr<ReplicaSet>> sets_;
  EventId pending_;  // a reconcile asked for this instant
  bool reconciling_ = false;
};

/// The name suffix of a pod template hash: FNV-1a of the template, its decimal digits mapped to
/// Kubernetes' safe alphabet (rand.SafeEncodeString).
std::string template_hash(const std::string& template_key);

}  // namespace fleetsim::kube
