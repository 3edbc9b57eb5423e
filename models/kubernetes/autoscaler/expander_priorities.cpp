#include "models/kubernetes/autoscaler/expander_priorities.hpp"

#include <charconv>

#include "sim/scenario/yaml_document.hpp"

namespace fleetsim::kube {

std::vector<PriorityRule> read_expander_priorities(const std::string& yaml, std::string& error) {
  std::vector<JsonDocument> docs;
  try {
    docs = parse_yaml_documents(yaml);
  } catch (const JsonSyntaxError& e) {
    error = "can't parse YAML with priorities: " + e.detail();
    return {};
  }
  if (docs.empty() || !docs.front().root().is_object() || docs.front().root().empty()) {
    error = "priority configuration is empty or not a map of priorities to lists of node group regexps";
    return {};
  }
  std::vector<PriorityRule> rules;
  for (const auto& [key, list] : docs.front().root().items()) {
    int priority = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), priority);
    if (ec != std::errc{} || end != key.data() + key.size()) {
      error = "priority \"" + key + "\" is not an integer";
      return {};
    }
    if (!list.is_array()) {
      error = "priority " + key + " must list regular expressions";
      return {};
    }
    for (const auto& pattern : list) {
      if (!pattern.is_string()) {
        error = "priority " + key + " must list regular expressions (strings)";
        return {};
      }
      try {
        rules.push_back({priority, pattern.get<std::string>(), std::regex(pattern.get<std::string>())});
      } catch (const std::regex_error& e) {
        error = "can't compile regexp rule for priority " + key + " and rule " + pattern.get<std::string>();
        return {};
      }
    }
  }
  return rules;
}

std::optional<int> group_priority(const std::vector<PriorityRule>& rules, const std::string& id) {
  std::optional<int> best;
  for (const PriorityRule& r : rules) {
    if ((!best || r.priority > *best) && std::regex_search(id, r.regex)) best = r.priority;
  }
  return best;
}

}  // namespace fleetsim::kube
