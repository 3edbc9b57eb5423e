#pragma once
/// The priority expander's configuration (cluster-autoscaler expander/priority): the ConfigMap
/// `cluster-autoscaler-priority-expander` in kube-system, whose `data.priorities` is YAML mapping an integer
/// priority to a list of regular expressions over node group names.

#include <optional>
// GCC 12 reports -Wmaybe-uninitialized inside <regex>'s own automaton at -O1 with the sanitizers (the
// sanitizer tree of ./dev test): a false positive in the library's code, silenced for its lines only.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop
#include <string>
#include <vector>

namespace fleetsim::kube {

/// The ConfigMap the priority expander reads, in the autoscaler's namespace.
inline constexpr const char* kPriorityConfigMap = "cluster-autoscaler-priority-expander";

/// One regular expression of the `priorities` map.
struct PriorityRule {
  int priority = 0;     ///< the map's key: higher wins
  std::string pattern;  ///< as written
  std::regex regex;     ///< compiled (ECMAScript: the RE2 subset node group patterns use)
};

/// Reads `priorities` YAML ("10:\n  - .*spot.*"). Returns the rules, or sets `error` (not a map of integer
/// keys to lists of strings, an empty configuration, a pattern that does not compile).
std::vector<PriorityRule> read_expander_priorities(const std::string& yaml, std::string& error);

/// The priority of node group `id`: the highest among the rules whose expression matches anywhere in it (CA
/// uses FindStringIndex, a search, not a whole match), or nothing when none does.
std::optional<int> group_priority(const std::vector<PriorityRule>& rules, const std::string& id);

}  // namespace fleetsim::kube
