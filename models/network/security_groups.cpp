#include "models/network/security_groups.hpp"

#include <algorithm>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

void SecurityGroups::load(const nlohmann::json& section, const std::string& pointer) {
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& g = section[i];
    std::string p = append_pointer(pointer, i);
    std::string id = g.contains("GroupId") ? g["GroupId"].get<std::string>() : g.value("GroupName", std::string());
    if (id.empty()) throw ScenarioError(p, "expected \"GroupId\" or \"GroupName\"");
    Group group{p, {}};
    const nlohmann::json perms = g.value("IpPermissions", nlohmann::json::array());
    for (std::size_t k = 0; k < perms.size(); ++k) {
      const nlohmann::json& perm = perms[k];
      std::string pp = append_pointer(append_pointer(p, "IpPermissions"), k);
      std::string protocol = perm.value("IpProtocol", std::string("tcp"));
      Rule rule{0, 65535, {}, false};
      // IpProtocol "-1" is all traffic on all ports; tcp needs FromPort and ToPort.
      if (protocol == "tcp" || protocol == "6") {
        if (!perm.contains("FromPort") || !perm.contains("ToPort"))
          throw ScenarioError(pp, "a tcp rule needs \"FromPort\" and \"ToPort\"");
        rule.from_port = perm["FromPort"].get<int>();
        rule.to_port = perm["ToPort"].get<int>();
        if (rule.from_port > rule.to_port)
          throw ScenarioError(append_pointer(pp, "FromPort"), "FromPort is above ToPort");
      } else if (protocol != "-1") {
        continue;  // udp, icmp: no ALB traffic
      }
      for (const auto& pair : perm.value("UserIdGroupPairs", nlohmann::json::array()))
        rule.source_groups.push_back(pair.value("GroupId", std::string()));
      rule.any_address = !perm.value("IpRanges", nlohmann::json::array()).empty();
      group.rules.push_back(std::move(rule));
    }
    if (!groups_.emplace(id, std::move(group)).second)
      throw ScenarioError(append_pointer(p, "GroupId"), "security group \"" + id + "\" is defined twice");
  }
}

std::vector<std::string> SecurityGroups::ids() const {
  std::vector<std::string> out;
  for (const auto& [id, _] : groups_) out.push_back(id);
  return out;
}

bool SecurityGroups::allows(const std::vector<std::string>& from, const std::vector<std::string>& to, int first,
                            int last) const {
  if (from.empty() || to.empty()) return true;
  // Rules of all the target's groups add up (security groups are allow lists): every port of the range
  // must be covered by some rule admitting one of the source groups.
  std::vector<std::pair<int, int>> covered;
  for (const std::string& id : to) {
    auto g = groups_.find(id);
    if (g == groups_.end()) continue;
    for (const Rule& r : g->second.rules) {
      bool admits =
          r.any_address || std::any_of(r.source_groups.begin(), r.source_groups.end(), [&](const std::string& s) {
            return std::find(from.begin(), from.end(), s) != from.end();
          });
      if (admits) covered.emplace_back(r.from_port, r.to_port);
    }
  }
  std::sort(covered.begin(), covered.end());
  int next = first;
  for (const auto& [lo, hi] : covered) {
    if (lo > next) break;
    next = std::max(next, hi + 1);
    if (next > last) return true;
  }
  return next > last;
}

}  // namespace fleetsim
