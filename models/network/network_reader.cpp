#include "models/network/network_reader.hpp"

#include <algorithm>
#include <set>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

std::vector<SubnetConfig> read_subnets(const nlohmann::json& section, const std::vector<std::string>& zones) {
  std::vector<SubnetConfig> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& s = section[i];
    std::string p = append_pointer("/subnets", i);
    SubnetConfig subnet{s["SubnetId"].get<std::string>(), s["AvailabilityZone"].get<std::string>()};
    if (std::find(zones.begin(), zones.end(), subnet.availability_zone) == zones.end()) {
      throw ScenarioError(append_pointer(p, "AvailabilityZone"),
                          "\"" + subnet.availability_zone + "\" is not one of the scenario's Availability Zones");
    }
    if (!ids.insert(subnet.id).second)
      throw ScenarioError(append_pointer(p, "SubnetId"), "subnet " + s["SubnetId"].dump() + " is listed twice");
    out.push_back(std::move(subnet));
  }
  return out;
}

}  // namespace fleetsim
