#include "models/alb/listener_rules.hpp"

namespace fleetsim {

namespace {

char folded(char c, bool fold_case) { return fold_case && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool any_matches(const std::vector<std::string>& patterns, std::string_view text, bool fold_case) {
  for (const std::string& p : patterns) {
    if (wildcard_match(p, text, fold_case)) return true;
  }
  return false;
}

}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view text, bool fold_case) {
  // Greedy matching with one backtrack point, the last `*` seen: linear in practice, never exponential.
  std::size_t p = 0, t = 0;
  std::size_t star = std::string_view::npos, star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (p < pattern.size() &&
               (pattern[p] == '?' || folded(pattern[p], fold_case) == folded(text[t], fold_case))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool RuleConditions::matches(std::string_view host, std::string_view path) const {
  if (!hosts.empty() && !any_matches(hosts, host, true)) return false;
  if (paths.empty()) return true;
  return any_matches(paths, path.substr(0, path.find('?')), false);
}

}  // namespace fleetsim
