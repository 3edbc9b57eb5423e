#pragma once
/// A cluster's nodes and kube-scheduler binding pods to them: each node is a shared host (its CPU
/// shared by the pods' requests as CFS shares, their limits as quotas; its image cache), the scheduler
/// sees it as the NodeInfo its plugins read, and pods that fit nowhere wait, Pending, for a change.

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/api/image_source.hpp"
#include "models/api/launch_platform.hpp"
#include "models/hosts/host_fleet.hpp"
#include "models/kubernetes/cluster.hpp"
#include "models/kubernetes/scheduler/node_info.hpp"
#include "models/kubernetes/scheduler/scheduler.hpp"

namespace fleetsim::kube {

/// What a node registers with (the kubelet's view of its machine).
struct NodeRegistration {
  InstanceRegistration machine;  ///< the EC2 instance under it
  std::string name;              ///< "ip-10-0-1-23.ec2.internal"
  std::string pool;              ///< its node group (or NodePool)
  std::string capacity_type;     ///< "ON_DEMAND" or "SPOT"
  Labels labels;                 ///< well-known and group labels
  std::vector<Taint> taints;
  Resources allocatable;
  int max_pods = 110;
  /// What the DaemonSets on every node (aws-node, kube-proxy) request: taken before any pod is placed.
  Resources daemon_requests;
  int daemon_pods = 0;
};

class NodeFleet;

/// Pods of one template placed on the cluster's nodes: a LaunchPlatform that carries the scheduling spec.
class NodePlatform : public LaunchPlatform {
 public:
  NodePlatform(NodeFleet& fleet, const PodSchedulingSpec& spec) : fleet_(fleet), spec_(spec) {}
  void request(const TaskNeeds& needs, PlacementClient& client, Rng& rng) override;
  void withdraw(PlacementClient& client) override;
  void pull_started(std::uint32_t, SimTime) override {}  // the node is billed, not the pod
  void released(std::uint32_t ticket, SimTime now) override;
  Duration deprovisioning(Rng&) override { return Duration{}; }

 private:
  NodeFleet& fleet_;
  const PodSchedulingSpec& spec_;
};

/// A pod the scheduler could not place, as a node autoscaler reads it.
struct PendingPod {
  PodSchedulingSpec spec;  ///< named as the pod
  SimTime since;           ///< when it first failed to schedule
};

/// One cluster's nodes.
class NodeFleet {
 public:
  NodeFleet(Cluster& cluster, const ImageSource& images, Engine& engine);

  /// The platform for pods of `blueprint` (made on first use).
  LaunchPlatform& platform_for(const PodBlueprint& blueprint);
  /// A node joined and is Ready: it takes pods.
  void add_node(const NodeRegistration& node);
  /// Cordons a node and evicts its pods gracefully (kubectl drain; a Spot notice; scale-in); false when
  /// it was gone or cordoned already.
  bool drain(const std::string& instance_id, const std::string& reason);
  /// Marks the node unschedulable (kubectl cordon); false when it was gone or cordoned already.
  bool cordon(const std::string& instance_id);
  /// The node's machine is gone: its pods die with it. Returns the node, or nullptr when it was not
  /// here or gone already.
  const NodeRegistration* lose(const std::string& instance_id, const std::string& reason);
  /// Pods bound to the node of `instance_id`.
  int pods_on(const std::string& instance_id) const;
  /// Nodes Ready and not cordoned.
  int ready_nodes() const;
  /// Every node's name, its group and whether it is gone, in registration order.
  const std::vector<NodeRegistration>& nodes() const { return registrations_; }
  /// The scheduler's view of every node, aligned with nodes() (gone and cordoned ones unschedulable).
  const std::vector<NodeInfo>& node_infos() const { return nodes_; }
  /// True when the node at `index` is gone.
  bool gone(std::size_t index) const { return gone_[index]; }
  /// The pods waiting for a node, in the order they started waiting.
  std::vector<PendingPod> pending_pods() const;
  /// The pods bound to the node at `index` (DaemonSet pods aside), in binding order, named as the pods.
  std::vector<PodSchedulingSpec> pods_on_node(std::size_t index) const;
  /// The scheduler's view of `node` as it joins: its DaemonSet pods on it.
  static NodeInfo node_info(const NodeRegistration& node);

  // For NodePlatform.
  void request(const PodSchedulingSpec& spec, const TaskNeeds& needs, PlacementClient& client, Rng& rng);
  void withdraw(PlacementClient& client);
  void release(std::uint32_t ticket);

 private:
  struct Waiting {
    const PodSchedulingSpec* spec;
    TaskNeeds needs;
    PlacementClient* client;
    Rng* rng;
    std::string pod_name;
    std::string last_failure;  // the FailedScheduling message last written for it
    SimTime since;             // when it started waiting
  };
  bool try_schedule(Waiting& w);
  void failed(Waiting& w, const std::string& message);
  void schedule_waiting();
  void on_retry(std::uint64_t);
  void evict_victims(const Preemption& preemption, const std::string& namespace_name, const std::string& name);
  void changed() { ++version_; }
  void emit_node(const NodeRegistration& node, const char* state);

  Cluster& cluster_;
  const ImageSource& images_;
  Engine& engine_;
  Scheduler scheduler_;
  HostFleet hosts_;              // same order as nodes_
  std::vector<NodeInfo> nodes_;  // what the scheduler reads
  std::vector<NodeRegistration> registrations_;
  std::vector<bool> gone_;
  struct BoundPod {
    std::size_t node;
    std::string ns;
    std::string name;
    const PodSchedulingSpec* spec;
  };
  std::map<std::uint32_t, BoundPod> bound_;                                      // by ticket
  std::map<const PodSchedulingSpec*, std::unique_ptr<NodePlatform>> platforms_;  // looked up, never iterated
  std::deque<Waiting> waiting_;
  EventId retry_;
  // Bumped whenever the scheduler's view (nodes_) changes. A scheduling attempt that fails changes nothing
  // (filtering went round every node, so it resumes where it did; no tie was drawn), so until the view
  // changes every pod of the same spec fails the same way: `failures_` remembers the message per spec
  // for `failures_version_`, and 5,000 pending replicas retried on a node join cost one attempt, not
  // 5,000. Looked up, never iterated.
  std::uint64_t version_ = 0;
  std::uint64_t failures_version_ = 0;
  std::map<const PodSchedulingSpec*, std::string> failures_;
};

}  // namespace fleetsim::kube
