#pragma once
/// A managed node group as the Cluster Autoscaler's AWS cloud provider presents it: its Auto Scaling
/// group's DesiredCapacity and bounds, a template node built from the group's instance type (as the
/// provider builds one from the launch template when the group has no node yet), SetDesiredCapacity to
/// grow and TerminateInstanceInAutoScalingGroup (decrementing) to remove a node.

#include "models/api/container_instances.hpp"
#include "models/kubernetes/autoscaler/cluster_autoscaler.hpp"

namespace fleetsim {

class EksCluster;
struct NodegroupConfig;

/// One node group under the Cluster Autoscaler.
class NodegroupScaling : public kube::AutoscaledNodeGroup {
 public:
  /// The group `config` of `cluster` (both outlive it).
  NodegroupScaling(const EksCluster& cluster, const NodegroupConfig& config);

  const std::string& id() const override;
  int target_size() const override;
  int min_size() const override;
  int max_size() const override;
  kube::NodeTemplate template_node() const override;
  void increase_size(int delta) override;
  void delete_node(const std::string& instance_id) override;

 private:
  const EksCluster& cluster_;
  const NodegroupConfig& config_;
};

}  // namespace fleetsim
