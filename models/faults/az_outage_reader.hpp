#pragma once
/// The pure reader of an `azOutage` timeline entry: which zone goes dark, from when, for how long. No World.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/time.hpp"

namespace fleetsim {

/// One outage as read.
struct AzOutageConfig {
  std::string zone;   ///< availabilityZone
  SimTime start;      ///< the entry's `at`
  Duration duration;  ///< more than zero
};

/// The entry `entry` at `p`; its zone must be one of `zones` (simulation.availabilityZones).
AzOutageConfig read_az_outage(const nlohmann::json& entry, const std::string& p, const std::vector<std::string>& zones);

}  // namespace fleetsim
