#pragma once
/// The score plugins that need only the node (and, for ImageLocality, how many nodes hold an image),
/// each on kube-scheduler's 0-100 scale, and the shared normalisation (pkg/scheduler/framework/plugins).

#include <cstdint>
#include <span>

#include "models/kubernetes/scheduler/node_info.hpp"

namespace fleetsim::kube {

/// The highest score a plugin gives a node (framework.MaxNodeScore).
inline constexpr std::int64_t kMaxNodeScore = 100;

/// NodeResourcesFit with LeastAllocated, cpu and memory weight 1: mean of (allocatable - requested) x
/// 100 / allocatable, with non-zero requests and the incoming pod included.
std::int64_t least_allocated_score(const PodSchedulingSpec& pod, const NodeInfo& node);
/// NodeResourcesBalancedAllocation: (1 - |cpu fraction - memory fraction| / 2) x 100, fractions capped
/// at 1, with actual requests and the incoming pod included.
std::int64_t balanced_allocation_score(const PodSchedulingSpec& pod, const NodeInfo& node);
/// True when BalancedAllocation skips the pod (it requests neither cpu nor memory).
bool balanced_allocation_skips(const PodSchedulingSpec& pod);
/// ImageLocality: the sizes of the pod's images present on the node, each scaled by the share of
/// `total_nodes` holding it (`nodes_with_image[i]` for `pod.images[i]`), mapped from 23 MiB..1000 MiB
/// per container onto 0-100.
std::int64_t image_locality_score(const PodSchedulingSpec& pod, const NodeInfo& node,
                                  std::span<const int> nodes_with_image, std::size_t total_nodes);
/// TaintToleration's raw score: PreferNoSchedule taints the pod does not tolerate (normalised reversed).
std::int64_t intolerable_prefer_no_schedule_taints(const PodSchedulingSpec& pod, const NodeInfo& node);
/// NodeAffinity's raw score: the summed weights of the preferred terms the node matches.
std::int64_t preferred_node_affinity_weight(const PodSchedulingSpec& pod, const NodeInfo& node);

/// DefaultNormalizeScore: scales to 0-100 by the maximum; `reverse` turns "more" into "worse".
void default_normalize(std::span<std::int64_t> scores, bool reverse);

}  // namespace fleetsim::kube
