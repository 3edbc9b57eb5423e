#pragma once
/// A ReplicaSet: keeps `replicas` pods of its template alive, creating and deleting them as the
/// ReplicaSet controller does.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/kubernetes/cluster.hpp"

namespace fleetsim::kube {

class ReplicaSet;

/// Hears a ReplicaSet's pods change (its Deployment).
class ReplicaSetListener {
 public:
  virtual ~ReplicaSetListener() = default;
  /// A pod of `rs` changed readiness or went away.
  virtual void on_replica_set_changed(ReplicaSet& rs) = 0;
};

/// One ReplicaSet.
class ReplicaSet : public PodOwner {
 public:
  /// The ReplicaSet `name` in `cluster`, of `blueprint` (its name_prefix and owner are set here).
  ReplicaSet(Cluster& cluster, std::string name, PodBlueprint blueprint, ReplicaSetListener* listener);
  /// Sets spec.replicas: creates pods, or deletes the least valuable ones.
  void scale(int replicas);
  /// Pods not terminating (status.replicas).
  int current() const { return static_cast<int>(pods_.size()); }
  /// Ready pods.
  int ready() const;
  /// Pods ready for at least `min_ready` now (status.availableReplicas).
  int available(Duration min_ready) const;
  /// spec.replicas.
  int replicas() const { return replicas_; }
  const std::string& name() const { return name_; }
  const PodBlueprint& blueprint() const { return blueprint_; }
  /// Its pods, not terminating, oldest first.
  const std::vector<Pod*>& pods() const { return pods_; }
  /// Container restarts of its pods so far, the gone and terminating ones included.
  std::int64_t restarts() const { return restarts_gone_ + cluster_.live_restarts(this); }

  void on_owned_pod_changed(Pod& pod) override;
  void on_owned_pod_gone(Pod& pod) override;
  void on_owned_pod_terminating(Pod& pod) override;

 private:
  void reconcile();
  std::string pod_name();

  Cluster& cluster_;
  std::string name_;
  PodBlueprint blueprint_;
  ReplicaSetListener* listener_;
  Rng rng_;
  int replicas_ = 0;
  std::vector<Pod*> pods_;  // live, not terminating, creation order
  std::int64_t restarts_gone_ = 0;
};

/// The characters of generated names and template hashes (k8s.io/apimachinery/pkg/util/rand: no vowels,
/// so no words, and no confusable characters).
inline constexpr std::string_view kNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

/// The 5 characters Kubernetes appends to generated names (rand.String: consonants and digits only).
std::string random_name_suffix(Rng& rng, int length = 5);

}  // namespace fleetsim::kube
