#include "models/alb/alb_section.hpp"

#include <algorithm>
#include <map>

#include "models/alb/alb_reader.hpp"
#include "models/alb/alb_shapes.hpp"
#include "models/alb/load_balancer.hpp"
#include "models/api/load_balancing.hpp"
#include "models/api/metric_source.hpp"
#include "models/api/request_path.hpp"
#include "models/api/subnet.hpp"
#include "models/registry.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/validator.hpp"

namespace fleetsim {

namespace {

/// Owns the target groups, listeners and rules of the run; the sections and LoadBalancerFactory requests create
/// them through the same functions.
class AlbModel : public Model, public LoadBalancerFactory {
 public:
  explicit AlbModel(World& world) : world_(world) {}

  /// Creates the target group `config` behind `lb` and provides it with its metric sources; `p` locates it.
  TargetGroup& add_target_group(TargetGroupConfig config, const LoadBalancerSpec& lb, const std::string& p) {
    config.load_balancer = lb.name;
    config.source_security_groups = lb.security_groups;
    config.idle_timeout = lb.idle_timeout;
    if (config.availability_zones.empty()) config.availability_zones = world_.availability_zones;
    config.registration_s = world_.catalog.alb.target_registration_s;
    if (by_name_.count(config.name))
      throw ScenarioError(append_pointer(p, "Name"), "target group \"" + config.name + "\" is defined twice");
    groups_.push_back(std::make_unique<TargetGroup>(world_.ctx, config, world_.requests));
    TargetGroup* group = groups_.back().get();
    by_name_[config.name] = group;
    world_.provide<TargetGroupPort>(config.name, group);
    // Alarms name RequestCountPerTarget by TargetGroup, with or without LoadBalancer.
    world_.provide<const MetricSource>(metric_source_key("AWS/ApplicationELB", "RequestCountPerTarget",
                                                         make_dimensions({{"TargetGroup", config.name}})),
                                       group);
    world_.provide<const MetricSource>(
        metric_source_key("AWS/ApplicationELB", "RequestCountPerTarget",
                          make_dimensions({{"LoadBalancer", config.load_balancer}, {"TargetGroup", config.name}})),
        group);
    return *group;
  }

  /// Creates the listener `config` on the load balancer `lb_name`, adding `latency` ms to each request, and
  /// provides it as "NAME:PORT".
  Listener& add_listener(const ListenerConfig& config, const std::string& lb_name,
                         const std::optional<Distribution>& latency) {
    listeners_.push_back(std::make_unique<Listener>(world_.ctx, lb_name, config.port, action_of(config.default_action),
                                                    latency, world_.requests));
    Listener& listener = *listeners_.back();
    const std::string key = lb_name + ":" + std::to_string(config.port);
    if (!world_.provide<RequestSink>(key, &listener)) {
      throw ScenarioError(append_pointer(config.pointer, "Port"),
                          "load balancer \"" + lb_name + "\" has two listeners on port " + std::to_string(config.port));
    }
    by_key_[key] = &listener;
    for (const ListenerRuleConfig& rule : config.rules) add_rule(listener, rule, key);
    return listener;
  }

  TargetGroupPort& create_target_group(const nlohmann::json& request, const LoadBalancerSpec& load_balancer,
                                       const std::string& pointer) override {
    require_shape(request, target_group_request_shape(), pointer);
    return add_target_group(read_target_group(request, pointer), load_balancer, pointer);
  }

  RequestSink& create_listener(const nlohmann::json& request, const LoadBalancerSpec& load_balancer,
                               const std::string& pointer) override {
    require_shape(request, listener_request_shape(), pointer);
    return add_listener(read_listener(request, pointer), load_balancer.name, std::nullopt);
  }

  void create_rule(const nlohmann::json& request, const LoadBalancerSpec& load_balancer, int port,
                   const std::string& pointer) override {
    require_shape(request, rule_request_shape(), pointer);
    const std::string key = load_balancer.name + ":" + std::to_string(port);
    auto it = by_key_.find(key);
    if (it == by_key_.end()) throw ScenarioError(pointer, "no listener \"" + key + "\" (load balancer:port)");
    add_rule(*it->second, read_rule(request, pointer), key);
  }

