#include "models/ecs/ecs_section.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "models/ecs/cluster_capacity.hpp"
#include "models/ecs/managed_scaling.hpp"
#include "models/ecs/service.hpp"
#include "models/ecs/standalone_tasks.hpp"
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
    for (auto& m : scalers) m->start();
    for (auto& s : services) s->start();
  }
  void finish(SimTime end) override {
    for (auto& s : services) s->finish(end);
  }
  void write_summary(nlohmann::ordered_json& summary) const override {
    for (const auto& s : services) summary["services"][s->name()] = s->summary();
    // RunTask groups; targets sharing a group add up.
    std::map<std::string, StandaloneCounts> groups;
    for (const auto& g : standalone) {
      StandaloneCounts& c = groups[g->group()];
      c.launched += g->counts().launched;
      c.stopped += g->counts().stopped;
      c.failed_to_start += g->counts().failed_to_start;
      c.placement_failures += g->counts().placement_failures;
    }
    for (const auto& [name, c] : groups) {
      summary["standaloneTasks"][name] = {{"launched", c.launched},
                                          {"stopped", c.stopped},
                                          {"failedToStart", c.failed_to_start},
                                          {"placementFailures", c.placement_failures}};
    }
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
      const ElasticityTally& e = svc->elasticity();
      if (e.periods() == 0) continue;
      under_acc += e.under_accuracy(), over_acc += e.over_accuracy();
      under_time += e.under_timeshare(), over_time += e.over_timeshare();
      instability += e.instability();
      ++counted;
    }
    if (counted == 0) return;
    out = {{"underProvisioningAccuracy", under_acc / counted},
           {"overProvisioningAccuracy", over_acc / counted},
           {"underProvisioningTimeshare", under_time / counted},
           {"overProvisioningTimeshare", over_time / counted},
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

  /// The EC2 capacity of `cluster`, made on first use.
  ClusterCapacity& capacity(World& world, const std::string& cluster) {
    auto& slot = capacities[cluster];
    if (!slot) {
      slot = std::make_unique<ClusterCapacity>(world.ctx, cluster, *world.images.find("ecr"),
                                               world.catalog.ec2.ephemeral_first, world.catalog.ec2.ephemeral_last);
    }
    return *slot;
  }

  TaskDefinitionTable definitions;
  std::set<std::string> clusters{"default"};
  std::map<std::string, nlohmann::json> default_strategies;           // cluster -> defaultCapacityProviderStrategy
  std::map<std::string, std::string> provider_cluster;                // ASG capacity provider -> its cluster
  std::map<std::string, std::vector<ScalableGroup*>> cluster_groups;  // cluster -> groups whose instances join it
  std::map<std::string, ScalableGroup*> provider_group;               // ASG capacity provider -> its group
  std::map<std::string, std::unique_ptr<ClusterCapacity>> capacities;
  std::vector<std::unique_ptr<ManagedScaling>> scalers;
  IpAllocator ips;
  std::vector<std::unique_ptr<Service>> services;
  std::vector<std::unique_ptr<StandaloneTasks>> standalone;  // one per RunTask target
};

bool compatible_with(const TaskDefinition& td, const std::string& launch_type) {
  // Without requiresCompatibilities a definition is EC2-only, as AWS registers it.
  if (td.requires_compatibilities.empty()) return launch_type == "EC2";
  return std::find(td.requires_compatibilities.begin(), td.requires_compatibilities.end(), launch_type) !=
         td.requires_compatibilities.end();
}

// The field names of a launch: CreateService's, or the EcsParameters of an EventBridge target (RunTask).
struct LaunchKeys {
  const char* launch_type;
  const char* strategy;
  const char* task_definition;
};
constexpr LaunchKeys kServiceKeys{"launchType", "capacityProviderStrategy", "taskDefinition"};
constexpr LaunchKeys kRunTaskKeys{"LaunchType", "CapacityProviderStrategy", "TaskDefinitionArn"};

