#include "models/alb/listener_rules.hpp"

#include "sim/wildcard.hpp"

namespace fleetsim {

namespace {

bool any_matches(const std::vector<std::string>& patterns, std::string_view text, bool fold_case) {
  for (const std::string& p : patterns) {
    if (wildcard_match(p, text, {.question_mark = true, .fold_case = fold_case})) return true;
  }
  return false;
}

}  // namespace

bool RuleConditions::matches(std::string_view host, std::string_view path) const {
  if (!hosts.empty() && !any_matches(hosts, host, true)) return false;
  if (paths.empty()) return true;
  return any_matches(paths, path.substr(0, path.find('?')), false);
}

}  // namespace fleetsim
