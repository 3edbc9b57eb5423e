#pragma once
/// The pure reader of the `subnets` section: validated CreateSubnet entries in, subnet ids and their zones out,
/// no World. (The `securityGroups` section is read by SecurityGroups::load, which needs no World either.)

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fleetsim {

/// One subnet as read.
struct SubnetConfig {
  std::string id;                 ///< SubnetId
  std::string availability_zone;  ///< AvailabilityZone, one of the scenario's
};

/// The subnets section: each SubnetId once, each in one of `zones` (the scenario's Availability Zones).
std::vector<SubnetConfig> read_subnets(const nlohmann::json& section, const std::vector<std::string>& zones);

}  // namespace fleetsim
