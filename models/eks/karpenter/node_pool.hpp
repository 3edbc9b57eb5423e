#pragma once
/// Karpenter's NodePool (karpenter.sh/v1) and EC2NodeClass (karpenter.k8s.aws/v1) as a scenario's manifests
/// give them, read with Karpenter's defaults and checks (errors at file:line:col and a path in the object).

#include <optional>
#include <string>
#include <vector>

#include "models/kubernetes/api/core_types.hpp"
#include "models/kubernetes/api/objects.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// spec.disruption.consolidationPolicy.
enum class ConsolidationPolicy { kWhenEmpty, kWhenEmptyOrUnderutilized };

/// One spec.disruption.budgets element: at most `nodes` (a count or a percentage of the pool's nodes)
/// disrupted at once.
struct DisruptionBudget {
  int count = 0;         ///< when not a percentage
  bool percent = false;  ///< `count` is a percentage
};

/// A NodePool.
struct NodePool {
  std::string name;
  std::string node_class;                               ///< spec.template.spec.nodeClassRef.name
  kube::Labels labels;                                  ///< spec.template.metadata.labels
  std::vector<kube::SelectorRequirement> requirements;  ///< spec.template.spec.requirements
  std::vector<kube::Taint> taints;                      ///< spec.template.spec.taints
  std::optional<Duration> expire_after;                 ///< spec.template.spec.expireAfter (720h; Never: none)
  ConsolidationPolicy policy = ConsolidationPolicy::kWhenEmptyOrUnderutilized;
  std::optional<Duration> consolidate_after = Duration{};  ///< spec.disruption.consolidateAfter (0s; Never: none)
  std::vector<DisruptionBudget> budgets;                   ///< spec.disruption.budgets (default nodes: 10%)
  std::optional<std::int64_t> cpu_limit_milli;             ///< spec.limits.cpu
  std::optional<std::int64_t> memory_limit_bytes;          ///< spec.limits.memory
  int weight = 0;                                          ///< spec.weight: higher pools are tried first
  kube::ObjectOrigin origin;

  /// The nodes the budgets let be disrupted now, of `nodes` in the pool: the smallest budget, a
  /// percentage rounded up (Karpenter's GetAllowedDisruptions).
  [[nodiscard]] int allowed_disruptions(int nodes) const;
};

/// Reads a NodePool kept as JSON by the manifest reader; fails at the offending field.
NodePool read_node_pool(const kube::OtherObject& object);

/// Fails at the NodePool's nodeClassRef when no EC2NodeClass of that name is among `classes`.
void check_node_class(const NodePool& pool, const std::vector<kube::OtherObject>& classes);

}  // namespace fleetsim
