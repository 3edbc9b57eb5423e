#include "models/ecs/ecs_section.hpp"

#include <algorithm>
#include <set>

#include "models/ecs/service.hpp"
#include "models/registry.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

/// The ECS control plane of a run: task definitions, clusters and services.
class EcsModel : public Model {
 public:
  void start() override {
    for (auto& s : services) s->start();
  }
  void finish(SimTime end) override {
    for (auto& s : services) s->finish(end);
  }
  void write_summary(nlohmann::ordered_json& summary) const override {
    for (const auto& s : services) summary["services"][s->name()] = s->summary();
    write_elasticity(summary["elasticity"]);
  }

  // SPEC Research Group elasticity metrics (Herbst et al., "Ready for Rain?"), per service over its
  // metric periods, then averaged over services: accuracy is the mean relative shortfall (or excess)
  // of supply against demand; timeshare the fraction of periods under (or over) provisioned;
  // instability the fraction of period changes where supply and demand move in different directions.
  void write_elasticity(nlohmann::ordered_json& out) const {
    double under_acc = 0, over_acc = 0, under_time = 0, over_time = 0, instability = 0;
    int counted = 0;
    for (const auto& svc : services) {
      const auto& samples = svc->elasticity_samples();
      if (samples.empty()) continue;
      double ua = 0, oa = 0, ut = 0, ot = 0, unstable = 0;
      for (std::size_t i = 0; i < samples.size(); ++i) {
        auto [d, s] = samples[i];
        double scale = std::max(d, 1.0);
        ua += std::max(d - s, 0.0) / scale;
        oa += std::max(s - d, 0.0) / scale;
        ut += s < d;
        ot += s > d;
        if (i > 0) {
          auto sign = [](double x) { return (x > 0) - (x < 0); };
          unstable += sign(s - samples[i - 1].second) != sign(d - samples[i - 1].first);
        }
      }
      double n = static_cast<double>(samples.size());
      under_acc += ua / n, over_acc += oa / n, under_time += ut / n, over_time += ot / n;
      instability += samples.size() > 1 ? unstable / (n - 1) : 0;
      ++counted;
    }
    if (counted == 0) return;
    out = {{"underProvisioningAccuracy", under_acc / counted}, {"overProvisioningAccuracy", over_acc / counted},
           {"underProvisioningTimeshare", under_time / counted}, {"overProvisioningTimeshare", over_time / counted},
           {"instability", instability / counted}};
  }
  Service* find(const std::string& name) const {
    for (const auto& s : services) {
      if (s->name() == name) return s.get();
    }
    return nullptr;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& s : services) out.push_back(s->name());
    return out;
  }

  TaskDefinitionTable definitions;
  std::set<std::string> clusters{"default"};
  IpAllocator ips;
  std::vector<std::unique_ptr<Service>> services;
};

std::string unknown(const std::string& what, const std::string& name, const std::vector<std::string>& known) {
  std::string msg = "no " + what + " named \"" + name + "\"";
  if (auto near = closest_name(name, known)) msg += " (did you mean \"" + *near + "\"?)";
  return msg;
}

