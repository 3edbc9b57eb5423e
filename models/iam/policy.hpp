#pragma once
/// IAM identity-based policies and their evaluation, as IAM's policy evaluation logic describes it for a request
/// within one account: an explicit Deny in any policy wins, otherwise an Allow is needed, otherwise the request is
/// implicitly denied. Pure: no World, no scenario.

#include <string>
#include <vector>

namespace fleetsim {

/// One statement of a policy document.
struct PolicyStatement {
  std::string sid;                     ///< its Sid, or ""
  bool allow = true;                   ///< Effect Allow (else Deny)
  bool not_action = false;             ///< the list is NotAction: the statement matches every other action
  std::vector<std::string> actions;    ///< service:Action patterns, `*` and `?` wildcards, case-insensitive
  bool not_resource = false;           ///< the list is NotResource
  std::vector<std::string> resources;  ///< ARN patterns, `*` and `?` wildcards
};

/// A policy: an inline one (PutRolePolicy) or an AWS managed one.
struct Policy {
  std::string name;  ///< PolicyName, or the managed policy's name
  std::vector<PolicyStatement> statements;
};

/// The outcome of evaluating a request.
enum class PolicyDecision { kAllow, kExplicitDeny, kImplicitDeny };

/// The decision and the statement that made it (none for an implicit deny).
struct PolicyEvaluation {
  PolicyDecision decision = PolicyDecision::kImplicitDeny;
  std::string policy;  ///< the deciding statement's policy, or ""
  std::string sid;     ///< its Sid, or ""
  int statement = -1;  ///< its index in the policy, or -1
};

/// Evaluates `action` on `resource` against `policies` (all of one principal): the first explicit Deny found,
/// else the first Allow, else an implicit deny.
PolicyEvaluation evaluate_policies(const std::vector<const Policy*>& policies, const std::string& action,
                                   const std::string& resource);

}  // namespace fleetsim