std::vector<ProviderShare> read_providers(const nlohmann::json& svc, const std::string& p, const std::string& cluster,
                                          const TaskDefinition& td, EcsModel& model, World& world,
                                          const LaunchKeys& keys = kServiceKeys) {
  std::vector<ProviderShare> out;
  nlohmann::json strategy;
  std::string sp = append_pointer(p, keys.strategy);
  if (svc.contains(keys.strategy)) {
    if (svc.contains(keys.launch_type)) {
      throw ScenarioError(append_pointer(p, keys.launch_type),
                          std::string("give ") + keys.launch_type + " or " + keys.strategy + ", not both");
    }
    strategy = svc[keys.strategy];
  } else if (!svc.contains(keys.launch_type) && model.default_strategies.count(cluster)) {
    strategy = model.default_strategies[cluster];  // the cluster's defaultCapacityProviderStrategy
    sp = "/clusters (defaultCapacityProviderStrategy of " + cluster + ")";
  }
  if (!strategy.is_null()) {
    int with_base = 0;
    bool fargate = false, ec2 = false;
    for (std::size_t i = 0; i < strategy.size(); ++i) {
      const nlohmann::json& item = strategy[i];
      std::string ip = append_pointer(sp, i);
      std::string name = name_from_reference(item["capacityProvider"].get<std::string>());
      LaunchPlatform* platform = world.platforms.find(name);
      if (platform != nullptr) {
        fargate = true;
      } else if (auto c = model.provider_cluster.find(name); c != model.provider_cluster.end()) {
        if (c->second != cluster) {
          throw ScenarioError(append_pointer(ip, "capacityProvider"),
                              "capacity provider \"" + name + "\" belongs to cluster \"" + c->second +
                                  "\", not to the service's cluster \"" + cluster + "\"");
        }
        platform = &model.capacity(world, cluster).platform(name);
        ec2 = true;
      } else {
        std::vector<std::string> known = world.platforms.names();
        for (const auto& [n, _] : model.provider_cluster) known.push_back(n);
        throw ScenarioError(append_pointer(ip, "capacityProvider"), no_such_name("capacity provider", name, known));
      }
      ProviderShare share{name, platform, item.value("base", 0), item.value("weight", 0)};
      if (share.base > 0 && ++with_base > 1)
        throw ScenarioError(append_pointer(ip, "base"), "only one capacity provider in a strategy may set a base");
      out.push_back(share);
    }
    // "A strategy may not mix ASG and Fargate providers" (aws-facts §3 "Capacity provider strategy").
    if (fargate && ec2)
      throw ScenarioError(sp, "a capacity provider strategy cannot mix Fargate and Auto Scaling group providers");
    bool any_weight =
        std::any_of(out.begin(), out.end(), [](const ProviderShare& s) { return s.weight > 0 || s.base > 0; });
    if (!any_weight) throw ScenarioError(sp, "every provider has weight 0: no task could be placed");
    std::string needed = fargate ? "FARGATE" : "EC2";
    if (!compatible_with(td, needed)) {
      throw ScenarioError(append_pointer(p, keys.task_definition),
                          "task definition " + td.id() + " does not list " + needed + " in requiresCompatibilities");
    }
    return out;
  }
  std::string launch_type = svc.value(keys.launch_type, std::string("EC2"));
  if (launch_type == "FARGATE") {
    out.push_back(ProviderShare{"FARGATE", world.platforms.find("FARGATE"), 0, 1});
  } else if (launch_type == "EC2") {
    out.push_back(ProviderShare{"EC2", &model.capacity(world, cluster).platform(""), 0, 1});
  } else {
    throw ScenarioError(append_pointer(p, keys.launch_type),
                        "launch type " + launch_type + " is not simulated; use \"FARGATE\" or \"EC2\"");
  }
  if (!compatible_with(td, launch_type)) {
    throw ScenarioError(append_pointer(p, keys.task_definition),
                        "task definition " + td.id() + " does not list " + launch_type + " in requiresCompatibilities");
  }
  return out;
}

// The groups a service's EC2 tasks can land on: its providers' groups, or every group of the cluster.
std::vector<ScalableGroup*> groups_for(const ServiceConfig& config, EcsModel& model) {
  std::vector<ScalableGroup*> out;
  for (const ProviderShare& share : config.providers) {
    if (auto g = model.provider_group.find(share.name); g != model.provider_group.end()) out.push_back(g->second);
    if (share.name == "EC2") return model.cluster_groups[config.cluster];
  }
  return out;
}

PlacementPolicy read_placement(const nlohmann::json& svc, const std::string& p) {
  PlacementPolicy policy;
  const nlohmann::json strategies = svc.value("placementStrategy", nlohmann::json::array());
  for (std::size_t i = 0; i < strategies.size(); ++i) {
    std::string ip = append_pointer(append_pointer(p, "placementStrategy"), i);
    try {
      policy.strategies.push_back(PlacementStrategy::parse(strategies[i].value("type", std::string()),
                                                           strategies[i].value("field", std::string())));
    } catch (const std::invalid_argument& e) {
      throw ScenarioError(ip, e.what());
    }
  }
  const nlohmann::json constraints = svc.value("placementConstraints", nlohmann::json::array());
  for (std::size_t i = 0; i < constraints.size(); ++i) {
    std::string ip = append_pointer(append_pointer(p, "placementConstraints"), i);
    std::string type = constraints[i].value("type", std::string());
    if (type == "distinctInstance") {
      policy.constraints.push_back(PlacementConstraint::distinct_instance());
    } else if (type == "memberOf") {
      try {
        policy.constraints.push_back(PlacementConstraint::member_of(constraints[i].value("expression", std::string())));
      } catch (const QueryParseError& e) {
        throw ScenarioError(append_pointer(ip, "expression"), e.what());
      }
    } else {
      throw ScenarioError(append_pointer(ip, "type"),
                          "expected \"distinctInstance\" or \"memberOf\", found \"" + type + "\"");
    }
  }
  return policy;
}