std::vector<ProviderShare> read_providers(const nlohmann::json& svc, const std::string& p, const TaskDefinition& td, World& world) {
  std::vector<ProviderShare> out;
  if (auto strategy = svc.find("capacityProviderStrategy"); strategy != svc.end()) {
    if (svc.contains("launchType")) throw ScenarioError(append_pointer(p, "launchType"), "a service takes launchType or capacityProviderStrategy, not both");
    int with_base = 0;
    for (std::size_t i = 0; i < strategy->size(); ++i) {
      const nlohmann::json& item = (*strategy)[i];
      std::string ip = append_pointer(append_pointer(p, "capacityProviderStrategy"), i);
      std::string name = item["capacityProvider"].get<std::string>();
      LaunchPlatform* platform = world.platforms.find(name);
      if (platform == nullptr) throw ScenarioError(append_pointer(ip, "capacityProvider"), unknown("capacity provider", name, world.platforms.names()));
      ProviderShare share{name, platform, item.value("base", 0), item.value("weight", 0)};
      if (share.base > 0 && ++with_base > 1) throw ScenarioError(append_pointer(ip, "base"), "only one capacity provider in a strategy may set a base");
      out.push_back(share);
    }
    bool any_weight = std::any_of(out.begin(), out.end(), [](const ProviderShare& s) { return s.weight > 0 || s.base > 0; });
    if (!any_weight) throw ScenarioError(append_pointer(p, "capacityProviderStrategy"), "every provider has weight 0: no task could be placed");
  } else {
    // Without a launch type or strategy AWS uses the cluster's default strategy, else EC2.
    std::string launch_type = svc.value("launchType", std::string("EC2"));
    if (launch_type != "FARGATE") {
      throw ScenarioError(append_pointer(p, "launchType"), "launch type " + launch_type + " is not simulated by this version yet; use \"FARGATE\"");
    }
    out.push_back(ProviderShare{"FARGATE", world.platforms.find("FARGATE"), 0, 1});
  }
  bool fargate_ok = std::find(td.requires_compatibilities.begin(), td.requires_compatibilities.end(), "FARGATE") != td.requires_compatibilities.end();
  if (!fargate_ok) {
    throw ScenarioError(append_pointer(p, "taskDefinition"), "task definition " + td.id() + " does not list FARGATE in requiresCompatibilities");
  }
  return out;
}

std::vector<std::string> read_zones(const nlohmann::json& svc, const std::string& p, World& world) {
  auto net = svc.find("networkConfiguration");
  if (net == svc.end() || !net->contains("awsvpcConfiguration") || !(*net)["awsvpcConfiguration"].contains("subnets")) {
    return world.availability_zones;  // a convenience of the format: every AZ of the scenario
  }
  std::vector<std::string> zones;
  const nlohmann::json& subnets = (*net)["awsvpcConfiguration"]["subnets"];
  for (std::size_t i = 0; i < subnets.size(); ++i) {
    std::string id = subnets[i].get<std::string>();
    auto it = world.subnet_zones.find(id);
    if (it == world.subnet_zones.end()) {
      throw ScenarioError(p + "/networkConfiguration/awsvpcConfiguration/subnets/" + std::to_string(i),
                          "subnet \"" + id + "\" is not in the subnets section");
    }
    if (std::find(zones.begin(), zones.end(), it->second) == zones.end()) zones.push_back(it->second);
  }
  return zones;
}

