#pragma once
/// Pure readers of the ECS sections: validated JSON in, plain settings out, no World. Problems are thrown
/// as ScenarioError at the JSON pointer they concern.

#include <nlohmann/json.hpp>
#include <string>

#include "models/ecs/deployment.hpp"
#include "models/ecs/managed_scaling.hpp"
#include "models/ecs/placement.hpp"
#include "models/ecs/service.hpp"
#include "models/ecs/task_definition.hpp"

namespace fleetsim {

/// True when `td` can run with `launch_type` ("EC2" or "FARGATE"); without requiresCompatibilities a
/// definition is EC2-only, as AWS registers it.
bool compatible_with(const TaskDefinition& td, const std::string& launch_type);
/// The placementStrategy and placementConstraints of the service `svc` at `p`.
PlacementPolicy read_placement(const nlohmann::json& svc, const std::string& p);
/// Checks that the container a load balancer names exists in `td` and maps its port.
void check_binding(const TaskDefinition& td, const TargetBinding& b, const std::string& name_pointer,
                   const std::string& port_pointer);
/// The deploymentController and deploymentConfiguration of the service `svc` at `p`.
DeploymentConfiguration read_deployment_configuration(const nlohmann::json& svc, const std::string& p);
/// The managed scaling and termination protection of the autoScalingGroupProvider `asg` at `ap`.
ManagedScalingConfig read_managed_scaling(const nlohmann::json& asg, const std::string& ap);

}  // namespace fleetsim
