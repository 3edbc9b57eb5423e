#pragma once
/// Listener rules (elbv2 CreateRule): `host-header` and `path-pattern` conditions with ALB's wildcards, each rule
/// with a priority, evaluated lowest priority first, then the listener's default action.

#include <string>
#include <string_view>
#include <vector>

namespace fleetsim {

/// A rule's conditions: every condition given must hold, and a condition holds when any of its values matches.
struct RuleConditions {
  std::vector<std::string> hosts;  ///< host-header values (empty: no host condition)
  std::vector<std::string> paths;  ///< path-pattern values (empty: no path condition)

  /// Whether a request for `host` and `path` meets the conditions. The path pattern is compared with the URL's path
  /// only, not its query string (ALB-UG "Path conditions").
  bool matches(std::string_view host, std::string_view path) const;
};

}  // namespace fleetsim
