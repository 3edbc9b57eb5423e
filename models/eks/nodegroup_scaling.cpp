#include "models/eks/nodegroup_scaling.hpp"

#include "models/eks/eks_cluster.hpp"

namespace fleetsim {

NodegroupScaling::NodegroupScaling(const EksCluster& cluster, const NodegroupConfig& config)
    : cluster_(cluster), config_(config) {}

const std::string& NodegroupScaling::id() const { return config_.name; }
int NodegroupScaling::target_size() const { return config_.group->desired_capacity(); }
int NodegroupScaling::min_size() const { return config_.group->min_size(); }
int NodegroupScaling::max_size() const { return config_.group->max_size(); }

kube::NodeTemplate NodegroupScaling::template_node() const { return cluster_.node_template(config_); }

void NodegroupScaling::increase_size(int delta) {
  config_.group->set_desired_capacity(config_.group->desired_capacity() + delta, "cluster-autoscaler scale-up");
}

void NodegroupScaling::delete_node(const std::string& instance_id) {
  config_.group->terminate_instance(instance_id, "cluster-autoscaler scale-down");
}

}  // namespace fleetsim
