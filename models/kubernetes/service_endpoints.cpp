#include "models/kubernetes/service_endpoints.hpp"

#include <algorithm>

namespace fleetsim::kube {

void ServiceEndpoints::on_pod_readiness(Pod& pod) {
  if (pod.ns() != ns_ || !matches(selector_, pod.blueprint().scheduling.labels)) return;
  const bool ready = pod.ready() && !pod.terminating();
  const bool listed = index_.count(&pod) != 0;
  if (ready == listed) return;
  if (!ready) {
    remove(pod);
    return;
  }
  index_[&pod] = all_.size();
  all_.push_back(&pod);
  by_node_[pod.node()].push_back(&pod);
}

void ServiceEndpoints::on_pod_gone(Pod& pod) {
  if (index_.count(&pod) != 0) remove(pod);
}

void ServiceEndpoints::remove(const Pod& pod) {
  auto it = index_.find(&pod);
  const std::size_t at = it->second;
  index_.erase(it);
  if (at + 1 != all_.size()) {
    all_[at] = all_.back();
    index_[all_[at]] = at;
  }
  all_.pop_back();
  std::vector<Pod*>& local = by_node_[pod.node()];
  local.erase(std::find(local.begin(), local.end(), &pod));
}

}  // namespace fleetsim::kube
