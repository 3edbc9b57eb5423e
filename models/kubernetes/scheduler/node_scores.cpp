#include "models/kubernetes/scheduler/node_scores.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim::kube {

namespace {

std::int64_t least_requested(std::int64_t requested, std::int64_t capacity) {
  if (capacity == 0 || requested > capacity) return 0;
  return (capacity - requested) * kMaxNodeScore / capacity;
}

double fraction(std::int64_t requested, std::int64_t capacity) {
  return std::min(1.0, static_cast<double>(requested) / static_cast<double>(capacity));
}

// ImageLocality's bounds: typical compressed image sizes (imagelocality minThreshold,
// maxContainerThreshold).
constexpr std::int64_t kMiB = 1024 * 1024;
constexpr std::int64_t kImageMinThreshold = 23 * kMiB;
constexpr std::int64_t kImageMaxContainerThreshold = 1000 * kMiB;

}  // namespace

std::int64_t least_allocated_score(const PodSchedulingSpec& pod, const NodeInfo& node) {
  Resources nz = non_zero_requests(pod.requests);
  std::int64_t cpu = least_requested(node.non_zero_requested.cpu_milli + nz.cpu_milli, node.allocatable.cpu_milli);
  std::int64_t mem =
      least_requested(node.non_zero_requested.memory_bytes + nz.memory_bytes, node.allocatable.memory_bytes);
  return (cpu + mem) / 2;
}

bool balanced_allocation_skips(const PodSchedulingSpec& pod) {
  return pod.requests.cpu_milli == 0 && pod.requests.memory_bytes == 0;
}

std::int64_t balanced_allocation_score(const PodSchedulingSpec& pod, const NodeInfo& node) {
  // Resources with no allocatable are left out; with fewer than two the deviation is 0.
  double f[2];
  int n = 0;
  if (node.allocatable.cpu_milli > 0)
    f[n++] = fraction(node.requested.cpu_milli + pod.requests.cpu_milli, node.allocatable.cpu_milli);
  if (node.allocatable.memory_bytes > 0)
    f[n++] = fraction(node.requested.memory_bytes + pod.requests.memory_bytes, node.allocatable.memory_bytes);
  double std_dev = n == 2 ? std::abs((f[0] - f[1]) / 2) : 0.0;
  return static_cast<std::int64_t>((1 - std_dev) * static_cast<double>(kMaxNodeScore));
}

std::int64_t image_locality_score(const PodSchedulingSpec& pod, const NodeInfo& node,
                                  std::span<const int> nodes_with_image, std::size_t total_nodes) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < pod.images.size(); ++i) {
    if (total_nodes == 0 || !node.has_image(normalized_image_name(pod.images[i].name))) continue;
    // scaledImageScore: an image on few nodes counts for little, against the "node heating" problem.
    double spread = static_cast<double>(nodes_with_image[i]) / static_cast<double>(total_nodes);
    sum += static_cast<std::int64_t>(static_cast<double>(pod.images[i].size_bytes) * spread);
  }
  std::int64_t max_threshold = kImageMaxContainerThreshold * static_cast<std::int64_t>(pod.images.size());
  if (max_threshold <= kImageMinThreshold) return 0;
  sum = std::clamp(sum, kImageMinThreshold, max_threshold);
  return kMaxNodeScore * (sum - kImageMinThreshold) / (max_threshold - kImageMinThreshold);
}

std::int64_t intolerable_prefer_no_schedule_taints(const PodSchedulingSpec& pod, const NodeInfo& node) {
  // getAllTolerationPreferNoSchedule: only tolerations with no effect or PreferNoSchedule count.
  std::int64_t n = 0;
  for (const Taint& taint : node.taints) {
    if (taint.effect != TaintEffect::kPreferNoSchedule) continue;
    bool ok = std::any_of(pod.tolerations.begin(), pod.tolerations.end(), [&](const Toleration& t) {
      return (!t.effect || *t.effect == TaintEffect::kPreferNoSchedule) && tolerates(t, taint);
    });
    if (!ok) ++n;
  }
  return n;
}

std::int64_t preferred_node_affinity_weight(const PodSchedulingSpec& pod, const NodeInfo& node) {
  std::int64_t sum = 0;
  for (const auto& p : pod.affinity.node.preferred) {
    if (p.weight != 0 && matches(p.preference, node.labels)) sum += p.weight;
  }
  return sum;
}

void default_normalize(std::span<std::int64_t> scores, bool reverse) {
  std::int64_t max = 0;
  for (auto s : scores) max = std::max(max, s);
  for (auto& s : scores) {
    if (max == 0) {
      s = reverse ? kMaxNodeScore : s;
      continue;
    }
    s = kMaxNodeScore * s / max;
    if (reverse) s = kMaxNodeScore - s;
  }
}

}  // namespace fleetsim::kube
