#pragma once
/// The Cluster Autoscaler's scale-up arithmetic (core/scaleup, estimator, expander): for each node group,
/// how many new nodes built from its template the pending pods need, found by running kube-scheduler's
/// own filters over the new nodes (first fit, largest pods first, as the binpacking estimator does); then
/// the expander's choice among the groups that would help.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "models/kubernetes/autoscaler/autoscaler_options.hpp"
#include "models/kubernetes/scheduler/scheduler.hpp"
#include "sim/random/rng.hpp"

namespace fleetsim::kube {

/// A node group as scale-up sees it.
struct GroupTemplate {
  std::string id;       ///< the node group's name
  NodeInfo node;        ///< a new node as it would register, its DaemonSet pods on it
  Resources capacity;   ///< the node's capacity (least-waste compares against it)
  int target_size = 0;  ///< the group's current target (desired) size
  int max_size = 0;     ///< the group's maximum size
};

/// What adding nodes to one group would do.
struct ScaleUpOption {
  std::size_t group = 0;          ///< index into the templates
  int node_count = 0;             ///< new nodes the pods need
  std::vector<std::size_t> pods;  ///< indices of the pending pods they would take
  double wasted_cpu = 0;          ///< least-waste: unrequested fraction of the new nodes' CPU
  double wasted_memory = 0;       ///< and of their memory
  std::optional<int> priority;    ///< the priority expander's priority for the group (nothing: no rule matches)
};

/// Why a group would not help a pod (CA's NoScaleUpInfo reasons).
struct GroupRejection {
  std::size_t group = 0;             ///< index into the templates
  std::vector<std::string> reasons;  ///< "Insufficient cpu", "max node group size reached", ...
};

/// Every group's estimate for `pods`: options for the groups that would take at least one pod, and for
/// each pod the groups that would not take it.
struct ScaleUpPlan {
  std::vector<ScaleUpOption> options;                   ///< in the templates' order
  std::vector<std::vector<GroupRejection>> rejections;  ///< per pod
};

/// Estimates each group: pods that fit on no empty template node of it are rejected with the
/// scheduler's reasons; the others are packed first fit onto as many new nodes as they need, up to the
/// group's max size (pods past it are rejected as "max node group size reached").
ScaleUpPlan estimate_scale_up(std::span<const GroupTemplate> groups, std::span<const PodSchedulingSpec> pods,
                              Scheduler& scheduler, Rng& rng);

/// The expander chain's choice among `options` (each expander keeps its best, ties go to the next, the
/// last ties to random, as CA's fallback does; priority keeps the options of the highest priority, or all
/// when no option has one). Returns an index into `options`.
std::size_t choose_option(std::span<const ScaleUpOption> options, std::span<const Expander> expanders, Rng& rng);

/// --balance-similar-node-groups: the groups similar to `chosen` (same allocatable within 5 % of memory,
/// same taints, same labels apart from the zone, hostname and node group ones), the chosen first.
std::vector<std::size_t> similar_groups(std::span<const GroupTemplate> groups, std::size_t chosen);

/// Splits `nodes` new nodes over `groups` (indices) so that their sizes end as even as they can, smallest
/// first, within each group's max size; returns the new nodes per group, aligned with `groups`.
std::vector<int> balance_nodes(std::span<const GroupTemplate> all, std::span<const std::size_t> groups, int nodes);

}  // namespace fleetsim::kube
