#include "models/eks/eks_cluster.hpp"

#include <algorithm>

#include "models/eks/fargate_pod_size.hpp"
#include "models/eks/node_allocatable.hpp"

namespace fleetsim {

void FargatePods::request(const TaskNeeds& needs, PlacementClient& client, Rng& rng) {
  TaskNeeds sized = needs;
  // EKS on Fargate provisions the size the pod's requests round up to (aws-facts §10.4), whatever it asks.
  sized.vcpu = size_.cpu_units / 1024.0;
  sized.memory_gib = size_.memory_mib / 1024.0;
  sized.cpu_limit_units = 0;
  fargate_.request(sized, client, rng);
}

namespace {
FargatePodSizing size_of(const kube::PodBlueprint& blueprint) {
  return fargate_pod_size({}, {blueprint.scheduling.requests});
}
}  // namespace

EksCluster::EksCluster(RunContext& ctx, std::string name, const EksCatalog& catalog, const ImageSource& images,
                       const std::map<std::string, InstanceType>& instance_types, LaunchPlatform* fargate)
    : ctx_(ctx),
      name_(std::move(name)),
      catalog_(catalog),
      instance_types_(instance_types),
      nodes_(cluster_, images, ctx.engine),  // keeps a reference to the cluster, constructed next
      cluster_(ctx, name_, *this, ips_, catalog.kubelet),
      fargate_(fargate),
      insights_(ctx, name_),
      metrics_server_(cluster_, catalog.hpa.metric_resolution) {
  cluster_.watch(&insights_);
  cluster_.watch(&metrics_server_);
}

bool EksCluster::on_fargate(const kube::PodBlueprint& blueprint) const {
  const kube::PodSchedulingSpec& pod = blueprint.scheduling;
  // A pod runs on Fargate when it matches a selector of a profile: its namespace and every label given.
  for (const FargateProfileConfig& profile : profiles_) {
    for (const auto& s : profile.selectors) {
      if (s.ns == pod.namespace_name && kube::matches(kube::LabelSelector{s.labels, {}}, pod.labels)) return true;
    }
  }
  return false;
}

std::string EksCluster::fargate_misfit(const kube::PodBlueprint& blueprint) const {
  if (!on_fargate(blueprint)) return {};
  if (fargate_ == nullptr) return "the pod matches a Fargate profile but the run has no Fargate";
  return size_of(blueprint).error;
}

LaunchPlatform& EksCluster::platform_for(const kube::PodBlueprint& blueprint) {
  if (!on_fargate(blueprint)) return nodes_.platform_for(blueprint);
  auto& slot = fargate_pods_[&blueprint];
  if (!slot) slot = std::make_unique<FargatePods>(*fargate_, *size_of(blueprint).size);
  return *slot;
}

kube::DeploymentController& EksCluster::add_deployment(kube::DeploymentSpec spec) {
  deployments_.push_back(std::make_unique<kube::DeploymentController>(cluster_, std::move(spec)));
  return *deployments_.back();
}

kube::DeploymentController* EksCluster::deployment(const std::string& ns, const std::string& name) const {
  for (const auto& d : deployments_) {
    if (d->spec().ns() == ns && d->spec().name() == name) return d.get();
  }
  return nullptr;
}

void EksCluster::add_system_pods() {
  kube::DeploymentSpec coredns;
  coredns.object.metadata = {"coredns", "kube-system", {{"k8s-app", "kube-dns"}}, {}};
  coredns.object.replicas = catalog_.coredns_replicas;
  coredns.blueprint.image = std::string(kEksAddonRegistry) + "us-east-1.amazonaws.com/eks/coredns:v1.11.3-eksbuild.2";
  coredns.blueprint.scheduling.namespace_name = "kube-system";
  coredns.blueprint.scheduling.labels = {{"k8s-app", "kube-dns"}};
  coredns.blueprint.scheduling.requests = catalog_.coredns_requests;
  coredns.template_key = "coredns";
  add_deployment(std::move(coredns));
}

void EksCluster::drain(const std::string& node, const std::string& nodegroup, int count) {
  for (const kube::NodeRegistration& n : nodes_.nodes()) {
    if (count <= 0) break;
    if (node.empty() ? n.pool != nodegroup : n.name != node) continue;
    if (nodes_.drain(n.machine.instance_id, "Drained by kubectl drain")) --count;
  }
}

void EksCluster::start(CostLedger& costs) {
  started_ = ctx_.engine.now();
  costs.add_rate(PurchaseOption::kEksControlPlane, started_, catalog_.control_plane_usd_per_hour);
  for (auto& d : deployments_) d->start();
  metrics_server_.start();
  for (auto& a : autoscalers_) a->start();
}

void EksCluster::finish(SimTime end, CostLedger& costs) {
  double usd = (end - started_).seconds_f() / 3600 * catalog_.control_plane_usd_per_hour;
  costs.add_rate(PurchaseOption::kEksControlPlane, end, -catalog_.control_plane_usd_per_hour);
  costs.settle(PurchaseOption::kEksControlPlane, usd, usd);
}

void EksCluster::instance_registered(const InstanceRegistration& r) {
  auto type = instance_types_.find(r.instance_type);
  auto group = nodegroups_.find(r.capacity_provider);
  if (type == instance_types_.end() || group == nodegroups_.end()) return;
  const NodeAllocatable alloc = eks_node_allocatable(type->second);
  kube::NodeRegistration node;
  node.machine = r;
  // EC2's private DNS name of the instance's address, which the kubelet registers as the node's name.
  std::string address = node_ips_.next();
  std::replace(address.begin(), address.end(), '.', '-');
  node.name = "ip-" + address + ".ec2.internal";
  node.pool = group->second.name;
  node.capacity_type = group->second.capacity_type;
  node.labels = group->second.labels;
  // The labels the kubelet and EKS put on every node (well-known labels; eks.amazonaws.com/*).
  node.labels[kube::kZoneLabel] = r.availability_zone;
  node.labels[kube::kHostnameLabel] = node.name;
  node.labels[kube::kInstanceTypeLabel] = r.instance_type;
  node.labels["kubernetes.io/arch"] = r.architecture == "arm64" ? "arm64" : "amd64";
  node.labels["kubernetes.io/os"] = "linux";
  node.labels["eks.amazonaws.com/nodegroup"] = group->second.name;
  node.labels["eks.amazonaws.com/capacityType"] = group->second.capacity_type;
  node.taints = group->second.taints;
  node.allocatable = alloc.allocatable;
  node.max_pods = alloc.max_pods;
  node.daemon_requests = catalog_.daemon_requests;
  node.daemon_pods = catalog_.daemon_pods;
  nodes_.add_node(node);
  insights_.node_changed(1, r.vcpu);
  peak_nodes_ = std::max(peak_nodes_, nodes_.ready_nodes());
}

void EksCluster::instance_draining(const std::string& instance_id, const std::string& reason) {
  nodes_.drain(instance_id, reason);
}

void EksCluster::instance_lost(const std::string& instance_id, const std::string& reason) {
  if (const kube::NodeRegistration* node = nodes_.lose(instance_id, reason))
    insights_.node_changed(-1, node->machine.vcpu);
}

int EksCluster::tasks_on(const std::string& instance_id) const { return nodes_.pods_on(instance_id); }

nlohmann::ordered_json EksCluster::summary() const {
  nlohmann::ordered_json out;
  out["workloads"] = nlohmann::ordered_json::object();
  for (const auto& d : deployments_) {
    out["workloads"][d->spec().ns() + "/" + d->spec().name()] = {{"replicas", d->spec().object.replicas},
                                                                 {"ready", d->ready()}};
  }
  out["pendingPods"] = cluster_.pending_pods();
  out["restarts"] = cluster_.restarts();
  out["nodes"] = {{"peak", peak_nodes_}, {"atEnd", nodes_.ready_nodes()}};
  return out;
}

}  // namespace fleetsim
