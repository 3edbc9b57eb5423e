#include "models/eks/kubernetes_objects.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/eks/eks_model.hpp"
#include "models/eks/karpenter/node_pool.hpp"
#include "models/eks/load_balancer_controller.hpp"
#include "models/eks/pod_autoscalers.hpp"
#include "models/kubernetes/api/manifest_reader.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

// The manifests and inline objects of a `kubernetes` entry or a kubectlApply action, read.
kube::ManifestSet read_objects(const nlohmann::json& entry, const std::string& pointer, const World& world,
                               const EksCluster& cluster) {
  std::vector<kube::ManifestSource> sources;
  if (auto files = entry.find("manifests"); files != entry.end()) {
    for (std::size_t i = 0; i < files->size(); ++i) {
      std::string name = (*files)[i].get<std::string>();
      std::filesystem::path path = std::filesystem::path(world.scenario_dir) / name;
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        throw ScenarioError(append_pointer(append_pointer(pointer, "manifests"), i),
                            "cannot read manifest \"" + path.string() + "\"");
      }
      std::stringstream text;
      text << in.rdbuf();
      sources.push_back(kube::ManifestSource::yaml(name, text.str()));
    }
  }
  if (auto objects = entry.find("objects"); objects != entry.end()) {
    for (std::size_t i = 0; i < objects->size(); ++i) {
      sources.push_back(
          kube::ManifestSource::inline_object(append_pointer(append_pointer(pointer, "objects"), i), (*objects)[i]));
    }
  }
  return kube::read_manifests(sources, cluster.namespaces);
}

int priority_of(const kube::PodTemplateSpec& pod, const std::map<std::string, int>& classes) {
  auto it = classes.find(pod.spec.priority_class_name);
  return it == classes.end() ? 0 : it->second;
}

kube::DeploymentSpec deployment_spec(const kube::Deployment& d, const std::map<std::string, int>& classes) {
  kube::DeploymentSpec spec;
  spec.object = d;
  spec.blueprint = kube::PodBlueprint::compile(d.pod_template, priority_of(d.pod_template, classes));
  spec.template_key = d.origin.json().at("spec").at("template").dump();
  return spec;
}

// What `kubectl apply` does with a set of objects: creates the new ones, updates the changed ones.
// The Cluster Autoscaler's priority expander reads its ConfigMap's data.priorities (expander/priority).
void read_priority_config_map(const kube::OtherObject& map, EksCluster& cluster) {
  const std::string what = kube::describe("ConfigMap", map.metadata);
  const nlohmann::json& data = map.origin.json().value("data", nlohmann::json::object());
  if (!data.contains("priorities") || !data["priorities"].is_string())
    kube::fail_in_object(map.origin, what, "/data", "the priority expander needs data.priorities (YAML)");
  std::string error;
  cluster.expander_priorities = kube::read_expander_priorities(data["priorities"].get<std::string>(), error);
  if (!error.empty()) kube::fail_in_object(map.origin, what, "/data/priorities", error);
}

