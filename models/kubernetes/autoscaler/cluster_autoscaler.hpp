#pragma once
/// The Cluster Autoscaler (kubernetes/autoscaler, cluster-autoscaler) for one cluster, knowing no cloud:
/// every --scan-interval it scales up the node groups that would take the pending pods (TriggeredScaleUp,
/// NotTriggerScaleUp) and removes nodes unneeded for --scale-down-unneeded-time (ScaleDown): cordoned,
/// drained, then deleted from their group. Each decision is written as a ScalingDecision.

#include <map>
#include <string>
#include <vector>

#include "models/kubernetes/autoscaler/autoscaler_options.hpp"
#include "models/kubernetes/autoscaler/scale_up.hpp"
#include "models/kubernetes/cluster.hpp"
#include "models/kubernetes/eviction.hpp"
#include "models/kubernetes/node_fleet.hpp"

namespace fleetsim::kube {

/// A new node of a group as it would register, and its capacity.
struct NodeTemplate {
  NodeRegistration registration;  ///< what a new node registers with (labels, taints, allocatable, DaemonSets)
  Resources capacity;             ///< its capacity (cpu and memory before reservations)
};

/// A node group as the cloud provider presents it (cloudprovider.NodeGroup): its nodes are the cluster's
/// nodes whose `pool` is its id.
class AutoscaledNodeGroup {
 public:
  virtual ~AutoscaledNodeGroup() = default;
  /// The group's name.
  virtual const std::string& id() const = 0;
  /// The size it is asked to have (DesiredCapacity), and its bounds.
  virtual int target_size() const = 0;
  virtual int min_size() const = 0;
  virtual int max_size() const = 0;
  /// A node the group would add.
  virtual NodeTemplate template_node() const = 0;
  /// Asks for `delta` more nodes.
  virtual void increase_size(int delta) = 0;
  /// Deletes the node whose instance is `instance_id`, lowering the target size by one.
  virtual void delete_node(const std::string& instance_id) = 0;
};

/// One cluster's autoscaler.
class ClusterAutoscaler {
 public:
  /// Scales `groups` (not owned) of the cluster whose pods are `cluster`'s and nodes `fleet`'s; scale-down
  /// honours the PodDisruptionBudgets of `evictions`.
  ClusterAutoscaler(Cluster& cluster, NodeFleet& fleet, const EvictionApi& evictions, AutoscalerOptions options,
                    std::vector<AutoscaledNodeGroup*> groups);
  /// The first scan comes one --scan-interval after now.
  void start();

 private:
  struct Deletion {
    std::string instance_id;
    std::string node;
    AutoscaledNodeGroup* group;
    SimTime started;
  };
  void on_scan(std::uint64_t);
  void on_drain_check(std::uint64_t);
  bool scale_up();
  void scale_down();
  void start_deletion(std::size_t node, AutoscaledNodeGroup* group, const nlohmann::ordered_json& inputs);
  void finish_deletions();
  AutoscaledNodeGroup* group_of(const NodeRegistration& node) const;
  int deleting_in(const AutoscaledNodeGroup* group) const;
  std::vector<GroupTemplate> templates() const;

  Cluster& cluster_;
  NodeFleet& fleet_;
  const EvictionApi& evictions_;
  AutoscalerOptions options_;
  std::vector<AutoscaledNodeGroup*> groups_;
  Scheduler scheduler_;  // CA's own scheduler framework: the same plugins, its own state
  Rng rng_;
  std::map<std::string, SimTime> unneeded_since_;     // by node name
  std::map<std::string, std::string> not_triggered_;  // NotTriggerScaleUp message last written, by pod
  std::map<std::string, std::string> blocked_;        // why an unneeded node's pods cannot go, last written, by node
  std::vector<Deletion> deleting_;
  SimTime last_scale_up_ = SimTime::never();
  SimTime last_scale_down_ = SimTime::never();
  EventId scan_, drain_check_;
};

}  // namespace fleetsim::kube
