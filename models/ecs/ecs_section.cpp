#include "models/ecs/ecs_section.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "models/api/file_storage.hpp"
#include "models/api/image_source.hpp"
#include "models/api/launch_platform.hpp"
#include "models/api/load_balancing.hpp"
#include "models/api/message_queue.hpp"
#include "models/api/metric_source.hpp"
#include "models/api/permissions.hpp"
#include "models/api/scalable_resource.hpp"
#include "models/api/subnet.hpp"
#include "models/api/task_launcher.hpp"
#include "models/api/tracked_group.hpp"
#include "models/api/traffic_policy.hpp"
#include "models/ecs/cluster_capacity.hpp"
#include "models/ecs/ecs_model.hpp"
#include "models/ecs/ecs_reader.hpp"
#include "models/ecs/ecs_shapes.hpp"
#include "models/ecs/managed_scaling.hpp"
#include "models/ecs/service.hpp"
#include "models/ecs/standalone_tasks.hpp"
#include "models/registry.hpp"
#include "sim/output/number_format.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

// The field names of a launch: CreateService's, or the EcsParameters of an EventBridge target (RunTask).
struct LaunchKeys {
  const char* launch_type;
  const char* strategy;
  const char* task_definition;
  const char* platform_version;
};
constexpr LaunchKeys kServiceKeys{"launchType", "capacityProviderStrategy", "taskDefinition", "platformVersion"};
constexpr LaunchKeys kRunTaskKeys{"LaunchType", "CapacityProviderStrategy", "TaskDefinitionArn", "PlatformVersion"};

// Fargate mounts EFS volumes from platform version 1.4.0 on ("For tasks that are hosted on Fargate, Amazon EFS file
// systems are supported on platform version 1.4.0 or later", https://docs.aws.amazon.com/AmazonECS/latest/
// developerguide/efs-volumes.html): a launch of `td` on an older `platformVersion` is refused. LATEST is 1.4.0 or
// later.
void check_efs_platform(const nlohmann::json& svc, const std::string& p, const TaskDefinition& td,
                        const LaunchKeys& keys) {
  auto field = svc.find(keys.platform_version);
  if (td.efs_volumes.empty() || field == svc.end() || !field->is_string()) return;
  const std::string version = field->get<std::string>();
  int major = 0, minor = 0;
  if (std::sscanf(version.c_str(), "%d.%d", &major, &minor) != 2 || major > 1 || (major == 1 && minor >= 4)) return;
  throw ScenarioError(append_pointer(p, keys.platform_version),
                      "task definition " + td.id() +
                          " has EFS volumes (efsVolumeConfiguration), which Fargate "
                          "supports only on platform version 1.4.0 or later, not " +
                          version + "; use 1.4.0 or LATEST");
}

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
      LaunchPlatform* platform = world.find<LaunchPlatform>(name);
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
        std::vector<std::string> known = world.names<LaunchPlatform>();
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
    if (fargate) check_efs_platform(svc, p, td, keys);
    return out;
  }
  std::string launch_type = svc.value(keys.launch_type, std::string("EC2"));
  if (launch_type == "FARGATE") {
    out.push_back(ProviderShare{"FARGATE", world.find<LaunchPlatform>("FARGATE"), 0, 1});
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
  if (launch_type == "FARGATE") check_efs_platform(svc, p, td, keys);
  return out;
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
    ScalableGroup* group = world.find<ScalableGroup>(group_name);
    if (group == nullptr) {
      throw ScenarioError(append_pointer(ap, "autoScalingGroupArn"),
                          no_such_name("Auto Scaling group", group_name, world.names<ScalableGroup>()));
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
    // managedDraining defaults to ENABLED (ECS developer guide, enable-managed-instance-draining).
    group->set_managed_draining(asg.value("managedDraining", std::string("ENABLED")) == "ENABLED");
    ManagedScalingConfig ms = read_managed_scaling(asg, ap);
    if (ms.termination_protection) group->protect_busy_instances(&capacity);
    if (ms.enabled) {
      ClusterCapacity* cap = &capacity;
      model.scalers.push_back(std::make_unique<ManagedScaling>(world.ctx, name, cluster, ms, *group, [cap, name] {
        ProviderLoad l = cap->load(name);
        return std::make_pair(l.busy_instances, l.waiting_tasks);
      }));
      ManagedScaling* scaler = model.scalers.back().get();
      world.provide<TrackedGroup>(name, scaler);  // the autoscaling model keeps its target tracking policy
      world.provide<const MetricSource>(scaler->metric_key(), &scaler->metric());
    }
  }
}

