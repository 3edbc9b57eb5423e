#pragma once
/// Security groups (ec2 CreateSecurityGroup + AuthorizeSecurityGroupIngress shapes): inbound TCP rules
/// by port range, from other groups or from address ranges.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/api/traffic_policy.hpp"

namespace fleetsim {

/// The scenario's security groups.
class SecurityGroups : public TrafficPolicy {
 public:
  /// Reads the validated `securityGroups` section; throws ScenarioError on duplicates and bad ranges.
  void load(const nlohmann::json& section, const std::string& pointer);
  /// True when `id` is a defined group.
  bool contains(const std::string& id) const { return groups_.count(id) != 0; }
  std::vector<std::string> ids() const override;
  /// Where group `id` is defined, for messages.
  const std::string& pointer_of(const std::string& id) const { return groups_.at(id).pointer; }

  bool allows(const std::vector<std::string>& from, const std::vector<std::string>& to, int first,
              int last) const override;

 private:
  struct Rule {
    int from_port, to_port;
    std::vector<std::string> source_groups;  // UserIdGroupPairs
    bool any_address = false;                // an IpRanges entry: treated as covering the VPC
  };
  struct Group {
    std::string pointer;
    std::vector<Rule> rules;
  };
  std::map<std::string, Group> groups_;
};

}  // namespace fleetsim
