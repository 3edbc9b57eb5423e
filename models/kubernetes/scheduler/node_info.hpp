#pragma once
/// What kube-scheduler knows of a node and of the pod it places: the scheduler cache's NodeInfo, cut
/// down to what the default plugins read, and the parts of a pod spec that scheduling depends on.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/kubernetes/api/core_types.hpp"

namespace fleetsim::kube {

/// The requests kube-scheduler scores with when a pod requests nothing: 100m and 200 MiB
/// (pkg/scheduler/util DefaultMilliCPURequest, DefaultMemoryRequest).
inline constexpr std::int64_t kDefaultMilliCpuRequest = 100;
inline constexpr std::int64_t kDefaultMemoryRequest = 200LL * 1024 * 1024;

/// `requests` with each resource left at 0 replaced by the scheduler's scoring default.
Resources non_zero_requests(const Resources& requests);

/// A pod already bound to a node, as much of it as filters, scores and preemption read.
struct PodRecord {
  std::string name;            ///< metadata.name (victims are reported by it)
  std::string namespace_name;  ///< metadata.namespace
  Labels labels;               ///< metadata.labels
  int priority = 0;            ///< spec.priority (from its PriorityClass)
  Resources requests;          ///< the pod's effective requests
  /// Its own required pod anti-affinity terms: no pod they select may join its topology domain.
  std::vector<PodAffinityTerm> required_anti_affinity;
};

/// A node as the scheduler's snapshot holds it. Keep `requested`, `non_zero_requested` and `pods`
/// in step through add_pod/remove_pod.
struct NodeInfo {
  std::string name;                 ///< metadata.name
  Labels labels;                    ///< carries kZoneLabel and kHostnameLabel where the node has them
  std::vector<Taint> taints;        ///< spec.taints, in the node's order
  bool unschedulable = false;       ///< spec.unschedulable (cordoned)
  Resources allocatable;            ///< status.allocatable cpu and memory
  int allocatable_pods = 110;       ///< status.allocatable pods
  Resources requested;              ///< sum of the pods' requests
  Resources non_zero_requested;     ///< the same with non_zero_requests per pod (what LeastAllocated reads)
  std::vector<PodRecord> pods;      ///< the pods bound here, in binding order
  std::vector<std::string> images;  ///< images present, names as normalized_image_name gives them
  /// Changes with every add_pod/remove_pod to a number never used before (0: never changed), so that
  /// counts over the pods can be remembered until they change.
  std::uint64_t generation = 0;
  /// How many of `pods` have required anti-affinity terms (nodes with none are skipped quickly).
  int pods_with_required_anti_affinity = 0;

  /// Binds `pod` here: appends it and adds its requests.
  void add_pod(PodRecord pod);
  /// Removes the pod `namespace_name`/`name`; false when it is not here.
  bool remove_pod(std::string_view namespace_name, std::string_view name);
  /// True when `image` (normalized) is present.
  [[nodiscard]] bool has_image(std::string_view image) const;
};

/// A container image the pod runs and its size, for ImageLocality.
struct ImageRef {
  std::string name;             ///< as the pod spec writes it
  std::int64_t size_bytes = 0;  ///< the image's size
};

/// The parts of a pod that scheduling reads.
struct PodSchedulingSpec {
  std::string name;                        ///< metadata.name
  std::string namespace_name = "default";  ///< metadata.namespace
  Labels labels;                           ///< metadata.labels
  Resources requests;                      ///< effective requests (max of init containers and the sum of containers)
  Labels node_selector;                    ///< spec.nodeSelector
  Affinity affinity;                       ///< spec.affinity
  std::vector<Toleration> tolerations;     ///< spec.tolerations
  std::vector<TopologySpreadConstraint> topology_spread_constraints;  ///< spec.topologySpreadConstraints
  /// The selector of the pod's owners (its ReplicaSet, the Services selecting it) that the system
  /// default spread constraints count with; none (the pod has no owner) means no default spreading.
  std::optional<LabelSelector> default_spread_selector;
  int priority = 0;               ///< spec.priority
  bool preemption_never = false;  ///< spec.preemptionPolicy Never
  std::vector<ImageRef> images;   ///< one per container, init containers included (as ImageLocality counts)

  /// The record the pod leaves on the node it is bound to.
  [[nodiscard]] PodRecord record() const;
};

/// The name the kubelet reports an image under: ":latest" added when the reference has no tag.
std::string normalized_image_name(std::string_view image);

}  // namespace fleetsim::kube
