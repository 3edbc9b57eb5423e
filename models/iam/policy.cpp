#include "models/iam/policy.hpp"

#include "sim/wildcard.hpp"

namespace fleetsim {

namespace {

bool any_matches(const std::vector<std::string>& patterns, const std::string& text, bool ignore_case) {
  for (const std::string& p : patterns) {
    if (wildcard_match(p, text, {.question_mark = true, .fold_case = ignore_case})) return true;
  }
  return false;
}

// IAM's "Action"/"NotAction" and "Resource"/"NotResource" elements: a statement applies when both match.
bool applies(const PolicyStatement& s, const std::string& action, const std::string& resource) {
  // Action names are case-insensitive in IAM; ARNs are compared as written.
  bool action_listed = any_matches(s.actions, action, true);
  bool resource_listed = any_matches(s.resources, resource, false);
  return action_listed != s.not_action && resource_listed != s.not_resource;
}

}  // namespace

PolicyEvaluation evaluate_policies(const std::vector<const Policy*>& policies, const std::string& action,
                                   const std::string& resource) {
  PolicyEvaluation allow;
  for (const Policy* policy : policies) {
    for (std::size_t i = 0; i < policy->statements.size(); ++i) {
      const PolicyStatement& s = policy->statements[i];
      if (!applies(s, action, resource)) continue;
      PolicyEvaluation found{s.allow ? PolicyDecision::kAllow : PolicyDecision::kExplicitDeny, policy->name, s.sid,
                             static_cast<int>(i)};
      if (!s.allow) return found;  // an explicit deny overrides any allow
      if (allow.decision != PolicyDecision::kAllow) allow = found;
    }
  }
  return allow;
}

}  // namespace fleetsim
