#pragma once
/// The pure reader of the `roles`, `instanceProfiles` and `secrets` sections: validated JSON in, roles with their
/// policies out, no World; problems are thrown as ScenarioError at the pointer they concern.

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "models/iam/policy.hpp"

namespace fleetsim {

/// A role with its inline policies and the managed policies attached to it.
struct Role {
  std::string name;
  std::vector<Policy> inline_policies;  ///< Policies (PutRolePolicy)
  std::vector<const Policy*> attached;  ///< AttachedPolicies, from the managed policy catalogue
  /// Every policy of the role, attached first.
  std::vector<const Policy*> policies() const;
};

/// The three sections read.
struct IamConfig {
  std::map<std::string, Role> roles;                         ///< by RoleName
  std::map<std::string, std::vector<std::string>> profiles;  ///< InstanceProfileName -> its roles
  std::set<std::string> secrets;                             ///< secret and parameter names, without a leading '/'
};

/// Reads a permissions policy document (at `p`, named `name`): every statement needs Action or NotAction and
/// Resource or NotResource, not both of either.
Policy read_policy_document(const nlohmann::json& document, const std::string& name, const std::string& p);

/// Reads `roles`, `instanceProfiles` and `secrets` from `scenario` (absent sections are empty).
IamConfig read_iam(const nlohmann::json& scenario);

}  // namespace fleetsim