void build_ecs(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<EcsModel>());
  if (auto c = scenario.find("clusters"); c != scenario.end()) {
    for (const auto& cluster : *c) model.clusters.insert(cluster.value("clusterName", std::string("default")));
  }
  if (auto t = scenario.find("taskDefinitions"); t != scenario.end()) model.definitions.load(*t, "/taskDefinitions");
  std::vector<std::string> cluster_names(model.clusters.begin(), model.clusters.end());
  // Each task costs a few hundred bytes plus its requests; past this a scenario is almost surely a
  // mistake and would exhaust memory, so it is refused before anything runs.
  constexpr long kMaxTotalTasks = 200000;
  long total_tasks = 0;
  if (auto services = scenario.find("services"); services != scenario.end()) {
    for (std::size_t i = 0; i < services->size(); ++i) {
      const nlohmann::json& svc = (*services)[i];
      std::string p = append_pointer("/services", i);
      ServiceConfig config;
      config.name = svc["serviceName"].get<std::string>();
      if (model.find(config.name)) throw ScenarioError(append_pointer(p, "serviceName"), "service \"" + config.name + "\" is defined twice");
      config.cluster = name_from_reference(svc.value("cluster", std::string("default")));
      if (!model.clusters.count(config.cluster)) throw ScenarioError(append_pointer(p, "cluster"), unknown("cluster", config.cluster, cluster_names));
      std::string td_ref = svc["taskDefinition"].get<std::string>();
      config.definition = model.definitions.find(td_ref);
      if (config.definition == nullptr) throw ScenarioError(append_pointer(p, "taskDefinition"), "no task definition \"" + td_ref + "\"");
      config.desired_count = svc.value("desiredCount", 0);
      total_tasks += config.desired_count;
      if (total_tasks > kMaxTotalTasks) {
        throw ScenarioError(append_pointer(p, "desiredCount"), "the services ask for more than 200,000 tasks in all, fleetsim's limit");
      }
      config.providers = read_providers(svc, p, *config.definition, world);
      config.health_check_grace = Duration::seconds(svc.value("healthCheckGracePeriodSeconds", 0));
      config.availability_zones = read_zones(svc, p, world);
      const nlohmann::json lbs = svc.value("loadBalancers", nlohmann::json::array());
      for (std::size_t l = 0; l < lbs.size(); ++l) {
        std::string lp = append_pointer(append_pointer(p, "loadBalancers"), l);
        if (!lbs[l].contains("targetGroupArn")) throw ScenarioError(lp, "expected \"targetGroupArn\" (classic load balancers are not simulated)");
        std::string tg_name = name_from_reference(lbs[l]["targetGroupArn"].get<std::string>());
        TargetBinding b;
        b.group = world.target_groups.find(tg_name);
        if (b.group == nullptr) throw ScenarioError(append_pointer(lp, "targetGroupArn"), unknown("target group", tg_name, world.target_groups.names()));
        // Fargate tasks have their own ENI: only ip target groups can address them (aws-facts §5.3).
        if (b.group->target_type() != "ip") {
          throw ScenarioError(append_pointer(lp, "targetGroupArn"), "target group \"" + tg_name + "\" has TargetType \"" + b.group->target_type() + "\"; awsvpc tasks need \"ip\"");
        }
        b.container_name = lbs[l].value("containerName", std::string());
        b.container_port = lbs[l].value("containerPort", 0);
        const ContainerDefinition* container = nullptr;
        for (const auto& c : config.definition->containers) {
          if (c.name == b.container_name) container = &c;
        }
        if (container == nullptr) throw ScenarioError(append_pointer(lp, "containerName"), "task definition " + config.definition->id() + " has no container \"" + b.container_name + "\"");
        bool mapped = std::any_of(container->port_mappings.begin(), container->port_mappings.end(),
                                  [&](const PortMapping& m) { return m.container_port == b.container_port; });
        if (!mapped) throw ScenarioError(append_pointer(lp, "containerPort"), "container \"" + b.container_name + "\" maps no port " + std::to_string(b.container_port));
        config.load_balancers.push_back(b);
      }
      std::string resource_id = "service/" + config.cluster + "/" + config.name;
      std::string dims = make_dimensions({{"ClusterName", config.cluster}, {"ServiceName", config.name}});
      model.services.push_back(std::make_unique<Service>(world.ctx, std::move(config), model.ips));
      // Application Auto Scaling and CloudWatch find the service by its ResourceId and metric.
      world.scalable_resources.add(resource_id, model.services.back().get());
      world.metric_sources.add(metric_source_key("AWS/ECS", "CPUUtilization", dims), model.services.back().get());
    }
  }
  EcsModel* ecs = &model;
  world.timeline_actions["updateService"] = [ecs](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
    std::string name = entry["service"].get<std::string>();
    Service* service = ecs->find(name);
    if (service == nullptr) throw ScenarioError(append_pointer(p, "service"), unknown("service", name, ecs->names()));
    if (entry.contains("taskDefinition")) {
      throw ScenarioError(append_pointer(p, "taskDefinition"), "deployments of a new revision are not simulated by this version yet");
    }
    if (!entry.contains("desiredCount")) throw ScenarioError(p, "expected \"desiredCount\"");
    int count = entry["desiredCount"].get<int>();
    return [service, count] { service->set_desired_count(count); };
  };
}

}  // namespace

