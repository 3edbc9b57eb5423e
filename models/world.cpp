#include "models/world.hpp"

#include <algorithm>

#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

std::vector<std::string> World::security_groups_at(const nlohmann::json& list, const std::string& pointer) const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string id = list[i].get<std::string>();
    if (traffic != nullptr && !std::binary_search(security_group_ids.begin(), security_group_ids.end(), id)) {
      std::string msg = "no security group \"" + id + "\" in the securityGroups section";
      if (auto near = closest_name(id, security_group_ids)) msg += " (did you mean \"" + *near + "\"?)";
      throw ScenarioError(append_pointer(pointer, i), msg);
    }
    out.push_back(id);
  }
  return out;
}

}  // namespace fleetsim
