#include "models/kubernetes/scheduler/node_info.hpp"

#include <algorithm>
#include <atomic>

namespace fleetsim::kube {

namespace {
// Process-wide, like kube-scheduler's nextGeneration(): a copy of a node keeps its generation and its
// pods together, and no two different pod sets share a number. Atomic, as simulations may run on
// several threads.
std::atomic<std::uint64_t> next_generation{0};
}  // namespace

Resources non_zero_requests(const Resources& requests) {
  // GetNonzeroRequests: a container without a request scores as if it asked for the defaults, so that
  // best-effort pods do not all pile onto one node.
  return {requests.cpu_milli == 0 ? kDefaultMilliCpuRequest : requests.cpu_milli,
          requests.memory_bytes == 0 ? kDefaultMemoryRequest : requests.memory_bytes};
}

void NodeInfo::add_pod(PodRecord pod) {
  Resources nz = non_zero_requests(pod.requests);
  requested.cpu_milli += pod.requests.cpu_milli;
  requested.memory_bytes += pod.requests.memory_bytes;
  non_zero_requested.cpu_milli += nz.cpu_milli;
  non_zero_requested.memory_bytes += nz.memory_bytes;
  if (!pod.required_anti_affinity.empty()) ++pods_with_required_anti_affinity;
  pods.push_back(std::move(pod));
  generation = ++next_generation;
}

bool NodeInfo::remove_pod(std::string_view namespace_name, std::string_view name) {
  auto it = std::find_if(pods.begin(), pods.end(),
                         [&](const PodRecord& p) { return p.name == name && p.namespace_name == namespace_name; });
  if (it == pods.end()) return false;
  Resources nz = non_zero_requests(it->requests);
  requested.cpu_milli -= it->requests.cpu_milli;
  requested.memory_bytes -= it->requests.memory_bytes;
  non_zero_requested.cpu_milli -= nz.cpu_milli;
  non_zero_requested.memory_bytes -= nz.memory_bytes;
  if (!it->required_anti_affinity.empty()) --pods_with_required_anti_affinity;
  pods.erase(it);
  generation = ++next_generation;
  return true;
}

bool NodeInfo::has_image(std::string_view image) const {
  return std::find(images.begin(), images.end(), image) != images.end();
}

PodRecord PodSchedulingSpec::record() const {
  return {name, namespace_name, labels, priority, requests, affinity.pod_anti.required};
}

std::string normalized_image_name(std::string_view image) {
  // imagelocality normalizedImageName: a reference whose last ':' is not after its last '/' has no tag.
  auto colon = image.rfind(':');
  auto slash = image.rfind('/');
  std::string out(image);
  if (colon == std::string_view::npos || (slash != std::string_view::npos && colon < slash)) out += ":latest";
  return out;
}

}  // namespace fleetsim::kube