// A service behind a load balancer whose health check grace period ends before its target container answers has its
// tasks judged by health checks they cannot yet pass (ECS stops tasks the target group finds unhealthy once the
// grace period is over): valid on AWS, and a run shows it only as tasks replaced for no visible reason.
void warn_short_grace(const ServiceConfig& config, const nlohmann::json& svc, const std::string& p, World& world) {
  for (const TargetBinding& b : config.load_balancers) {
    for (const ContainerDefinition& c : config.definition->containers) {
      double startup = c.name == b.container_name ? c.startup_s.mean() : 0;
      if (startup <= static_cast<double>(config.health_check_grace.us()) / 1e6) continue;
      std::string where =
          svc.contains("healthCheckGracePeriodSeconds") ? append_pointer(p, "healthCheckGracePeriodSeconds") : p;
      world.warnings.push_back(
          {where, "healthCheckGracePeriodSeconds " + std::to_string(config.health_check_grace.us() / 1000000) +
                      " is shorter than container " + c.name + "'s start-up (x-fleetsim.startupTime, mean " +
                      format_number(startup) + " s): load balancer health checks count against tasks that " +
                      "cannot answer yet; set it to at least the start-up"});
      return;
    }
  }
}

// Security groups that drop the ALB's traffic make every health check time out: a run would show it
// only as a service that never becomes healthy, so validate says so first, naming the rule to add.
void warn_blocked_targets(const ServiceConfig& config, const std::vector<ScalableGroup*>& groups, const std::string& p,
                          World& world) {
  const TrafficPolicy* traffic = world.find<const TrafficPolicy>(kSecurityGroups);
  if (traffic == nullptr) return;
  const TaskDefinition& td = *config.definition;
  for (std::size_t l = 0; l < config.load_balancers.size(); ++l) {
    const TargetBinding& b = config.load_balancers[l];
    const std::vector<std::string>& from = b.group->source_security_groups();
    auto check = [&](const std::vector<std::string>& to, int first, int last, const std::string& where) {
      if (traffic->allows(from, to, first, last)) return;
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
    const Subnet* subnet = world.find<const Subnet>(id);
    if (subnet == nullptr) {
      throw ScenarioError(p + "/networkConfiguration/awsvpcConfiguration/subnets/" + std::to_string(i),
                          "subnet \"" + id + "\" is not in the subnets section");
    }
    const std::string& zone = subnet->availability_zone;
    if (std::find(zones.begin(), zones.end(), zone) == zones.end()) zones.push_back(zone);
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
    MessageQueue* queue = world.find<MessageQueue>(cd.queue);
    if (queue == nullptr) throw ScenarioError(p, no_such_name("queue", cd.queue, world.names<MessageQueue>()));
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
  bool fargate = world.find<LaunchPlatform>(config.providers.front().name) != nullptr;
  std::string launch_type = fargate ? "FARGATE" : "EC2";
  if (!compatible_with(next, launch_type))
    throw ScenarioError(
        p, "task definition " + next.id() + " does not list " + launch_type + " in requiresCompatibilities");
  for (const TargetBinding& b : config.load_balancers) check_binding(next, b, p, p);
  if (!fargate) check_fits(next, model.groups_for(config), p);
  if (worker_queue(next, config.load_balancers, model.definitions, world) != config.queue) {
    throw ScenarioError(p, next.id() + " polls another queue (x-fleetsim.queue) than the service's tasks do");
  }
}

void build_ecs(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<EcsModel>(world));
  world.provide<TaskLauncher>(kEcs, &model);
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
  for (const std::string& g : world.names<ScalableGroup>()) {
    ScalableGroup* group = world.find<ScalableGroup>(g);
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
  model.definitions.link_file_systems([&world](const EfsVolume& v) {
    FileStorage& fs =
        world.need<FileStorage>(v.file_system_id, append_pointer(v.pointer, "fileSystemId"), "file system");
    if (!v.access_point_id.empty() && !fs.has_access_point(v.access_point_id)) {
      throw ScenarioError(append_pointer(append_pointer(v.pointer, "authorizationConfig"), "accessPointId"),
                          "file system \"" + v.file_system_id + "\" has no access point \"" + v.access_point_id + "\"");
    }
    return &fs;
  });
  if (const Permissions* permissions = world.find<const Permissions>("iam")) {
    // An instance whose profile may not register stays out of the cluster (its capacity provider keeps launching).
    const nlohmann::json groups = scenario.value("autoScalingGroups", nlohmann::json::array());
    std::set<std::string> registering;  // instance profiles whose agents join: a role-less task's credentials
    for (const auto& [cluster, members] : model.cluster_groups) {
      for (ScalableGroup* group : members) {
        std::string p = "/autoScalingGroups";
        for (std::size_t i = 0; i < groups.size(); ++i) {
          if (world.find<ScalableGroup>(groups[i]["AutoScalingGroupName"].get<std::string>()) != group) continue;
          p = append_pointer(p, i);
          if (groups[i].contains("IamInstanceProfile")) p = append_pointer(p, "IamInstanceProfile");
        }
        if (agent_may_register(group->instance_profile(), cluster, p, *permissions, world.region, world.warnings))
          registering.insert(group->instance_profile());
        else
          model.capacity(world, cluster).refuse_agents_of(group->instance_profile());
      }
    }
    const std::vector<std::string> profiles(registering.begin(), registering.end());
    const ImageSource& images = world.need<const ImageSource>("ecr", "", "image source");
    model.definitions.for_each([&](TaskDefinition& td, const std::string& p) {
      check_task_access(td, scenario.at(nlohmann::json::json_pointer(p)), p, *permissions, images, world.region,
                        profiles, world.warnings);
    });
  }
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
      // describe-services prints the cluster as "clusterArn"; CreateService takes "cluster".
      const char* cluster_field = svc.contains("cluster") || !svc.contains("clusterArn") ? "cluster" : "clusterArn";
      config.cluster = name_from_reference(svc.value(cluster_field, std::string("default")));
      if (!model.clusters.count(config.cluster))
        throw ScenarioError(append_pointer(p, cluster_field), no_such_name("cluster", config.cluster, cluster_names));
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
                                [&](const ProviderShare& sh) { return !world.find<LaunchPlatform>(sh.name); });
      if (on_ec2) {
        config.placement = read_placement(svc, p);
        check_fits(*config.definition, model.groups_for(config), append_pointer(p, "taskDefinition"));
      } else {
        // aws-facts §4 "Fargate": placement strategies and constraints are not supported. describe-services prints
        // them as empty arrays for a Fargate service, which say nothing and are accepted.
        for (const char* field : {"placementStrategy", "placementConstraints"}) {
          if (auto f = svc.find(field); f != svc.end() && !f->empty())
            throw ScenarioError(append_pointer(p, field), "Fargate tasks take no placement strategies or constraints");
        }
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
        b.group = world.find<TargetGroupPort>(tg_name);
        if (b.group == nullptr)
          throw ScenarioError(append_pointer(lp, "targetGroupArn"),
                              no_such_name("target group", tg_name, world.names<TargetGroupPort>()));
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
      config.traffic = world.find<const TrafficPolicy>(kSecurityGroups);
      config.zone_health = &world.zone_health;
      if (auto net = svc.find("networkConfiguration"); net != svc.end() && net->contains("awsvpcConfiguration") &&
                                                       (*net)["awsvpcConfiguration"].contains("securityGroups")) {
        config.security_groups =
            world.security_groups_at((*net)["awsvpcConfiguration"]["securityGroups"],
                                     p + "/networkConfiguration/awsvpcConfiguration/securityGroups");
      }
      warn_blocked_targets(config, model.groups_for(config), p, world);
      warn_short_grace(config, svc, p, world);
      std::string resource_id = "service/" + config.cluster + "/" + config.name;
      std::string dims = make_dimensions({{"ClusterName", config.cluster}, {"ServiceName", config.name}});
      model.services.push_back(std::make_unique<Service>(world.ctx, std::move(config), model.ips));
      // Application Auto Scaling and CloudWatch find the service by its ResourceId and metric.
      world.provide<ScalableResource>(resource_id, model.services.back().get());
      world.provide<const MetricSource>(metric_source_key("AWS/ECS", "CPUUtilization", dims),
                                        model.services.back().get());
      world.provide<const MetricSource>(metric_source_key("ECS/ContainerInsights", "RunningTaskCount", dims),
                                        &model.services.back()->running_task_count());
      if (const MetricSource* memory = model.services.back()->memory_utilization()) {
        world.provide<const MetricSource>(metric_source_key("AWS/ECS", "MemoryUtilization", dims), memory);
      }
    }
  }
  EcsModel* ecs = &model;
  World* w = &world;
  auto service_of = [ecs](const nlohmann::json& entry, const std::string& p) {
    std::string name = entry["service"].get<std::string>();
    Service* service = ecs->find(name);
    if (service == nullptr)
      throw ScenarioError(append_pointer(p, "service"), no_such_name("service", name, ecs->names()));
    return service;
  };
  world.provide_action("killTasks",
                       [service_of](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
                         Service* service = service_of(entry, p);
                         if (entry.contains("count") == entry.contains("percent"))
                           throw ScenarioError(p, "expected either \"count\" or \"percent\"");
                         int count = entry.value("count", 0);
                         double percent = entry.value("percent", 0.0);
                         return [service, count, percent] { service->kill_tasks(count, percent); };
                       });
  // Revisions as the timeline leaves them, in file order, to refuse a deployment to the revision a
  // service already runs.
  auto revisions = std::make_shared<std::map<const Service*, const TaskDefinition*>>();
  world.provide_action(
      "updateService",
      [service_of, ecs, w, revisions](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
        Service* service = service_of(entry, p);
        if (!entry.contains("desiredCount") && !entry.contains("taskDefinition") &&
            !entry.value("forceNewDeployment", false)) {
          throw ScenarioError(p, "expected \"desiredCount\", \"taskDefinition\" or \"forceNewDeployment\"");
        }
        std::optional<int> count;
        if (entry.contains("desiredCount")) count = entry["desiredCount"].get<int>();
        const TaskDefinition* current =
            revisions->count(service) ? (*revisions)[service] : service->config().definition;
        const TaskDefinition* next = nullptr;
        if (entry.contains("taskDefinition")) {
          std::string tp = append_pointer(p, "taskDefinition");
          std::string ref = entry["taskDefinition"].get<std::string>();
          next = ecs->definitions.find(ref);
          if (next == nullptr) throw ScenarioError(tp, "no task definition \"" + ref + "\"");
          if (next == current && !entry.value("forceNewDeployment", false)) {
            throw ScenarioError(tp,
                                "service \"" + service->name() + "\" already runs " + next->id() +
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
      });
}

}  // namespace

std::function<void()> EcsModel::run_task(const nlohmann::json& target, const std::string& p) {
  RunTaskConfig config;
  config.cluster = name_from_reference(target["Arn"].get<std::string>());
  if (!clusters.count(config.cluster)) {
    std::vector<std::string> cluster_names(clusters.begin(), clusters.end());
    throw ScenarioError(append_pointer(p, "Arn"), no_such_name("cluster", config.cluster, cluster_names));
  }
  std::string pp = append_pointer(p, "EcsParameters");
  const nlohmann::json& params = target["EcsParameters"];
  std::string td_ref = params["TaskDefinitionArn"].get<std::string>();
  config.definition = definitions.find(td_ref);
  if (config.definition == nullptr)
    throw ScenarioError(append_pointer(pp, "TaskDefinitionArn"), "no task definition \"" + td_ref + "\"");
  config.providers = read_providers(params, pp, config.cluster, *config.definition, *this, world_, kRunTaskKeys);
  // RunTask's default group (ECS API RunTask: "family:my-family-name").
  config.group = params.value("Group", "family:" + config.definition->family);
  config.availability_zones = world_.availability_zones;
  standalone.push_back(std::make_unique<StandaloneTasks>(world_.ctx, std::move(config), ips));
  StandaloneTasks* group = standalone.back().get();
  int count = params.value("TaskCount", 1);
  return [group, count] { group->run(count); };
}

void register_ecs(ModelRegistry& r) {
  declare_ecs_shapes(r);
  r.add_model({"ecs", 70, &build_ecs});
}

}  // namespace fleetsim
