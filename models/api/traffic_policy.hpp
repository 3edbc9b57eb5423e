#pragma once
/// Whether the network lets traffic from one set of security groups reach another on a port.

#include <string>
#include <vector>

namespace fleetsim {

/// The name the scenario's security groups are provided under, as a TrafficPolicy.
inline constexpr const char* kSecurityGroups = "securityGroups";

/// Security-group rules as the ALB and ECS see them.
class TrafficPolicy {
 public:
  virtual ~TrafficPolicy() = default;
  /// True when some group of `to` allows inbound TCP on every port of [first, last] from some group of
  /// `from`. A side with no groups is unrestricted (the scenario did not describe it).
  virtual bool allows(const std::vector<std::string>& from, const std::vector<std::string>& to, int first,
                      int last) const = 0;
  /// The defined group ids, sorted.
  virtual std::vector<std::string> ids() const = 0;
};

}  // namespace fleetsim
