#pragma once
/// One wildcard matcher for every pattern language the scenario format meets: ECS cluster queries, ECR tag
/// patterns, ALB rule conditions, IAM actions and resources, the run's limit filters.

#include <string_view>

namespace fleetsim {

/// What a pattern's special characters mean beyond `*` (any run of characters, also none).
struct WildcardSyntax {
  bool question_mark = false;  ///< `?` matches exactly one character (ALB, IAM); otherwise it is literal (ECS, ECR)
  bool fold_case = false;      ///< ASCII letters compare without their case (ALB hosts, IAM actions)
};

/// True when all of `text` matches `pattern`. Greedy with one backtrack point, the last `*` seen: O(pattern x text)
/// at worst, where the obvious recursion is exponential in the number of stars ("*a*a*a*...b").
bool wildcard_match(std::string_view pattern, std::string_view text, WildcardSyntax syntax = {});

}  // namespace fleetsim
