#include "models/kubernetes/deployment.hpp"

#include <algorithm>

#include "models/kubernetes/controllers/rolling_update.hpp"

namespace fleetsim::kube {

std::string template_hash(const std::string& template_key) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : template_key) h = (h ^ c) * 16777619u;
  std::string digits = std::to_string(h), out;
  for (char c : digits) out += kNameAlphabet[static_cast<unsigned char>(c) % kNameAlphabet.size()];
  return out;
}

DeploymentController::DeploymentController(Cluster& cluster, DeploymentSpec spec)
    : cluster_(cluster), spec_(std::move(spec)) {}

ReplicaSet& DeploymentController::replica_set_for_template() {
  std::string name = spec_.name() + "-" + template_hash(spec_.template_key);
  for (auto& rs : sets_) {
    if (rs->name() == name) {
      // Rolling back to an old template revives its ReplicaSet: it becomes the newest.
      auto it = std::find(sets_.begin(), sets_.end(), rs);
      std::rotate(it, it + 1, sets_.end());
      return *sets_.back();
    }
  }
  PodBlueprint b = spec_.blueprint;
  b.scheduling.labels["pod-template-hash"] = template_hash(spec_.template_key);
  sets_.push_back(std::make_unique<ReplicaSet>(cluster_, name, std::move(b), this));
  return *sets_.back();
}

void DeploymentController::apply(DeploymentSpec spec) {
  spec_ = std::move(spec);
  reconcile();
}

void DeploymentController::scale(int replicas) {
  spec_.object.replicas = replicas;
  reconcile();
}

int DeploymentController::current() const {
  int n = 0;
  for (const auto& rs : sets_) n += rs->current();
  return n;
}

std::int64_t DeploymentController::restarts() const {
  std::int64_t n = 0;
  for (const auto& rs : sets_) n += rs->restarts();
  return n;
}

int DeploymentController::ready() const {
  int n = 0;
  for (const auto& rs : sets_) n += rs->ready();
  return n;
}

void DeploymentController::scale_set(ReplicaSet& rs, int replicas) {
  if (rs.replicas() == replicas) return;
  const char* how = replicas > rs.replicas() ? "up" : "down";
  cluster_.event("Deployment", spec_.ns(), spec_.name(), "Normal", "ScalingReplicaSet",
                 std::string("Scaled ") + how + " replica set " + rs.name() + " to " + std::to_string(replicas) +
                     " from " + std::to_string(rs.replicas()));
  rs.scale(replicas);
}

void DeploymentController::on_replica_set_changed(ReplicaSet&) {
  // Pod changes come in bursts within one instant: reconcile once, after them.
  Engine& engine = cluster_.context().engine;
  if (!pending_ && !reconciling_)
    pending_ = engine.schedule_after<&DeploymentController::on_reconcile>(Duration{}, this);
  // A pod that just became ready becomes available minReadySeconds later: look again then.
  if (min_ready().us() > 0) engine.schedule_after<&DeploymentController::on_min_ready>(min_ready(), this);
}

void DeploymentController::on_min_ready(std::uint64_t) { reconcile(); }

void DeploymentController::on_reconcile(std::uint64_t) {
  pending_ = EventId{};
  reconcile();
}

void DeploymentController::reconcile() {
  reconciling_ = true;
  ReplicaSet& fresh = replica_set_for_template();
  if (spec_.object.strategy.recreate) {
    // Recreate: every old pod goes before a new one is created.
    bool old_left = false;
    for (auto& rs : sets_) {
      if (rs.get() == &fresh) continue;
      scale_set(*rs, 0);
      old_left = old_left || rs->current() > 0;
    }
    if (!old_left) scale_set(fresh, spec_.object.replicas);
  } else {
    rolling_update(fresh);
  }
  reconciling_ = false;
}

void DeploymentController::rolling_update(ReplicaSet& fresh) {
  ReplicaSetCounts new_set{fresh.replicas(), fresh.available(min_ready())};
  std::vector<ReplicaSet*> old;
  std::vector<ReplicaSetCounts> old_counts;
  for (auto& rs : sets_) {
    if (rs.get() == &fresh) continue;
    old.push_back(rs.get());
    old_counts.push_back({rs->replicas(), rs->available(min_ready())});
  }
  RolloutStep step = rolling_update_step(spec_.object.strategy, spec_.object.replicas, new_set, old_counts);
  scale_set(fresh, step.new_replicas);
  for (std::size_t i = 0; i < old.size(); ++i) scale_set(*old[i], step.old_replicas[i]);
}

}  // namespace fleetsim::kube