void apply_set(const kube::ManifestSet& set, EksCluster& cluster, EksModel& model, World& world, bool running) {
  for (const kube::Namespace& ns : set.namespaces) cluster.namespaces.push_back(ns.metadata.name);
  for (const kube::PriorityClass& pc : set.priority_classes) cluster.priority_classes[pc.metadata.name] = pc.value;
  for (const kube::Service& s : set.services) {
    cluster.add_service(s);
    if (!running) provide_service_client(s, cluster, model, world);
  }
  for (const kube::PodDisruptionBudget& b : set.pod_disruption_budgets) cluster.evictions().apply(b);
  for (const kube::OtherObject& o : set.ignored) {
    if (o.kind == "ConfigMap" && o.metadata.ns == "kube-system" && o.metadata.name == kube::kPriorityConfigMap)
      read_priority_config_map(o, cluster);
  }
  for (const kube::Deployment& d : set.deployments) {
    kube::DeploymentSpec spec = deployment_spec(d, cluster.priority_classes);
    if (std::string misfit = cluster.fargate_misfit(spec.blueprint); !misfit.empty())
      kube::fail_in_object(d.origin, kube::describe("Deployment", d.metadata), "/spec/template/spec/containers",
                           misfit);
    if (kube::DeploymentController* existing = cluster.deployment(d.metadata.ns, d.metadata.name)) {
      existing->apply(std::move(spec));
    } else {
      kube::DeploymentController& made = cluster.add_deployment(std::move(spec));
      if (running) made.start();
    }
  }
  // NodePools go to the cluster's Karpenter, made once every `kubernetes` entry is applied.
  for (const kube::OtherObject& object : set.node_pools) {
    NodePool pool = read_node_pool(object);
    check_node_class(pool, set.ec2_node_classes);
    if (running)
      kube::fail_in_object(pool.origin, "NodePool " + pool.name, "",
                           "applying a NodePool during the run is not simulated by this version yet");
    model.node_pools[cluster.name()].push_back(std::move(pool));
  }
  for (const kube::Job& job : set.jobs) {
    if (std::string misfit = cluster.fargate_misfit(kube::PodBlueprint::compile(job.spec.pod_template, 0));
        !misfit.empty())
      kube::fail_in_object(job.origin, kube::describe("Job", job.metadata), "/spec/template/spec/containers", misfit);
    cluster.add_job(job, running);
  }
  for (const kube::CronJob& cj : set.cron_jobs) {
    const std::string what = kube::describe("CronJob", cj.metadata);
    if (std::string misfit = cluster.fargate_misfit(kube::PodBlueprint::compile(cj.job.pod_template, 0));
        !misfit.empty())
      kube::fail_in_object(cj.origin, what, "/spec/jobTemplate/spec/template/spec/containers", misfit);
    // The controller's clock is UTC here; no time zone database is simulated.
    if (!cj.time_zone.empty() && cj.time_zone != "UTC" && cj.time_zone != "Etc/UTC")
      kube::fail_in_object(cj.origin, what, "/spec/timeZone",
                           "time zone \"" + cj.time_zone + "\" is not simulated (UTC only)");
    std::string error;
    std::string cron = kube::cron_expression_of(cj.schedule, error);
    std::optional<ScheduleExpression> schedule;
    if (error.empty()) schedule = ScheduleExpression::parse("cron(" + cron + ")", error);
    if (!schedule) kube::fail_in_object(cj.origin, what, "/spec/schedule", error);
    cluster.add_cron_job(cj, *schedule, world.start_unix_s, running);
  }
  if (!running) apply_pod_autoscalers(set, cluster, model, world);
  for (const kube::Ingress& ingress : set.ingresses) {
    if (running) {
      kube::fail_in_object(ingress.origin, "Ingress " + ingress.metadata.ns + "/" + ingress.metadata.name, "",
                           "creating an Ingress during the run is not simulated by this version yet");
    }
  }
  provision_ingresses(set.ingresses, cluster, model, world);
}

}  // namespace

void apply_kubernetes_objects(const nlohmann::json& entry, const std::string& pointer, EksCluster& cluster,
                              EksModel& model, World& world) {
  apply_set(read_objects(entry, pointer, world, cluster), cluster, model, world, false);
}

void register_eks_actions(EksModel& model, World& world) {
  EksModel* eks = &model;
  World* w = &world;
  world.provide_action("kubectlApply",
                       [eks, w](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
                         std::string name = entry["cluster"].get<std::string>();
                         EksCluster* cluster = eks->find(name);
                         if (cluster == nullptr)
                           throw ScenarioError(append_pointer(p, "cluster"), "no EKS cluster \"" + name + "\"");
                         // Read (and checked) now, so a bad manifest fails before the run starts.
                         auto set = std::make_shared<kube::ManifestSet>(read_objects(entry, p, *w, *cluster));
                         refuse_pod_autoscalers_during_run(*set);
                         return [set, cluster, eks, w] { apply_set(*set, *cluster, *eks, *w, true); };
                       });
  world.provide_action("drainNode", [eks](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
    std::string name = entry["cluster"].get<std::string>();
    EksCluster* cluster = eks->find(name);
    if (cluster == nullptr) throw ScenarioError(append_pointer(p, "cluster"), "no EKS cluster \"" + name + "\"");
    if (entry.contains("node") == entry.contains("nodegroup"))
      throw ScenarioError(p, "expected exactly one of \"node\" and \"nodegroup\"");
    std::string node = entry.value("node", std::string());
    std::string group = entry.value("nodegroup", std::string());
    int count = entry.value("count", 1);
    return [cluster, node, group, count] { cluster->drain(node, group, count); };
  });
}

}  // namespace fleetsim
