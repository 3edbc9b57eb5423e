#pragma once
/// The Cluster Autoscaler's command line (cluster-autoscaler/config/flags), read from the flags as users
/// pass them in its Deployment's `args`.

#include <string>
#include <vector>

#include "models/kubernetes/autoscaler/expander_priorities.hpp"
#include "sim/time.hpp"

namespace fleetsim::kube {

/// How the expander picks among the node groups that could help (--expander).
enum class Expander { kRandom, kLeastWaste, kMostPods, kPriority };

/// The flags the simulation acts on, with cluster-autoscaler's defaults (its FAQ, "What are the parameters
/// to CA?"; the same defaults AKS documents for its autoscaler profile).
struct AutoscalerOptions {
  Duration scan_interval = Duration::seconds(10);                ///< --scan-interval
  std::vector<Expander> expanders{Expander::kRandom};            ///< --expander (a chain: each narrows the options)
  bool scale_down_enabled = true;                                ///< --scale-down-enabled
  Duration scale_down_unneeded_time = Duration::seconds(600);    ///< --scale-down-unneeded-time
  Duration scale_down_delay_after_add = Duration::seconds(600);  ///< --scale-down-delay-after-add
  Duration scale_down_delay_after_delete{};                      ///< --scale-down-delay-after-delete (0: scan interval)
  double scale_down_utilization_threshold = 0.5;                 ///< --scale-down-utilization-threshold
  Duration max_graceful_termination = Duration::seconds(600);    ///< --max-graceful-termination-sec
  Duration new_pod_scale_up_delay{};                             ///< --new-pod-scale-up-delay
  bool balance_similar_node_groups = false;                      ///< --balance-similar-node-groups
  bool skip_nodes_with_system_pods = true;                       ///< --skip-nodes-with-system-pods
  bool ignore_daemonsets_utilization = false;                    ///< --ignore-daemonsets-utilization
  int max_empty_bulk_delete = 10;                                ///< --max-empty-bulk-delete
  int max_drain_parallelism = 1;                                 ///< --max-drain-parallelism
  int max_nodes_total = 0;                                       ///< --max-nodes-total (0: no limit)
  std::vector<PriorityRule> priorities;  ///< the priority expander's rules, from its ConfigMap (not a flag)
};

/// Reads `args` ("--flag=value", "--flag value", or a bare boolean "--flag"). Throws ScenarioError at
/// `pointer`/i for an unknown flag (with a did-you-mean) or a malformed value.
AutoscalerOptions parse_autoscaler_args(const std::vector<std::string>& args, const std::string& pointer);

/// True when the --expander chain names the priority expander.
bool uses_priority_expander(const AutoscalerOptions& options);

/// The expander's flag spelling ("least-waste").
const char* expander_name(Expander e);

}  // namespace fleetsim::kube
