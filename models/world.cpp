#include "models/world.hpp"

#include <algorithm>

#include "models/api/traffic_policy.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

std::size_t World::next_type_key() {
  static std::size_t next = 0;
  return next++;
}

std::string World::missing(const std::string& what, const std::string& name, const std::vector<std::string>& known) {
  return no_such_name(what, name, known);
}

std::vector<std::string> World::security_groups_at(const nlohmann::json& list, const std::string& pointer) const {
  const TrafficPolicy* traffic = find<const TrafficPolicy>(kSecurityGroups);
  std::vector<std::string> defined = traffic == nullptr ? std::vector<std::string>{} : traffic->ids();
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string id = list[i].get<std::string>();
    if (traffic != nullptr && !std::binary_search(defined.begin(), defined.end(), id)) {
      std::string msg = "no security group \"" + id + "\" in the securityGroups section";
      if (auto near = closest_name(id, defined)) msg += " (did you mean \"" + *near + "\"?)";
      throw ScenarioError(append_pointer(pointer, i), msg);
    }
    out.push_back(id);
  }
  return out;
}

}  // namespace fleetsim
