#include "models/kubernetes/scheduler/node_status.hpp"

namespace fleetsim::kube {

std::string reason_text(FitReason reason, const Taint* taint) {
  // The plugins' ErrReason constants (pkg/scheduler/framework/plugins/*) and DefaultPreemption's statuses.
  switch (reason) {
    case FitReason::kNodeUnschedulable:
      return "node(s) were unschedulable";
    case FitReason::kUntoleratedTaint:
      return "node(s) had untolerated taint {" + (taint ? taint->key + ": " + taint->value : std::string(": ")) + "}";
    case FitReason::kNodeAffinity:
      return "node(s) didn't match Pod's node affinity/selector";
    case FitReason::kTooManyPods:
      return "Too many pods";
    case FitReason::kInsufficientCpu:
      return "Insufficient cpu";
    case FitReason::kInsufficientMemory:
      return "Insufficient memory";
    case FitReason::kSpreadMissingLabel:
      return "node(s) didn't match pod topology spread constraints (missing required label)";
    case FitReason::kSpread:
      return "node(s) didn't match pod topology spread constraints";
    case FitReason::kPodAffinity:
      return "node(s) didn't match pod affinity rules";
    case FitReason::kPodAntiAffinity:
      return "node(s) didn't match pod anti-affinity rules";
    case FitReason::kExistingPodsAntiAffinity:
      return "node(s) didn't satisfy existing pods anti-affinity rules";
    case FitReason::kNoVictims:
      return "No preemption victims found for incoming pod";
    case FitReason::kPreemptionNotHelpful:
      return "Preemption is not helpful for scheduling";
  }
  return "";
}

}  // namespace fleetsim::kube