void register_ecs(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& cluster = s.object("a cluster", "ecs CreateCluster.");
  cluster.required("clusterName", s.string(), "cluster name")
      .ignored({"tags", "settings", "configuration", "capacityProviders", "defaultCapacityProviderStrategy",
                "serviceConnectDefaults", "clusterArn", "status"});
  r.add_section("clusters", s.array_of(&cluster, 1000), "ECS clusters (a cluster named default always exists)");
  r.add_section("taskDefinitions", TaskDefinitionTable::section_shape(s), "ECS task definitions");

  Shape& lb = s.object("a service load balancer", "ecs LoadBalancer.");
  lb.field("targetGroupArn", s.string(), "target group name or ARN")
      .field("containerName", s.string(), "container receiving traffic")
      .field("containerPort", s.integer(0, 65535), "its port")
      .ignored({"loadBalancerName"});
  Shape& provider = s.object("a capacity provider strategy item", "ecs CapacityProviderStrategyItem.");
  provider.required("capacityProvider", s.string(), "FARGATE or FARGATE_SPOT")
      .field("weight", s.integer(0, 1000), "relative share (default 0)")
      .field("base", s.integer(0, 100000), "tasks placed here first (default 0)");
  Shape& awsvpc = s.object("an awsvpc configuration", "ecs AwsVpcConfiguration.");
  awsvpc.field("subnets", s.array_of(s.string(), 16), "subnet ids (their AZs come from the subnets section)")
      .ignored({"securityGroups", "assignPublicIp"});
  Shape& network = s.object("a network configuration", "ecs NetworkConfiguration.");
  network.field("awsvpcConfiguration", &awsvpc, "awsvpc settings");
  Shape& svc = s.object("a service", "ecs CreateService.");
  svc.required("serviceName", s.string(), "service name")
      .field("cluster", s.string(), "cluster name or ARN (default: default)")
      .required("taskDefinition", s.string(), "family, family:revision or ARN")
      .field("desiredCount", s.integer(0, 5000), "tasks to keep running (at most 5,000, ECS's default tasks-per-service quota)")
      .field("launchType", s.one_of_strings("a launch type", {"EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"}), "launch type")
      .field("capacityProviderStrategy", s.array_of(&provider, 20), "capacity provider strategy")
      .field("loadBalancers", s.array_of(&lb, 5), "target groups")
      .field("networkConfiguration", &network, "awsvpc subnets")
      .field("healthCheckGracePeriodSeconds", s.integer(0, 2147483647), "ELB health ignored this long after RUNNING (default 0)")
      .ignored({"serviceRegistries", "clientToken", "platformVersion", "role", "deploymentConfiguration",
                "placementConstraints", "placementStrategy", "schedulingStrategy",
                "deploymentController", "tags", "enableECSManagedTags", "propagateTags", "enableExecuteCommand",
                "serviceConnectConfiguration", "volumeConfigurations", "availabilityZoneRebalancing", "serviceArn",
                "clusterArn", "status", "runningCount", "pendingCount", "deployments", "events", "createdAt",
                "roleArn", "createdBy", "platformFamily", "taskSets"});
  r.add_section("services", s.array_of(&svc, 10000), "ECS services");

  Shape& update = s.object("an updateService action", "Changes a service (ecs UpdateService fields).");
  update.required("service", s.string(), "service name")
      .field("desiredCount", s.integer(0, 5000), "new desired count (at most 5,000)")
      .field("taskDefinition", s.string(), "new revision (deployments: not simulated yet)");
  r.add_timeline_action("updateService", update);
  r.add_build_step(&build_ecs);
}

}  // namespace fleetsim
