#include "models/eks/eks_cluster.hpp"

#include <algorithm>
#include <cmath>

#include "models/api/latency_summary.hpp"
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
      insights_(ctx, cluster_),
      metrics_server_(cluster_, catalog.hpa.metric_resolution),
      evictions_(cluster_, [this](const kube::Pod& pod) { return controller_scale(pod); }) {
  cluster_.watch(&insights_);
  cluster_.watch(&metrics_server_);
}

int EksCluster::controller_scale(const kube::Pod& pod) const {
  // The disruption controller's finders: a ReplicaSet a Deployment owns scales with the Deployment.
  for (const auto& d : deployments_) {
    for (const auto& rs : d->replica_sets()) {
      if (rs->name() == pod.blueprint().owner) return d->spec().object.replicas;
    }
  }
  return 0;
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

void EksCluster::add_job(const kube::Job& job, bool running) {
  kube::PodBlueprint blueprint = kube::PodBlueprint::compile(job.spec.pod_template, 0);
  jobs_.push_back(std::make_unique<kube::JobController>(cluster_, job, std::move(blueprint), nullptr));
  if (running) jobs_.back()->start();
}

void EksCluster::add_cron_job(const kube::CronJob& cron_job, ScheduleExpression schedule, std::int64_t run_start_unix_s,
                              bool running) {
  cron_jobs_.push_back(
      std::make_unique<kube::CronJobController>(cluster_, cron_job, std::move(schedule), run_start_unix_s));
  if (running) cron_jobs_.back()->start();
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
    if (!nodes_.cordon(n.machine.instance_id)) continue;
    --count;
    drains_.push_back(std::make_unique<kube::NodeDrain>(cluster_, evictions_, n.name));
    drains_.back()->start();
  }
}

void EksCluster::start(CostLedger& costs) {
  started_ = ctx_.engine.now();
  costs.add_rate(PurchaseOption::kEksControlPlane, started_, catalog_.control_plane_usd_per_hour);
  for (auto& d : deployments_) d->start();
  if (autoscaler_) autoscaler_->start();
  for (auto& j : jobs_) j->start();
  for (auto& c : cron_jobs_) c->start();
  metrics_server_.start();
  for (auto& a : autoscalers_) a->start();
}

void EksCluster::finish(SimTime end, CostLedger& costs) {
  double usd = (end - started_).seconds_f() / 3600 * catalog_.control_plane_usd_per_hour;
  costs.add_rate(PurchaseOption::kEksControlPlane, end, -catalog_.control_plane_usd_per_hour);
  costs.settle(PurchaseOption::kEksControlPlane, usd, usd);
}

void EksCluster::enable_cluster_autoscaler(kube::AutoscalerOptions options) {
  std::vector<kube::AutoscaledNodeGroup*> groups;
  for (const auto& [name, config] : nodegroups_) {
    scaled_groups_.push_back(std::make_unique<NodegroupScaling>(*this, config));
    groups.push_back(scaled_groups_.back().get());
  }
  autoscaler_ =
      std::make_unique<kube::ClusterAutoscaler>(cluster_, nodes_, evictions_, std::move(options), std::move(groups));
}

kube::NodeRegistration EksCluster::node_registration(const InstanceRegistration& r, const NodegroupConfig& group,
                                                     std::string name) const {
  const NodeAllocatable alloc = eks_node_allocatable(instance_types_.at(r.instance_type));
  kube::NodeRegistration node;
  node.machine = r;
  node.name = std::move(name);
  node.pool = group.name;
  node.capacity_type = group.capacity_type;
  node.labels = group.labels;
  // The labels the kubelet and EKS put on every node (well-known labels; eks.amazonaws.com/*).
  node.labels[kube::kZoneLabel] = r.availability_zone;
  node.labels[kube::kHostnameLabel] = node.name;
  node.labels[kube::kInstanceTypeLabel] = r.instance_type;
  node.labels["kubernetes.io/arch"] = r.architecture == "arm64" ? "arm64" : "amd64";
  node.labels["kubernetes.io/os"] = "linux";
  if (group.managed) {
    node.labels["eks.amazonaws.com/nodegroup"] = group.name;
    node.labels["eks.amazonaws.com/capacityType"] = group.capacity_type;
  }
  node.taints = group.taints;
  node.allocatable = alloc.allocatable;
  node.max_pods = alloc.max_pods;
  node.daemon_requests = catalog_.daemon_requests;
  node.daemon_pods = catalog_.daemon_pods;
  return node;
}

kube::NodeTemplate EksCluster::node_template(const NodegroupConfig& group) const {
  const InstanceType& type = instance_types_.at(group.instance_type);
  InstanceRegistration r;
  r.instance_type = type.name;
  r.availability_zone = group.template_zone;
  r.architecture = type.architecture;
  r.vcpu = type.vcpu;
  return {node_registration(r, group, "template-node-for-" + group.name), eks_node_allocatable(type).capacity};
}