// The container a load balancer names must exist in the revision and map the port.
void check_binding(const TaskDefinition& td, const TargetBinding& b, const std::string& name_pointer,
                   const std::string& port_pointer) {
  const ContainerDefinition* container = nullptr;
  for (const auto& c : td.containers) {
    if (c.name == b.container_name) container = &c;
  }
  if (container == nullptr)
    throw ScenarioError(name_pointer, "task definition " + td.id() + " has no container \"" + b.container_name + "\"");
  bool mapped = std::any_of(container->port_mappings.begin(), container->port_mappings.end(),
                            [&](const PortMapping& m) { return m.container_port == b.container_port; });
  if (!mapped)
    throw ScenarioError(port_pointer, "container \"" + b.container_name + "\" of " + td.id() + " maps no port " +
                                          std::to_string(b.container_port));
}

DeploymentConfiguration read_deployment_configuration(const nlohmann::json& svc, const std::string& p) {
  DeploymentConfiguration config;
  if (auto c = svc.find("deploymentController"); c != svc.end() && c->value("type", std::string("ECS")) != "ECS") {
    throw ScenarioError(
        append_pointer(append_pointer(p, "deploymentController"), "type"),
        "only the rolling update controller (\"ECS\") is simulated; blue/green (CODE_DEPLOY) and EXTERNAL are not");
  }
  auto d = svc.find("deploymentConfiguration");
  if (d == svc.end()) return config;
  config.minimum_healthy_percent = d->value("minimumHealthyPercent", config.minimum_healthy_percent);
  config.maximum_percent = d->value("maximumPercent", config.maximum_percent);
  if (auto cb = d->find("deploymentCircuitBreaker"); cb != d->end()) {
    config.circuit_breaker = cb->value("enable", false);
    config.rollback = cb->value("rollback", false);
  }
  std::string dp = append_pointer(p, "deploymentConfiguration");
  if (config.maximum_percent < config.minimum_healthy_percent) {
    throw ScenarioError(append_pointer(dp, "maximumPercent"), "expected at least minimumHealthyPercent (" +
                                                                  std::to_string(config.minimum_healthy_percent) + ")");
  }
  return config;
}

void read_capacity_providers(const nlohmann::json& scenario, EcsModel& model, World& world,
                             const std::map<std::string, std::string>& listed_in) {
  auto section = scenario.find("capacityProviders");
  if (section == scenario.end()) return;
  for (std::size_t i = 0; i < section->size(); ++i) {
    const nlohmann::json& cp = (*section)[i];
    std::string p = append_pointer("/capacityProviders", i);
    std::string name = cp["name"].get<std::string>();
    if (name == "FARGATE" || name == "FARGATE_SPOT" || model.provider_cluster.count(name)) {
      throw ScenarioError(append_pointer(p, "name"),
                          "capacity provider \"" + name + "\" is defined twice (or is a reserved name)");
    }
    const nlohmann::json& asg = cp["autoScalingGroupProvider"];
    std::string ap = append_pointer(p, "autoScalingGroupProvider");
    std::string group_name = name_from_reference(asg["autoScalingGroupArn"].get<std::string>());
    ScalableGroup* group = world.auto_scaling_groups.find(group_name);
    if (group == nullptr) {
      throw ScenarioError(append_pointer(ap, "autoScalingGroupArn"),
                          no_such_name("Auto Scaling group", group_name, world.auto_scaling_groups.names()));
    }
    for (const auto& [other, g] : model.provider_group) {
      if (g == group)
        throw ScenarioError(append_pointer(ap, "autoScalingGroupArn"),
                            "group \"" + group_name + "\" already backs capacity provider \"" + other + "\"");
    }
    // A provider nobody lists serves the default cluster: a convenience of the format.
    auto listed = listed_in.find(name);
    std::string cluster = listed == listed_in.end() ? "default" : listed->second;
    model.provider_cluster[name] = cluster;
    model.provider_group[name] = group;
    model.cluster_groups[cluster].push_back(group);
    ClusterCapacity& capacity = model.capacity(world, cluster);
    group->join_cluster(&capacity, name);
    ManagedScalingConfig ms;
    if (auto m = asg.find("managedScaling"); m != asg.end()) {
      ms.enabled = m->value("status", std::string("ENABLED")) == "ENABLED";
      ms.target_capacity = m->value("targetCapacity", 100);
      ms.min_step = m->value("minimumScalingStepSize", 1);
      ms.max_step = m->value("maximumScalingStepSize", 10000);
      ms.warmup = Duration::seconds(m->value("instanceWarmupPeriod", 300));
      if (ms.min_step > ms.max_step) {
        throw ScenarioError(append_pointer(append_pointer(ap, "managedScaling"), "minimumScalingStepSize"),
                            "expected at most maximumScalingStepSize (" + std::to_string(ms.max_step) + ")");
      }
    } else {
      ms.enabled = false;  // the API's default when managedScaling is absent
    }
    ms.termination_protection = asg.value("managedTerminationProtection", std::string("DISABLED")) == "ENABLED";
    if (ms.termination_protection && !ms.enabled) {
      throw ScenarioError(append_pointer(ap, "managedTerminationProtection"),
                          "managed termination protection requires managed scaling (status ENABLED)");
    }
    if (ms.termination_protection) group->protect_busy_instances(&capacity);
    if (ms.enabled) {
      ClusterCapacity* cap = &capacity;
      model.scalers.push_back(std::make_unique<ManagedScaling>(world.ctx, name, cluster, ms, *group, [cap, name] {
        ProviderLoad l = cap->load(name);
        return std::make_pair(l.busy_instances, l.waiting_tasks);
      }));
    }
  }
}

