#include "models/kubernetes/node_drain.hpp"

namespace fleetsim::kube {

NodeDrain::NodeDrain(Cluster& cluster, EvictionApi& evictions, std::string node)
    : cluster_(cluster), evictions_(evictions), node_(std::move(node)) {}

NodeDrain::~NodeDrain() { cluster_.context().engine.cancel(retry_); }

void NodeDrain::start() {
  // kubectl lists the node's pods once and evicts each in its own goroutine; they all start together,
  // so every retry of a refused one falls on the same 5 s ticks.
  for (const Pod* p : cluster_.pods()) {
    if (p->node() == node_ && !p->terminating()) left_.push_back({p->ns(), p->name()});
  }
  try_all();
}

void NodeDrain::try_all() {
  std::vector<PodKey> refused;
  for (const PodKey& key : left_) {
    Pod* pod = nullptr;
    for (Pod* p : cluster_.pods()) {
      if (p->ns() == key.ns && p->name() == key.name) pod = p;
    }
    if (pod == nullptr) continue;  // 404: gone already, nothing to wait for
    const EvictionAnswer answer = evictions_.evict(*pod, "Drained by kubectl drain");
    if (answer.code == 429) refused.push_back(key);
    // Any other error ends kubectl's goroutine for that pod: the drain reports it and leaves the pod.
  }
  left_.swap(refused);
  if (!left_.empty()) retry_ = cluster_.context().engine.schedule_after<&NodeDrain::on_retry>(kRetry, this);
}

void NodeDrain::on_retry(std::uint64_t) {
  retry_ = EventId{};
  try_all();
}

}  // namespace fleetsim::kube
