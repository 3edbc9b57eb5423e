#pragma once
/// Reading the scheduling parts of a pod spec and label selectors into the shared core types.

#include <vector>

#include "models/kubernetes/api/core_types.hpp"
#include "models/kubernetes/api/field.hpp"

namespace fleetsim::kube {

/// A metav1.LabelSelector (matchLabels, matchExpressions with In, NotIn, Exists, DoesNotExist).
LabelSelector read_label_selector(const Field& field);
/// spec.affinity (nodeAffinity, podAffinity, podAntiAffinity).
Affinity read_affinity(const Field& field);
/// A list of node selector requirements (a nodeSelectorTerm's matchExpressions; Karpenter's requirements).
std::vector<SelectorRequirement> read_node_selector_requirements(const Field& field);
/// spec.tolerations.
std::vector<Toleration> read_tolerations(const Field& field);
/// spec.topologySpreadConstraints.
std::vector<TopologySpreadConstraint> read_topology_spread(const Field& field);

}  // namespace fleetsim::kube