// Security groups that drop the ALB's traffic make every health check time out: a run would show it
// only as a service that never becomes healthy, so validate says so first, naming the rule to add.
void warn_blocked_targets(const ServiceConfig& config, const std::vector<ScalableGroup*>& groups, const std::string& p,
                          World& world) {
  if (world.traffic == nullptr) return;
  const TaskDefinition& td = *config.definition;
  for (std::size_t l = 0; l < config.load_balancers.size(); ++l) {
    const TargetBinding& b = config.load_balancers[l];
    const std::vector<std::string>& from = b.group->source_security_groups();
    auto check = [&](const std::vector<std::string>& to, int first, int last, const std::string& where) {
      if (world.traffic->allows(from, to, first, last)) return;
      std::string ports = first == last ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
      std::string sources, targets;
      for (const auto& g : from) sources += (sources.empty() ? "" : ", ") + g;
      for (const auto& g : to) targets += (targets.empty() ? "" : ", ") + g;
      world.warnings.push_back(
          {where, "no inbound rule of " + targets + " allows TCP " + ports + " from " + sources + " (load balancer " +
                      b.group->load_balancer() + "): add an IpPermissions entry for tcp " + ports +
                      " with that source group, or every health check of target group " + b.group->name() +
                      " times out (Target.Timeout) and the service never becomes healthy"});
    };
    if (td.network_mode == "awsvpc") {
      check(config.security_groups, b.container_port, b.container_port,
            p + "/networkConfiguration/awsvpcConfiguration/securityGroups");
      continue;
    }
    // bridge: the host port is the mapping's static one, or any of the ephemeral range; host: the container port.
    int first = b.container_port, last = b.container_port;
    for (const auto& c : td.containers) {
      for (const auto& pm : c.port_mappings) {
        if (c.name != b.container_name || pm.container_port != b.container_port || td.network_mode != "bridge")
          continue;
        if (pm.host_port == 0) {
          first = world.catalog.ec2.ephemeral_first;
          last = world.catalog.ec2.ephemeral_last;
        } else {
          first = last = pm.host_port;
        }
      }
    }
    for (ScalableGroup* g : groups)
      check(g->security_groups(), first, last, append_pointer(append_pointer(p, "loadBalancers"), l));
  }
}

