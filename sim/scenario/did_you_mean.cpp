#include "sim/scenario/did_you_mean.hpp"

#include <algorithm>

namespace fleetsim {

namespace {

// Only ASCII is folded: locale-dependent folding would make suggestions vary between machines.
char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::size_t osa_distance(std::string_view a, std::string_view b) {
  const std::size_t m = b.size();
  // Three rolling rows suffice: the transposition step looks back two rows.
  std::vector<std::size_t> before(m + 1), previous(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      std::size_t best = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
        best = std::min(best, before[j - 2] + 1);
      }
      row[j] = best;
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[m];
}

std::optional<std::string> closest_name(std::string_view given, const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(1, given.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t d = osa_distance(given, candidate);
    if (d < best_distance) {  // strict: an equal distance later in the list never displaces an earlier one
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string no_such_name(const std::string& what, const std::string& name, const std::vector<std::string>& known) {
  std::string msg = "no " + what + " named \"" + name + "\"";
  if (auto near = closest_name(name, known)) msg += " (did you mean \"" + *near + "\"?)";
  return msg;
}

}  // namespace fleetsim
