#include "models/kubernetes/replica_set.hpp"

#include <algorithm>

namespace fleetsim::kube {

std::string random_name_suffix(Rng& rng, int length) {
  std::string out;
  for (int i = 0; i < length; ++i) out += kNameAlphabet[rng.next_below(kNameAlphabet.size())];
  return out;
}

ReplicaSet::ReplicaSet(Cluster& cluster, std::string name, PodBlueprint blueprint, ReplicaSetListener* listener)
    : cluster_(cluster),
      name_(std::move(name)),
      blueprint_(std::move(blueprint)),
      listener_(listener),
      rng_(cluster.context().stream("kubernetes/" + cluster.name() + "/" + blueprint_.scheduling.namespace_name + "/" +
                                    name_)) {
  blueprint_.owner_kind = "ReplicaSet";
  blueprint_.owner = name_;
  blueprint_.name_prefix = name_ + "-";
}

std::string ReplicaSet::pod_name() { return blueprint_.name_prefix + random_name_suffix(rng_); }

void ReplicaSet::scale(int replicas) {
  replicas_ = replicas;
  reconcile();
}

int ReplicaSet::ready() const {
  return static_cast<int>(std::count_if(pods_.begin(), pods_.end(), [](const Pod* p) { return p->ready(); }));
}

int ReplicaSet::available(Duration min_ready) const {
  SimTime now = cluster_.context().engine.now();
  return static_cast<int>(std::count_if(
      pods_.begin(), pods_.end(), [&](const Pod* p) { return p->ready() && p->ready_since() + min_ready <= now; }));
}

void ReplicaSet::reconcile() {
  while (current() < replicas_) {
    pods_.push_back(&cluster_.create_pod(blueprint_, this, pod_name(), rng_));
  }
  if (current() <= replicas_) return;
  // Which pods go first, as the controller ranks them (controller.ActivePods): unscheduled before
  // scheduled, pending before running, not ready before ready, ready for less time, more restarts,
  // newer first.
  std::vector<Pod*> order = pods_;
  std::stable_sort(order.begin(), order.end(), [](const Pod* a, const Pod* b) {
    if (a->node().empty() != b->node().empty()) return a->node().empty();
    if (a->phase() != b->phase()) return a->phase() == PodPhase::kPending;
    if (a->ready() != b->ready()) return !a->ready();
    if (a->ready() && a->ready_since() != b->ready_since()) return a->ready_since() > b->ready_since();
    if (a->restarts() != b->restarts()) return a->restarts() > b->restarts();
    return a->created() > b->created();
  });
  order.resize(static_cast<std::size_t>(current() - replicas_));
  for (Pod* p : order) {
    pods_.erase(std::find(pods_.begin(), pods_.end(), p));
    cluster_.delete_pod(*p, "scaled down");
  }
}

void ReplicaSet::on_owned_pod_changed(Pod&) {
  if (listener_ != nullptr) listener_->on_replica_set_changed(*this);
}

void ReplicaSet::on_owned_pod_terminating(Pod& pod) {
  // A pod being deleted is no longer active (controller.FilterActivePods): its replacement starts now,
  // not when its grace period ends.
  auto it = std::find(pods_.begin(), pods_.end(), &pod);
  if (it == pods_.end()) return;
  pods_.erase(it);
  reconcile();
  if (listener_ != nullptr) listener_->on_replica_set_changed(*this);
}

void ReplicaSet::on_owned_pod_gone(Pod& pod) {
  restarts_gone_ += pod.restarts();
  auto it = std::find(pods_.begin(), pods_.end(), &pod);
  if (it != pods_.end()) {
    // It died on its own (its node went away, it completed): replace it.
    pods_.erase(it);
    reconcile();
  }
  if (listener_ != nullptr) listener_->on_replica_set_changed(*this);
}

}  // namespace fleetsim::kube