// A task larger than every instance type it could land on would wait (or fail) forever: refused up front.
void check_fits(const TaskDefinition& td, const std::vector<ScalableGroup*>& groups, const std::string& p) {
  auto [cpu, memory] = td.reservation();
  if (groups.empty()) return;  // no instances at all: placement reports it at run time
  for (ScalableGroup* g : groups) {
    auto [gc, gm] = g->largest_type();
    if (cpu <= gc && memory <= gm) return;
  }
  auto [gc, gm] = groups.front()->largest_type();
  throw ScenarioError(
      p, "task definition " + td.id() + " needs " + std::to_string(cpu) + " CPU units and " + std::to_string(memory) +
             " MiB, more than any instance type of its Auto Scaling groups registers (largest: " + std::to_string(gc) +
             " CPU units, " + std::to_string(gm) + " MiB)");
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

// The queue a service's tasks poll: the x-fleetsim.queue of the container the task serves from (the
// one its load balancer names, else the first essential one with ports, else the first).
MessageQueue* worker_queue(const TaskDefinition& td, const std::vector<TargetBinding>& lbs,
                           const TaskDefinitionTable& table, const World& world) {
  const ContainerDefinition& serving = td.serving_container(lbs.empty() ? std::string() : lbs.front().container_name);
  for (std::size_t c = 0; c < td.containers.size(); ++c) {
    const ContainerDefinition& cd = td.containers[c];
    if (cd.queue.empty()) continue;
    std::string p = table.pointer_of(td.id()) + "/containerDefinitions/" + std::to_string(c) + "/x-fleetsim/queue";
    if (&cd != &serving)
      throw ScenarioError(p, "only the task's serving container (\"" + serving.name + "\") can poll a queue");
    MessageQueue* queue = world.queues.find(cd.queue);
    if (queue == nullptr) throw ScenarioError(p, no_such_name("queue", cd.queue, world.queues.names()));
    return queue;
  }
  return nullptr;
}

// A new revision must run where the service's tasks run and serve its load balancers as the old one did.
void check_revision(const Service& service, const TaskDefinition& current, const TaskDefinition& next,
                    const std::string& p, EcsModel& model, World& world) {
  const ServiceConfig& config = service.config();
  if (next.family != current.family) {
    throw ScenarioError(p,
                        "a service deploys revisions of its own family \"" + current.family + "\", not " + next.id());
  }
  if (next.network_mode != current.network_mode) {
    throw ScenarioError(p, next.id() + " uses network mode " + next.network_mode +
                               "; the service's target groups address " + current.network_mode + " tasks");
  }
  bool fargate = world.platforms.find(config.providers.front().name) != nullptr;
  std::string launch_type = fargate ? "FARGATE" : "EC2";
  if (!compatible_with(next, launch_type))
    throw ScenarioError(
        p, "task definition " + next.id() + " does not list " + launch_type + " in requiresCompatibilities");
  for (const TargetBinding& b : config.load_balancers) check_binding(next, b, p, p);
  if (!fargate) check_fits(next, groups_for(config, model), p);
  if (worker_queue(next, config.load_balancers, model.definitions, world) != config.queue) {
    throw ScenarioError(p, next.id() + " polls another queue (x-fleetsim.queue) than the service's tasks do");
  }
}

void build_ecs(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<EcsModel>());
  std::map<std::string, std::string> listed_in;  // capacity provider -> the cluster listing it
  if (auto c = scenario.find("clusters"); c != scenario.end()) {
    for (std::size_t i = 0; i < c->size(); ++i) {
      const nlohmann::json& cluster = (*c)[i];
      std::string name = cluster.value("clusterName", std::string("default"));
      model.clusters.insert(name);
      for (const auto& cp : cluster.value("capacityProviders", nlohmann::json::array())) {
        std::string provider = name_from_reference(cp.get<std::string>());
        if (!listed_in.emplace(provider, name).second && listed_in[provider] != name) {
          throw ScenarioError(append_pointer(append_pointer("/clusters", i), "capacityProviders"),
                              "capacity provider \"" + provider + "\" is already associated with cluster \"" +
                                  listed_in[provider] + "\"");
        }
      }
      if (cluster.contains("defaultCapacityProviderStrategy"))
        model.default_strategies[name] = cluster["defaultCapacityProviderStrategy"];
    }
  }
  read_capacity_providers(scenario, model, world, listed_in);
  // Groups no capacity provider uses join the cluster their x-fleetsim.cluster names.
  for (const std::string& g : world.auto_scaling_groups.names()) {
    ScalableGroup* group = world.auto_scaling_groups.find(g);
    bool claimed = std::any_of(model.provider_group.begin(), model.provider_group.end(),
                               [&](const auto& e) { return e.second == group; });
    if (claimed) continue;
    if (!model.clusters.count(group->cluster_hint())) {
      throw ScenarioError("/autoScalingGroups", "group \"" + g + "\" joins cluster \"" + group->cluster_hint() +
                                                    "\", which the clusters section does not define");
    }
    model.cluster_groups[group->cluster_hint()].push_back(group);
    group->join_cluster(&model.capacity(world, group->cluster_hint()), "");
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
      if (model.find(config.name))
        throw ScenarioError(append_pointer(p, "serviceName"), "service \"" + config.name + "\" is defined twice");
      config.cluster = name_from_reference(svc.value("cluster", std::string("default")));
      if (!model.clusters.count(config.cluster))
        throw ScenarioError(append_pointer(p, "cluster"), no_such_name("cluster", config.cluster, cluster_names));
      std::string td_ref = svc["taskDefinition"].get<std::string>();
      config.definition = model.definitions.find(td_ref);
      if (config.definition == nullptr)
        throw ScenarioError(append_pointer(p, "taskDefinition"), "no task definition \"" + td_ref + "\"");
      config.desired_count = svc.value("desiredCount", 0);
      total_tasks += config.desired_count;
      if (total_tasks > kMaxTotalTasks) {
        throw ScenarioError(append_pointer(p, "desiredCount"),
                            "the services ask for more than 200,000 tasks in all, fleetsim's limit");
      }
      config.providers = read_providers(svc, p, config.cluster, *config.definition, model, world);
      bool on_ec2 = std::any_of(config.providers.begin(), config.providers.end(),
                                [&](const ProviderShare& sh) { return !world.platforms.find(sh.name); });
      if (on_ec2) {
        config.placement = read_placement(svc, p);
        check_fits(*config.definition, groups_for(config, model), append_pointer(p, "taskDefinition"));
      } else if (svc.contains("placementStrategy") || svc.contains("placementConstraints")) {
        // aws-facts §4 "Fargate": placement strategies and constraints are not supported.
        throw ScenarioError(
            append_pointer(p, svc.contains("placementStrategy") ? "placementStrategy" : "placementConstraints"),
            "Fargate tasks take no placement strategies or constraints");
      }
      config.health_check_grace = Duration::seconds(svc.value("healthCheckGracePeriodSeconds", 0));
      config.deployment = read_deployment_configuration(svc, p);
      config.scheduler = world.catalog.ecs;
      config.availability_zones = read_zones(svc, p, world);
      const nlohmann::json lbs = svc.value("loadBalancers", nlohmann::json::array());
      for (std::size_t l = 0; l < lbs.size(); ++l) {
        std::string lp = append_pointer(append_pointer(p, "loadBalancers"), l);
        if (!lbs[l].contains("targetGroupArn"))
          throw ScenarioError(lp, "expected \"targetGroupArn\" (classic load balancers are not simulated)");
        std::string tg_name = name_from_reference(lbs[l]["targetGroupArn"].get<std::string>());
        TargetBinding b;
        b.group = world.target_groups.find(tg_name);
        if (b.group == nullptr)
          throw ScenarioError(append_pointer(lp, "targetGroupArn"),
                              no_such_name("target group", tg_name, world.target_groups.names()));
        // awsvpc tasks have their own ENI: only ip target groups address them; bridge and host tasks are
        // instance:port targets (aws-facts §5.3, "ALB registration").
        std::string wanted = config.definition->network_mode == "awsvpc" ? "ip" : "instance";
        if (b.group->target_type() != wanted) {
          throw ScenarioError(append_pointer(lp, "targetGroupArn"),
                              "target group \"" + tg_name + "\" has TargetType \"" + b.group->target_type() + "\"; " +
                                  config.definition->network_mode + " tasks need \"" + wanted + "\"");
        }
        b.container_name = lbs[l].value("containerName", std::string());
        b.container_port = lbs[l].value("containerPort", 0);
        check_binding(*config.definition, b, append_pointer(lp, "containerName"), append_pointer(lp, "containerPort"));
        config.load_balancers.push_back(b);
      }
      config.queue = worker_queue(*config.definition, config.load_balancers, model.definitions, world);
      config.traffic = world.traffic;
      config.zone_health = &world.zone_health;
      if (auto net = svc.find("networkConfiguration"); net != svc.end() && net->contains("awsvpcConfiguration") &&
                                                       (*net)["awsvpcConfiguration"].contains("securityGroups")) {
        config.security_groups =
            world.security_groups_at((*net)["awsvpcConfiguration"]["securityGroups"],
                                     p + "/networkConfiguration/awsvpcConfiguration/securityGroups");
      }
      warn_blocked_targets(config, groups_for(config, model), p, world);
      std::string resource_id = "service/" + config.cluster + "/" + config.name;
      std::string dims = make_dimensions({{"ClusterName", config.cluster}, {"ServiceName", config.name}});
      model.services.push_back(std::make_unique<Service>(world.ctx, std::move(config), model.ips));
      // Application Auto Scaling and CloudWatch find the service by its ResourceId and metric.
      world.scalable_resources.add(resource_id, model.services.back().get());
      world.metric_sources.add(metric_source_key("AWS/ECS", "CPUUtilization", dims), model.services.back().get());
      world.metric_sources.add(metric_source_key("ECS/ContainerInsights", "RunningTaskCount", dims),
                               &model.services.back()->running_task_count());
      if (const MetricSource* memory = model.services.back()->memory_utilization()) {
        world.metric_sources.add(metric_source_key("AWS/ECS", "MemoryUtilization", dims), memory);
      }
    }
  }
  EcsModel* ecs = &model;
  World* w = &world;
  world.run_task = [ecs, w, cluster_names](const nlohmann::json& target,
                                           const std::string& p) -> std::function<void()> {
    RunTaskConfig config;
    config.cluster = name_from_reference(target["Arn"].get<std::string>());
    if (!ecs->clusters.count(config.cluster))
      throw ScenarioError(append_pointer(p, "Arn"), no_such_name("cluster", config.cluster, cluster_names));
    std::string pp = append_pointer(p, "EcsParameters");
    const nlohmann::json& params = target["EcsParameters"];
    std::string td_ref = params["TaskDefinitionArn"].get<std::string>();
    config.definition = ecs->definitions.find(td_ref);
    if (config.definition == nullptr)
      throw ScenarioError(append_pointer(pp, "TaskDefinitionArn"), "no task definition \"" + td_ref + "\"");
    config.providers = read_providers(params, pp, config.cluster, *config.definition, *ecs, *w, kRunTaskKeys);
    // RunTask's default group (ECS API RunTask: "family:my-family-name").
    config.group = params.value("Group", "family:" + config.definition->family);
    config.availability_zones = w->availability_zones;
    ecs->standalone.push_back(std::make_unique<StandaloneTasks>(w->ctx, std::move(config), ecs->ips));
    StandaloneTasks* group = ecs->standalone.back().get();
    int count = params.value("TaskCount", 1);
    return [group, count] { group->run(count); };
  };
  auto service_of = [ecs](const nlohmann::json& entry, const std::string& p) {
    std::string name = entry["service"].get<std::string>();
    Service* service = ecs->find(name);
    if (service == nullptr)
      throw ScenarioError(append_pointer(p, "service"), no_such_name("service", name, ecs->names()));
    return service;
  };
  world.timeline_actions["killTasks"] = [service_of](const nlohmann::json& entry,
                                                     const std::string& p) -> std::function<void()> {
    Service* service = service_of(entry, p);
    if (entry.contains("count") == entry.contains("percent"))
      throw ScenarioError(p, "expected either \"count\" or \"percent\"");
    int count = entry.value("count", 0);
    double percent = entry.value("percent", 0.0);
    return [service, count, percent] { service->kill_tasks(count, percent); };
  };
  // Revisions as the timeline leaves them, in file order, to refuse a deployment to the revision a
  // service already runs.
  auto revisions = std::make_shared<std::map<const Service*, const TaskDefinition*>>();
  world.timeline_actions["updateService"] =
      [service_of, ecs, w, revisions](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
    Service* service = service_of(entry, p);
    if (!entry.contains("desiredCount") && !entry.contains("taskDefinition") &&
        !entry.value("forceNewDeployment", false)) {
      throw ScenarioError(p, "expected \"desiredCount\", \"taskDefinition\" or \"forceNewDeployment\"");
    }
    std::optional<int> count;
    if (entry.contains("desiredCount")) count = entry["desiredCount"].get<int>();
    const TaskDefinition* current = revisions->count(service) ? (*revisions)[service] : service->config().definition;
    const TaskDefinition* next = nullptr;
    if (entry.contains("taskDefinition")) {
      std::string tp = append_pointer(p, "taskDefinition");
      std::string ref = entry["taskDefinition"].get<std::string>();
      next = ecs->definitions.find(ref);
      if (next == nullptr) throw ScenarioError(tp, "no task definition \"" + ref + "\"");
      if (next == current && !entry.value("forceNewDeployment", false)) {
        throw ScenarioError(tp, "service \"" + service->name() + "\" already runs " + next->id() +
                                    " at this point of the timeline: name a new revision (or set forceNewDeployment)");
      }
      check_revision(*service, *current, *next, tp, *ecs, *w);
    } else if (entry.value("forceNewDeployment", false)) {
      next = current;
    }
    if (next != nullptr) (*revisions)[service] = next;
    return [service, count, next] {
      if (count) service->set_desired_count(*count);
      if (next != nullptr) service->deploy(*next);
    };
  };
}

}  // namespace

