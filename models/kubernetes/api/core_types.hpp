#pragma once
/// Kubernetes' core API types that more than one part reads: the manifest reader fills them, the
/// scheduler and the controllers decide with them. Names and meanings are the API's own (core/v1).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fleetsim::kube {

/// metadata.labels, metadata.annotations, spec.nodeSelector: key -> value, ordered for stable output.
using Labels = std::map<std::string, std::string>;

/// The two resources the simulation schedules on (a ResourceList's cpu and memory), in the integer
/// units Kubernetes itself compares: millicores and bytes.
struct Resources {
  std::int64_t cpu_milli = 0;     ///< "500m" = 500, "2" = 2000
  std::int64_t memory_bytes = 0;  ///< "512Mi" = 536870912, "1G" = 1000000000
};

/// The operator of a label-selector or node-selector requirement.
enum class SelectorOperator : std::uint8_t { kIn, kNotIn, kExists, kDoesNotExist, kGt, kLt };

/// One requirement: `key` `op` `values` (matchExpressions element; Gt/Lt only in node selectors).
struct SelectorRequirement {
  std::string key;
  SelectorOperator op = SelectorOperator::kIn;
  std::vector<std::string> values;
};

/// metav1.LabelSelector: every matchLabels pair and every expression must hold (an empty selector
/// matches everything).
struct LabelSelector {
  Labels match_labels;
  std::vector<SelectorRequirement> match_expressions;
};

/// A taint's effect.
enum class TaintEffect : std::uint8_t { kNoSchedule, kPreferNoSchedule, kNoExecute };

/// A node taint.
struct Taint {
  std::string key;
  std::string value;
  TaintEffect effect = TaintEffect::kNoSchedule;
};

/// A pod toleration: `operator: Exists` with an empty key tolerates every taint; an absent effect
/// matches every effect.
struct Toleration {
  std::string key;
  bool exists = false;  ///< operator Exists (true) or Equal (false, the default)
  std::string value;
  std::optional<TaintEffect> effect;
  std::optional<std::int64_t> toleration_seconds;  ///< NoExecute: how long the pod stays once tainted
};

/// One nodeSelectorTerm: all its expressions must hold (terms of a list are ORed).
struct NodeSelectorTerm {
  std::vector<SelectorRequirement> match_expressions;
};

/// A preferred node-affinity term and its weight (1-100).
struct PreferredSchedulingTerm {
  int weight = 0;
  NodeSelectorTerm preference;
};

/// spec.affinity.nodeAffinity.
struct NodeAffinity {
  std::vector<NodeSelectorTerm> required;  ///< requiredDuringSchedulingIgnoredDuringExecution (ORed terms)
  std::vector<PreferredSchedulingTerm> preferred;
};

/// A pod (anti-)affinity term: pods matching `selector` in `namespaces` (empty: the pod's own), per
/// `topology_key` domain.
struct PodAffinityTerm {
  LabelSelector selector;
  std::vector<std::string> namespaces;
  std::string topology_key;
};

/// A preferred pod (anti-)affinity term and its weight (1-100).
struct WeightedPodAffinityTerm {
  int weight = 0;
  PodAffinityTerm term;
};

/// spec.affinity.podAffinity or podAntiAffinity.
struct PodAffinityRules {
  std::vector<PodAffinityTerm> required;
  std::vector<WeightedPodAffinityTerm> preferred;
};

/// spec.affinity.
struct Affinity {
  NodeAffinity node;
  PodAffinityRules pod;
  PodAffinityRules pod_anti;
};

/// spec.topologySpreadConstraints element.
struct TopologySpreadConstraint {
  int max_skew = 1;
  std::string topology_key;
  bool do_not_schedule = true;  ///< whenUnsatisfiable DoNotSchedule (true) or ScheduleAnyway
  LabelSelector selector;
  int min_domains = 1;
};

/// The well-known labels a node carries and the scheduler's defaults read (kubernetes.io/...).
inline constexpr const char* kZoneLabel = "topology.kubernetes.io/zone";
inline constexpr const char* kHostnameLabel = "kubernetes.io/hostname";
inline constexpr const char* kInstanceTypeLabel = "node.kubernetes.io/instance-type";

/// True when `labels` satisfy `selector`.
bool matches(const LabelSelector& selector, const Labels& labels);
/// True when `labels` satisfy every expression of `term` (Gt/Lt compare integers).
bool matches(const NodeSelectorTerm& term, const Labels& labels);
/// True when `toleration` tolerates `taint`.
bool tolerates(const Toleration& toleration, const Taint& taint);

}  // namespace fleetsim::kube
