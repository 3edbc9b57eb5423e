#include "models/ecs/ecs_reader.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

bool compatible_with(const TaskDefinition& td, const std::string& launch_type) {
  if (td.requires_compatibilities.empty()) return launch_type == "EC2";
  return std::find(td.requires_compatibilities.begin(), td.requires_compatibilities.end(), launch_type) !=
         td.requires_compatibilities.end();
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

ManagedScalingConfig read_managed_scaling(const nlohmann::json& asg, const std::string& ap) {
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
  return ms;
}

}  // namespace fleetsim
