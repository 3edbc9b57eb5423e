#include "models/eks/eks_section.hpp"

#include "models/api/auto_scaling_groups.hpp"
#include "models/api/image_source.hpp"
#include "models/api/instance_fleet.hpp"
#include "models/api/subnet.hpp"
#include "models/eks/eks_model.hpp"
#include "models/eks/eks_shapes.hpp"
#include "models/eks/kubernetes_objects.hpp"
#include "models/kubernetes/autoscaler/autoscaler_options.hpp"
#include "models/registry.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

EksCluster& cluster_named(const EksModel& model, const std::string& name, const std::string& pointer) {
  if (EksCluster* c = model.find(name)) return *c;
  std::vector<std::string> known;
  for (const auto& c : model.clusters) known.push_back(c->name());
  throw ScenarioError(pointer, no_such_name("EKS cluster", name, known));
}

// A map of strings (labels), empty when absent.
kube::Labels string_map(const nlohmann::json& object, const char* key) {
  kube::Labels out;
  if (auto it = object.find(key); it != object.end()) {
    for (const auto& [k, v] : it->items()) out[k] = v.get<std::string>();
  }
  return out;
}

kube::TaintEffect taint_effect(const std::string& eks) {
  if (eks == "NO_EXECUTE") return kube::TaintEffect::kNoExecute;
  if (eks == "PREFER_NO_SCHEDULE") return kube::TaintEffect::kPreferNoSchedule;
  return kube::TaintEffect::kNoSchedule;
}

// A managed node group is an Auto Scaling group EKS creates (CreateNodegroup's scaling config, instance
// types and subnets become the group's), whose instances join the cluster as nodes.
void build_nodegroup(const nlohmann::json& ng, const std::string& p, EksModel& model, World& world,
                     std::map<std::string, std::vector<std::string>>& cluster_subnets) {
  std::string cluster_name = ng["clusterName"].get<std::string>();
  EksCluster& cluster = cluster_named(model, cluster_name, append_pointer(p, "clusterName"));
  NodegroupConfig config;
  config.name = ng["nodegroupName"].get<std::string>();
  config.capacity_type = ng.value("capacityType", std::string("ON_DEMAND"));
  config.labels = string_map(ng, "labels");
  const nlohmann::json taints = ng.value("taints", nlohmann::json::array());
  for (const auto& t : taints) {
    config.taints.push_back(
        {t["key"].get<std::string>(), t.value("value", std::string()), taint_effect(t["effect"].get<std::string>())});
  }
  // CreateNodegroup's defaults: minSize 1, maxSize 2, desiredSize = minSize, instance type t3.medium.
  const nlohmann::json scaling = ng.value("scalingConfig", nlohmann::json::object());
  int min_size = scaling.value("minSize", 1);
  int max_size = scaling.value("maxSize", 2);
  int desired = scaling.value("desiredSize", min_size);
  std::string sp = append_pointer(p, "scalingConfig");
  if (min_size > max_size)
    throw ScenarioError(append_pointer(sp, "minSize"),
                        "minSize " + std::to_string(min_size) + " is above maxSize " + std::to_string(max_size));
  if (desired < min_size || desired > max_size)
    throw ScenarioError(append_pointer(sp, "desiredSize"), "desiredSize must be between minSize and maxSize");
  nlohmann::json overrides = nlohmann::json::array();
  const nlohmann::json types = ng.value("instanceTypes", nlohmann::json::array({"t3.medium"}));
  for (const auto& t : types) overrides.push_back({{"InstanceType", t}});
  bool spot = config.capacity_type == "SPOT";
  nlohmann::json request{{"AutoScalingGroupName", config.name},
                         {"MinSize", min_size},
                         {"MaxSize", max_size},
                         {"DesiredCapacity", desired},
                         {"MixedInstancesPolicy",
                          {{"LaunchTemplate", {{"Overrides", overrides}}},
                           {"InstancesDistribution",
                            {{"OnDemandBaseCapacity", 0}, {"OnDemandPercentageAboveBaseCapacity", spot ? 0 : 100}}}}}};
  std::vector<std::string> subnets = cluster_subnets[cluster_name];
  if (ng.contains("subnets")) subnets = ng["subnets"].get<std::vector<std::string>>();
  if (!subnets.empty()) {
    std::string joined;
    for (const auto& s : subnets) joined += (joined.empty() ? "" : ",") + s;
    request["VPCZoneIdentifier"] = joined;
  }
  ScalableGroup& group = world.need<AutoScalingGroups>("ec2", p, "EC2 model").create_auto_scaling_group(request, p);
  config.group = &group;
  config.instance_type = types.front().get<std::string>();
  if (!subnets.empty()) {
    if (const Subnet* subnet = world.find<const Subnet>(subnets.front()))
      config.template_zone = subnet->availability_zone;
  }
  cluster.add_nodegroup(config);
  group.join_cluster(&cluster, config.name);
}

