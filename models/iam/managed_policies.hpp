#pragma once
/// The AWS managed policies a role may attach by name or ARN, with the actions their current versions allow and
/// where they are published.

#include <string>
#include <vector>

#include "models/iam/policy.hpp"

namespace fleetsim {

/// One managed policy and the page its document was taken from.
struct ManagedPolicy {
  Policy policy;       ///< its name and statements
  std::string source;  ///< the AWS page publishing its JSON document
};

/// The managed policy named `reference` (a name such as "AmazonSQSFullAccess" or an ARN
/// "arn:aws:iam::aws:policy/service-role/NAME"), or nullptr when the catalogue has none of that name.
const ManagedPolicy* find_managed_policy(const std::string& reference);

/// The names of every managed policy the catalogue holds, in name order (for "did you mean" errors).
std::vector<std::string> managed_policy_names();

}  // namespace fleetsim