void EksCluster::instance_registered(const InstanceRegistration& r) {
  auto group = nodegroups_.find(r.capacity_provider);
  if (group != nodegroups_.end()) register_node(r, group->second);
}

void EksCluster::register_node(const InstanceRegistration& r, const NodegroupConfig& group) {
  if (!instance_types_.contains(r.instance_type)) return;
  // EC2's private DNS name of the instance's address, which the kubelet registers as the node's name.
  std::string address = node_ips_.next();
  std::replace(address.begin(), address.end(), '.', '-');
  const kube::NodeRegistration node = node_registration(r, group, "ip-" + address + ".ec2.internal");
  nodes_.add_node(node);
  for (NodeWatcher* w : node_watchers_) w->on_node_ready(node);
  insights_.node_changed(1, r.vcpu);
  node_count_.add(ctx_.engine.now(), 1);
  peak_nodes_ = std::max(peak_nodes_, nodes_.ready_nodes());
}

void EksCluster::instance_draining(const std::string& instance_id, const std::string& reason) {
  nodes_.drain(instance_id, reason);
}

void EksCluster::instance_lost(const std::string& instance_id, const std::string& reason) {
  if (const kube::NodeRegistration* node = nodes_.lose(instance_id, reason)) {
    insights_.node_changed(-1, node->machine.vcpu);
    node_count_.add(ctx_.engine.now(), -1);
    for (NodeWatcher* w : node_watchers_) w->on_node_gone(instance_id);
  }
}

int EksCluster::tasks_on(const std::string& instance_id) const { return nodes_.pods_on(instance_id); }

QuantileSketch EksCluster::workload_latency(const kube::DeploymentController& d) const {
  QuantileSketch latency;
  for (const LatencySource& s : latency_sources_) {
    if (s.ns == d.spec().ns() && kube::matches(s.selector, d.spec().blueprint.scheduling.labels))
      latency.merge(*s.latency);
  }
  return latency;
}

nlohmann::ordered_json EksCluster::summary() const {
  nlohmann::ordered_json out;
  // Per workload what the spec lists (replicas, latency, restarts); its latency_ms is the ECS service's, by the
  // same writer.
  out["workloads"] = nlohmann::ordered_json::object();
  for (const auto& d : deployments_) {
    out["workloads"][d->spec().ns() + "/" + d->spec().name()] = {{"replicas", d->spec().object.replicas},
                                                                 {"ready", d->ready()},
                                                                 {"restarts", d->restarts()},
                                                                 {"latency_ms", latency_summary(workload_latency(*d))}};
  }
  if (!jobs_.empty()) {
    static const char* const kConditions[] = {"Running", "Complete", "Failed"};
    nlohmann::ordered_json jobs = nlohmann::ordered_json::object();
    for (const auto& j : jobs_) {
      nlohmann::ordered_json one{{"condition", kConditions[static_cast<int>(j->condition())]},
                                 {"succeeded", j->succeeded()},
                                 {"failed", j->failed()},
                                 {"active", j->active()}};
      if (!j->reason().empty()) one["reason"] = j->reason();
      if (j->condition() != kube::JobController::Condition::kRunning) {
        one["startTime_s"] = j->start_time().seconds_f();
        one["duration_s"] = (j->finish_time() - j->start_time()).seconds_f();
      }
      jobs[j->job().metadata.ns + "/" + j->job().metadata.name] = std::move(one);
    }
    out["jobs"] = std::move(jobs);
  }
  if (!cron_jobs_.empty()) {
    nlohmann::ordered_json crons = nlohmann::ordered_json::object();
    for (const auto& c : cron_jobs_) {
      int complete = 0, failed = 0;
      for (const auto& j : c->jobs()) {
        complete += j->condition() == kube::JobController::Condition::kComplete ? 1 : 0;
        failed += j->condition() == kube::JobController::Condition::kFailed ? 1 : 0;
      }
      crons[c->cron_job().metadata.ns + "/" + c->cron_job().metadata.name] = {
          {"created", c->created()}, {"skipped", c->skipped()}, {"complete", complete}, {"failed", failed}};
    }
    out["cronJobs"] = std::move(crons);
  }
  out["pendingPods"] = cluster_.pending_pods();
  out["restarts"] = cluster_.restarts();
  // The mean over the run of the nodes registered and not gone (cordoned ones included).
  const SimTime now = ctx_.engine.now();
  const double run_s = (now - started_).seconds_f();
  const double mean = run_s > 0 ? node_count_.integral(now) / 1e6 / run_s : 0;
  out["nodes"] = {{"peak", peak_nodes_}, {"atEnd", nodes_.ready_nodes()}, {"mean", std::round(mean * 1000) / 1000}};
  return out;
}

}  // namespace fleetsim
