#include "models/kubernetes/cluster.hpp"

#include <algorithm>

namespace fleetsim::kube {

Cluster::Cluster(RunContext& ctx, std::string name, PodPlacement& placement, IpAllocator& ips, KubeletTimings timings)
    : ctx_(ctx), name_(std::move(name)), placement_(placement), ips_(ips), timings_(timings) {}

Cluster::~Cluster() = default;

Pod& Cluster::create_pod(const PodBlueprint& blueprint, PodOwner* owner, std::string name, Rng& rng) {
  std::uint32_t slot = slots_;
  if (free_slots_.empty()) {
    ++slots_;
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  auto pod = std::make_unique<Pod>(ctx_, rng, *this, blueprint, std::move(name), ips_.next(), timings_, slot);
  Pod& ref = *pod;
  for (PodWatcher* w : watchers_) w->on_pod_created(ref);
  owned_.emplace(&ref, std::move(pod));
  owners_.emplace(&ref, owner);
  live_.push_back(&ref);
  ref.start(placement_.platform_for(blueprint));
  return ref;
}

void Cluster::event(const char* kind, const std::string& ns, const std::string& name, const char* type,
                    const std::string& reason, const std::string& message) {
  if (!ctx_.events.enabled()) return;
  nlohmann::ordered_json involved{{"kind", kind}, {"namespace", ns}, {"name", name}};
  ctx_.events.emit(ctx_.engine.now(), "KubernetesEvent",
                   {{"cluster", name_},
                    {"involvedObject", std::move(involved)},
                    {"eventType", type},
                    {"reason", reason},
                    {"message", message}});
}

void Cluster::on_pod_changed(Pod& pod, const std::string& reason) {
  if (ctx_.events.enabled()) {
    nlohmann::ordered_json e{{"cluster", name_},     {"namespace", pod.ns()},
                             {"pod", pod.name()},    {"owner", pod.blueprint().owner},
                             {"node", pod.node()},   {"phase", phase_name(pod.phase())},
                             {"ready", pod.ready()}, {"reason", reason}};
    // A container's exit of its own (Completed 0, Error 1, OOMKilled 137, killed after a failed probe 143),
    // as its terminated state says; a deleted pod's SIGTERM is told by its Terminated reason alone.
    if (pod.exit_code() >= 0 && !pod.terminating()) e["exitCode"] = pod.exit_code();
    ctx_.events.emit(ctx_.engine.now(), "PodStatusChange", e);
  }
  if (reason == "Scheduled") {
    event("Pod", pod.ns(), pod.name(), "Normal", "Scheduled",
          "Successfully assigned " + pod.ns() + "/" + pod.name() + " to " + pod.node());
  }
  for (PodWatcher* w : watchers_) w->on_pod_readiness(pod);
  if (PodOwner* owner = owners_[&pod]) owner->on_owned_pod_changed(pod);
}

void Cluster::on_pod_terminating(Pod& pod) {
  for (PodWatcher* w : watchers_) w->on_pod_readiness(pod);
  if (PodOwner* owner = owners_[&pod]) owner->on_owned_pod_terminating(pod);
}

void Cluster::on_pod_event(Pod& pod, const char* type, const std::string& reason, const std::string& message) {
  event("Pod", pod.ns(), pod.name(), type, reason, message);
}

void Cluster::on_pod_gone(Pod& pod) {
  if (ctx_.events.enabled()) {
    ctx_.events.emit(ctx_.engine.now(), "PodStatusChange",
                     {{"cluster", name_},
                      {"namespace", pod.ns()},
                      {"pod", pod.name()},
                      {"owner", pod.blueprint().owner},
                      {"node", pod.node()},
                      {"phase", phase_name(pod.phase())},
                      {"ready", false},
                      {"reason", "Deleted"}});
  }
  for (PodWatcher* w : watchers_) w->on_pod_gone(pod);
  restarts_gone_ += pod.restarts();
  live_.erase(std::find(live_.begin(), live_.end(), &pod));
  auto node = owned_.extract(&pod);
  PodOwner* owner = owners_[&pod];
  owners_.erase(&pod);
  graveyard_.push_back(std::move(node.mapped()));
  // The pod may still be on the stack (this is its own call): free it once this instant's work is done.
  if (!sweep_) sweep_ = ctx_.engine.schedule_after<&Cluster::on_sweep>(Duration{}, this);
  if (owner != nullptr) owner->on_owned_pod_gone(pod);
}

void Cluster::on_sweep(std::uint64_t) {
  sweep_ = EventId{};
  for (const auto& pod : graveyard_) free_slots_.push_back(pod->slot());
  graveyard_.clear();
}

int Cluster::pending_pods() const {
  return static_cast<int>(
      std::count_if(live_.begin(), live_.end(), [](const Pod* p) { return p->node().empty() && !p->terminating(); }));
}

std::int64_t Cluster::live_restarts(const PodOwner* owner) const {
  std::int64_t n = 0;
  for (const Pod* p : live_) {
    if (owner == nullptr || owners_.at(p) == owner) n += p->restarts();
  }
  return n;
}

}  // namespace fleetsim::kube
