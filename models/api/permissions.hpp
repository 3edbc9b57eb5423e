#pragma once
/// IAM as the models that make AWS calls on a principal's behalf see it (ECS and its agent, a task's code): "may
/// role R do action A on resource R?", answered with the deciding statement or the missing permission.

#include <optional>
#include <string>
#include <vector>

namespace fleetsim {

/// The account id in the ARNs fleetsim builds (log groups, secrets, queues, repositories named without an ARN):
/// the example account AWS's documentation uses, since a scenario is one account.
inline constexpr const char* kSimulatedAccount = "123456789012";

/// The answer to one request.
struct AccessAnswer {
  bool allowed = false;
  bool explicit_deny = false;  ///< refused by a Deny statement (not merely not allowed)
  std::string deciding;        ///< "policy NAME statement N (Sid)" that allowed or denied it, or "" (implicit deny)
};

/// The roles, instance profiles and secrets of a scenario.
class Permissions {
 public:
  virtual ~Permissions() = default;
  /// True when `role` (a RoleName or role ARN) is defined.
  virtual bool has_role(const std::string& role) const = 0;
  /// Evaluates `action` on `resource` for the defined `role` as IAM does.
  virtual AccessAnswer may(const std::string& role, const std::string& action, const std::string& resource) const = 0;
  /// The roles of instance profile `profile` (a name or ARN), or nothing when it is not defined.
  virtual std::optional<std::vector<std::string>> profile_roles(const std::string& profile) const = 0;
  /// True when the `secrets` section names `name` (a Secrets Manager secret or an SSM parameter).
  virtual bool has_secret(const std::string& name) const = 0;
};

}  // namespace fleetsim