void build_eks(const nlohmann::json& scenario, World& world) {
  auto clusters = scenario.find("eksClusters");
  if (clusters == scenario.end()) {
    for (const char* dependent : {"nodegroups", "fargateProfiles", "kubernetes"}) {
      if (scenario.contains(dependent))
        throw ScenarioError(append_pointer("", dependent), "no EKS cluster: add the \"eksClusters\" section");
    }
    return;
  }
  auto& model = world.own(std::make_unique<EksModel>(world));
  model.catalog = world.catalog.eks;  // with the scenario's catalog.eks applied
  const ImageSource& images = world.need<const ImageSource>("ecr", "", "image source");
  std::map<std::string, std::vector<std::string>> cluster_subnets;
  for (std::size_t i = 0; i < clusters->size(); ++i) {
    const nlohmann::json& c = (*clusters)[i];
    std::string p = append_pointer("/eksClusters", i);
    std::string name = c["name"].get<std::string>();
    if (model.find(name)) throw ScenarioError(append_pointer(p, "name"), "cluster \"" + name + "\" is defined twice");
    if (auto vpc = c.find("resourcesVpcConfig"); vpc != c.end() && vpc->contains("subnetIds")) {
      const nlohmann::json& ids = (*vpc)["subnetIds"];
      for (std::size_t s = 0; s < ids.size(); ++s) {
        std::string id = ids[s].get<std::string>();
        if (world.find<const Subnet>(id) == nullptr)
          throw ScenarioError(append_pointer(append_pointer(append_pointer(p, "resourcesVpcConfig"), "subnetIds"), s),
                              "subnet \"" + id + "\" is not in the subnets section");
        cluster_subnets[name].push_back(id);
      }
    }
    model.clusters.push_back(std::make_unique<EksCluster>(
        world.ctx, name, model.catalog, images, world.catalog.instance_types, world.find<LaunchPlatform>("FARGATE")));
  }
  if (auto ngs = scenario.find("nodegroups"); ngs != scenario.end()) {
    for (std::size_t i = 0; i < ngs->size(); ++i)
      build_nodegroup((*ngs)[i], append_pointer("/nodegroups", i), model, world, cluster_subnets);
  }
  if (auto profiles = scenario.find("fargateProfiles"); profiles != scenario.end()) {
    for (std::size_t i = 0; i < profiles->size(); ++i) {
      const nlohmann::json& f = (*profiles)[i];
      std::string p = append_pointer("/fargateProfiles", i);
      EksCluster& cluster = cluster_named(model, f["clusterName"].get<std::string>(), append_pointer(p, "clusterName"));
      FargateProfileConfig config;
      config.name = f["fargateProfileName"].get<std::string>();
      for (const auto& s : f["selectors"]) {
        config.selectors.push_back({s["namespace"].get<std::string>(), string_map(s, "labels")});
      }
      cluster.add_fargate_profile(std::move(config));
    }
  }
  for (auto& cluster : model.clusters) cluster->add_system_pods();
  if (auto k8s = scenario.find("kubernetes"); k8s != scenario.end()) {
    for (std::size_t i = 0; i < k8s->size(); ++i) {
      const nlohmann::json& entry = (*k8s)[i];
      std::string p = append_pointer("/kubernetes", i);
      EksCluster& cluster = cluster_named(model, entry["cluster"].get<std::string>(), append_pointer(p, "cluster"));
      apply_kubernetes_objects(entry, p, cluster, model, world);
      if (auto ca = entry.find("clusterAutoscaler"); ca != entry.end()) {
        const std::string cp = append_pointer(append_pointer(p, "clusterAutoscaler"), "args");
        kube::AutoscalerOptions options =
            kube::parse_autoscaler_args(ca->value("args", std::vector<std::string>{}), cp);
        if (kube::uses_priority_expander(options) && cluster.expander_priorities.empty())
          throw ScenarioError(cp, std::string("--expander=priority needs the ConfigMap kube-system/") +
                                      kube::kPriorityConfigMap + " with data.priorities among the cluster's objects");
        options.priorities = cluster.expander_priorities;
        cluster.enable_cluster_autoscaler(std::move(options));
      }
    }
  }
  for (auto& [name, pools] : model.node_pools) {
    // Karpenter launches through CreateFleet into the cluster's subnets (the EC2NodeClass's subnet selector is
    // not read: every subnet of the cluster), every AZ of the region without them.
    InstanceFleet& fleet = world.need<InstanceFleets>("ec2", "", "EC2 model")
                               .create_instant_fleet("karpenter-" + name, cluster_subnets[name]);
    static const std::map<std::string, InstancePrice> kNoPrices;
    auto prices = world.catalog.instance_prices.find(world.region);
    model.karpenters.push_back(
        std::make_unique<Karpenter>(*model.find(name), fleet, std::move(pools), world.catalog.instance_types,
                                    prices == world.catalog.instance_prices.end() ? kNoPrices : prices->second));
  }
  register_eks_actions(model, world);
}

}  // namespace

void register_eks(ModelRegistry& r) {
  register_eks_shapes(r);
  // After the platforms (Fargate 30, EC2 40) and the ALB (50) it creates groups and listeners on; before
  // the workloads (80) that send to its Ingresses.
  r.add_model({"eks", 75, &build_eks});
}

}  // namespace fleetsim