void register_ecs(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& cluster = s.object("a cluster", "ecs CreateCluster.");
  Shape& provider = s.object("a capacity provider strategy item", "ecs CapacityProviderStrategyItem.");
  provider.required("capacityProvider", s.string(), "FARGATE, FARGATE_SPOT or an Auto Scaling group capacity provider")
      .field("weight", s.integer(0, 1000), "relative share (default 0)")
      .field("base", s.integer(0, 100000), "tasks placed here first (default 0)");
  cluster.required("clusterName", s.string(), "cluster name")
      .field("capacityProviders", s.array_of(s.string(), 20), "capacity providers associated with the cluster")
      .field("defaultCapacityProviderStrategy", s.array_of(&provider, 20),
             "strategy of services that give neither launchType nor strategy")
      .ignored({"tags", "settings", "configuration", "serviceConnectDefaults", "clusterArn", "status"});
  r.add_section("clusters", s.array_of(&cluster, 1000), "ECS clusters (a cluster named default always exists)");
  r.add_section("taskDefinitions", TaskDefinitionTable::section_shape(s), "ECS task definitions");

  Shape& lb = s.object("a service load balancer", "ecs LoadBalancer.");
  lb.field("targetGroupArn", s.string(), "target group name or ARN")
      .field("containerName", s.string(), "container receiving traffic")
      .field("containerPort", s.integer(0, 65535), "its port")
      .ignored({"loadBalancerName"});
  Shape& managed = s.object("managed scaling", "ecs ManagedScaling.");
  managed.field("status", s.one_of_strings("a status", {"ENABLED", "DISABLED"}), "managed scaling on or off")
      .field("targetCapacity", s.integer(1, 100), "CapacityProviderReservation target, percent (default 100)")
      .field("minimumScalingStepSize", s.integer(1, 10000), "instances per scale-out at least (default 1)")
      .field("maximumScalingStepSize", s.integer(1, 10000), "instances per scale-out at most (default 10000)")
      .field("instanceWarmupPeriod", s.integer(0, 10000),
             "seconds a new instance blocks further scale-out (default 300)");
  Shape& asg_provider = s.object("an Auto Scaling group provider", "ecs AutoScalingGroupProvider.");
  asg_provider.required("autoScalingGroupArn", s.string(), "Auto Scaling group name or ARN")
      .field("managedScaling", &managed, "cluster auto scaling")
      .field("managedTerminationProtection", s.one_of_strings("a status", {"ENABLED", "DISABLED"}),
             "keep instances with tasks from scale-in")
      .ignored({"managedDraining"});
  Shape& cp = s.object("a capacity provider", "ecs CreateCapacityProvider.");
  cp.required("name", s.string(), "capacity provider name")
      .required("autoScalingGroupProvider", &asg_provider, "the group it scales")
      .ignored({"tags", "capacityProviderArn", "status", "updateStatus"});
  r.add_section("capacityProviders", s.array_of(&cp, 100), "ECS capacity providers backed by Auto Scaling groups");
  Shape& strategy_item = s.object("a placement strategy", "ecs PlacementStrategy.");
  strategy_item
      .required("type", s.one_of_strings("a strategy type", {"binpack", "spread", "random"}),
                "binpack, spread or random")
      .field("field", s.string(), "binpack: cpu or memory; spread: instanceId, host or attribute:NAME");
  Shape& constraint = s.object("a placement constraint", "ecs PlacementConstraint.");
  constraint
      .required("type", s.one_of_strings("a constraint type", {"distinctInstance", "memberOf"}),
                "distinctInstance or memberOf")
      .field("expression", s.string(), "memberOf: a cluster query language expression");
  Shape& awsvpc = s.object("an awsvpc configuration", "ecs AwsVpcConfiguration.");
  awsvpc.field("subnets", s.array_of(s.string(), 16), "subnet ids (their AZs come from the subnets section)")
      .field("securityGroups", s.array_of(s.string(), 5),
             "the tasks' security groups (checked against the securityGroups section)")
      .ignored({"assignPublicIp"});
  Shape& network = s.object("a network configuration", "ecs NetworkConfiguration.");
  network.field("awsvpcConfiguration", &awsvpc, "awsvpc settings");
  Shape& breaker = s.object("a deployment circuit breaker", "ecs DeploymentCircuitBreaker.");
  breaker.required("enable", s.boolean(), "count failed tasks and fail the deployment at the threshold")
      .required("rollback", s.boolean(), "on failure, redeploy the last completed revision");
  Shape& deployment = s.object("a deployment configuration", "ecs DeploymentConfiguration.");
  deployment
      .field("minimumHealthyPercent", s.integer(0, 100),
             "healthy tasks kept during a deployment, percent of desiredCount rounded up (default 100)")
      .field("maximumPercent", s.integer(0, 2147483647),
             "RUNNING + PENDING tasks allowed, percent of desiredCount rounded down (default 200)")
      .field("deploymentCircuitBreaker", &breaker, "circuit breaker")
      .ignored(
          {"alarms", "bakeTimeInMinutes", "lifecycleHooks", "strategy", "canaryConfiguration", "linearConfiguration"});
  Shape& controller = s.object("a deployment controller", "ecs DeploymentController.");
  controller.required("type", s.one_of_strings("a controller type", {"ECS", "CODE_DEPLOY", "EXTERNAL"}),
                      "ECS (rolling update)");
  Shape& svc = s.object("a service", "ecs CreateService.");
  svc.required("serviceName", s.string(), "service name")
      .field("cluster", s.string(), "cluster name or ARN (default: default)")
      .required("taskDefinition", s.string(), "family, family:revision or ARN")
      .field("desiredCount", s.integer(0, 5000),
             "tasks to keep running (at most 5,000, ECS's default tasks-per-service quota)")
      .field("launchType", s.one_of_strings("a launch type", {"EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"}),
             "launch type")
      .field("capacityProviderStrategy", s.array_of(&provider, 20), "capacity provider strategy")
      .field("loadBalancers", s.array_of(&lb, 5), "target groups")
      .field("networkConfiguration", &network, "awsvpc subnets")
      .field("healthCheckGracePeriodSeconds", s.integer(0, 2147483647),
             "ELB health ignored this long after RUNNING (default 0)")
      .field("placementStrategy", s.array_of(&strategy_item, 5), "EC2 placement strategies, in order")
      .field("placementConstraints", s.array_of(&constraint, 10), "EC2 placement constraints")
      .field("deploymentConfiguration", &deployment, "rolling update bounds and circuit breaker")
      .field("deploymentController", &controller, "deployment controller (only ECS, the rolling update, is simulated)")
      .ignored({"serviceRegistries",
                "clientToken",
                "platformVersion",
                "role",
                "schedulingStrategy",
                "tags",
                "enableECSManagedTags",
                "propagateTags",
                "enableExecuteCommand",
                "serviceConnectConfiguration",
                "volumeConfigurations",
                "availabilityZoneRebalancing",
                "serviceArn",
                "clusterArn",
                "status",
                "runningCount",
                "pendingCount",
                "deployments",
                "events",
                "createdAt",
                "roleArn",
                "createdBy",
                "platformFamily",
                "taskSets"});
  r.add_section("services", s.array_of(&svc, 10000), "ECS services");

  Shape& update = s.object("an updateService action", "Changes a service (ecs UpdateService fields).");
  update.required("service", s.string(), "service name")
      .field("desiredCount", s.integer(0, 5000), "new desired count (at most 5,000)")
      .field("taskDefinition", s.string(), "new revision: starts a rolling deployment")
      .field("forceNewDeployment", s.boolean(), "deploy even when the revision is unchanged");
  r.add_timeline_action("updateService", update);
  Shape& kill = s.object("a killTasks action",
                         "Tasks of a service die at once (their containers exit); the service replaces them.");
  kill.required("service", s.string(), "service name")
      .field("count", s.integer(1, 200000), "tasks killed")
      .field("percent", s.number(0, 100), "share of the running tasks killed, rounded up");
  r.add_timeline_action("killTasks", kill);
  r.add_build_step(&build_ecs);
}

}  // namespace fleetsim
