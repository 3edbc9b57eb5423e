#include "sim/wildcard.hpp"

namespace fleetsim {

namespace {
// ASCII only: locale-dependent folding would make matches differ between machines.
char folded(char c, bool fold_case) { return fold_case && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view text, WildcardSyntax syntax) {
  std::size_t p = 0, t = 0;
  std::size_t star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && ((syntax.question_mark && pattern[p] == '?') ||
                                      folded(pattern[p], syntax.fold_case) == folded(text[t], syntax.fold_case))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace fleetsim
