#pragma once
/// `fleetsim explain` for the ECS controllers' ScalingDecision records: Application Auto Scaling's target
/// tracking and step scaling policies (controller "application-autoscaling") and ECS managed scaling of a
/// capacity provider ("ecs-managed-scaling"), as models/autoscaling and models/ecs write them.

#include <nlohmann/json.hpp>
#include <string>

namespace fleetsim {

/// A target tracking or step scaling decision in words ("scaled 4→7 at 00:15:15: target tracking policy ...").
std::string explain_application_autoscaling(const nlohmann::json& decision);

/// A managed scaling decision in words ("scaled 4→2 at 00:44:06: capacity provider reservation 25 % ...").
std::string explain_managed_scaling(const nlohmann::json& decision);

}  // namespace fleetsim
