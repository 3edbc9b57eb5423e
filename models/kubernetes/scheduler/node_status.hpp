#pragma once
/// Why a node cannot take a pod: the reasons kube-scheduler's filter plugins give, worded as they
/// word them, and whether preempting pods there could help.

#include <cstdint>
#include <string>

#include "models/kubernetes/api/core_types.hpp"

namespace fleetsim::kube {

/// One filter failure reason (one bit of NodeStatus::reasons).
enum class FitReason : std::uint8_t {
  kNodeUnschedulable,         ///< NodeUnschedulable
  kUntoleratedTaint,          ///< TaintToleration
  kNodeAffinity,              ///< NodeAffinity (nodeSelector included)
  kTooManyPods,               ///< NodeResourcesFit, pods
  kInsufficientCpu,           ///< NodeResourcesFit, cpu
  kInsufficientMemory,        ///< NodeResourcesFit, memory
  kSpreadMissingLabel,        ///< PodTopologySpread, node without a constraint's topology key
  kSpread,                    ///< PodTopologySpread, skew
  kPodAffinity,               ///< InterPodAffinity, required affinity
  kPodAntiAffinity,           ///< InterPodAffinity, required anti-affinity
  kExistingPodsAntiAffinity,  ///< InterPodAffinity, an existing pod's required anti-affinity
  kNoVictims,                 ///< DefaultPreemption: no lower-priority pod on the node
  kPreemptionNotHelpful,      ///< DefaultPreemption: the node failed a filter preemption cannot fix
};

/// The result of filtering one node: no reason means the pod fits.
struct NodeStatus {
  std::uint16_t reasons = 0;     ///< bit (1 << FitReason) per reason
  bool unresolvable = false;     ///< UnschedulableAndUnresolvable: evicting pods here cannot help
  const Taint* taint = nullptr;  ///< the untolerated taint, with kUntoleratedTaint (points into the node)

  /// True when no filter failed.
  [[nodiscard]] bool fits() const { return reasons == 0; }
  /// True when `r` is among the reasons.
  [[nodiscard]] bool has(FitReason r) const { return (reasons & bit(r)) != 0; }
  /// Adds `r`.
  void add(FitReason r) { reasons = static_cast<std::uint16_t>(reasons | bit(r)); }
  /// A status with the single reason `r`.
  static NodeStatus of(FitReason r, bool unresolvable) {
    NodeStatus s;
    s.add(r);
    s.unresolvable = unresolvable;
    return s;
  }

 private:
  static std::uint16_t bit(FitReason r) { return static_cast<std::uint16_t>(1u << static_cast<unsigned>(r)); }
};

/// The reason as kube-scheduler writes it ("Insufficient cpu", "node(s) had untolerated taint {k: v}", ...).
std::string reason_text(FitReason reason, const Taint* taint);

}  // namespace fleetsim::kube