 private:
  // The action `config` routes by: its target groups found by name, or its fixed response.
  ForwardAction action_of(const ActionConfig& config) const {
    ForwardAction action;
    action.fixed_status = config.fixed_status;
    for (const ForwardTarget& f : config.forward) {
      action.groups.push_back(group_named(f.target_group, f.pointer));
      action.weights.push_back(f.weight);
    }
    return action;
  }

  // Adds `config` to `listener` (provided as `key`); a priority already in use is an error, as AWS's
  // PriorityInUse.
  void add_rule(Listener& listener, const ListenerRuleConfig& config, const std::string& key) {
    if (!listener.add_rule({config.priority, config.conditions, action_of(config.action)})) {
      throw ScenarioError(append_pointer(config.pointer, "Priority"),
                          "listener \"" + key + "\" already has a rule of priority " + std::to_string(config.priority));
    }
  }

  // The target group a listener action names; `p` locates the reference.
  TargetGroup* group_named(const std::string& name, const std::string& p) const {
    auto it = by_name_.find(name);
    if (it == by_name_.end()) {
      std::vector<std::string> known;
      for (const auto& [n, _] : by_name_) known.push_back(n);
      throw ScenarioError(p, no_such_name("target group", name, known));
    }
    return it->second;
  }

  World& world_;
  std::vector<std::unique_ptr<TargetGroup>> groups_;
  std::map<std::string, TargetGroup*> by_name_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  std::map<std::string, Listener*> by_key_;  // "NAME:PORT"
};

// The zones of a load balancer's Subnets, in the scenario's order of zones; none when it names no subnet.
std::vector<std::string> zones_of(const LoadBalancerConfig& lb, const World& world) {
  std::vector<std::string> named;
  for (std::size_t i = 0; i < lb.subnets.size(); ++i) {
    const Subnet* subnet = world.find<const Subnet>(lb.subnets[i]);
    if (subnet == nullptr) {
      throw ScenarioError(append_pointer(append_pointer(lb.pointer, "Subnets"), i),
                          "subnet \"" + lb.subnets[i] + "\" is not in the subnets section");
    }
    named.push_back(subnet->availability_zone);
  }
  std::vector<std::string> zones;
  for (const std::string& z : world.availability_zones) {
    if (std::find(named.begin(), named.end(), z) != named.end()) zones.push_back(z);
  }
  return zones;
}

void build_alb(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<AlbModel>(world));
  world.provide<LoadBalancerFactory>("alb", &model);
  const nlohmann::json none = nlohmann::json::array();
  auto section = [&](const char* name) -> const nlohmann::json& {
    auto s = scenario.find(name);
    return s == scenario.end() ? none : *s;
  };
  std::vector<LoadBalancerConfig> lbs = read_load_balancers(section("loadBalancers"));
  // Which load balancer forwards to each group: the metric dimension, its security groups and idle timeout.
  std::map<std::string, std::string> lb_of_group = load_balancer_of_groups(lbs);
  std::map<std::string, LoadBalancerSpec> spec_of_lb;
  std::map<std::string, std::vector<std::string>> zones_of_lb;  // one node per zone; empty: every zone
  for (const LoadBalancerConfig& lb : lbs) {
    LoadBalancerSpec& spec = spec_of_lb[lb.name];
    spec.name = lb.name;
    spec.security_groups =
        world.security_groups_at(nlohmann::json(lb.security_groups), append_pointer(lb.pointer, "SecurityGroups"));
    spec.idle_timeout = lb.idle_timeout;
    zones_of_lb[lb.name] = zones_of(lb, world);
  }
  const nlohmann::json& tgs = section("targetGroups");
  for (std::size_t i = 0; i < tgs.size(); ++i) {
    std::string p = append_pointer("/targetGroups", i);
    TargetGroupConfig config = read_target_group(tgs[i], p);
    LoadBalancerSpec lb;  // none forwards to it: no dimension, no restriction, default idle timeout
    if (auto it = lb_of_group.find(config.name); it != lb_of_group.end()) {
      lb = spec_of_lb[it->second];
      config.availability_zones = zones_of_lb[it->second];
    }
    model.add_target_group(std::move(config), lb, p);
  }
  for (const LoadBalancerConfig& lb : lbs) {
    for (const ListenerConfig& l : lb.listeners) model.add_listener(l, lb.name, lb.latency);
  }
}

}  // namespace

void register_alb(ModelRegistry& r) {
  declare_alb_shapes(r);
  r.add_model({"alb", 50, &build_alb});
}

}  // namespace fleetsim
