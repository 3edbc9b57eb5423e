#include "models/kubernetes/api/core_types.hpp"

#include <algorithm>
#include <charconv>

namespace fleetsim::kube {

namespace {

bool contains(const std::vector<std::string>& values, const std::string& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

// Gt and Lt take one integer value and compare the label's value as an integer; a label that is not
// an integer does not match (k8s.io/apimachinery labels.Requirement.Matches).
std::optional<std::int64_t> as_integer(const std::string& text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

bool holds(const SelectorRequirement& r, const Labels& labels) {
  auto it = labels.find(r.key);
  bool present = it != labels.end();
  switch (r.op) {
    case SelectorOperator::kIn:
      return present && contains(r.values, it->second);
    case SelectorOperator::kNotIn:
      return !present || !contains(r.values, it->second);
    case SelectorOperator::kExists:
      return present;
    case SelectorOperator::kDoesNotExist:
      return !present;
    case SelectorOperator::kGt:
    case SelectorOperator::kLt: {
      if (!present || r.values.size() != 1) return false;
      auto have = as_integer(it->second);
      auto bound = as_integer(r.values[0]);
      if (!have || !bound) return false;
      return r.op == SelectorOperator::kGt ? *have > *bound : *have < *bound;
    }
  }
  return false;
}

bool all_hold(const std::vector<SelectorRequirement>& requirements, const Labels& labels) {
  return std::all_of(requirements.begin(), requirements.end(),
                     [&](const SelectorRequirement& r) { return holds(r, labels); });
}

}  // namespace

bool matches(const LabelSelector& selector, const Labels& labels) {
  for (const auto& [key, value] : selector.match_labels) {
    auto it = labels.find(key);
    if (it == labels.end() || it->second != value) return false;
  }
  return all_hold(selector.match_expressions, labels);
}

bool matches(const NodeSelectorTerm& term, const Labels& labels) {
  // An empty term matches no node (k8s.io/component-helpers nodeaffinity: "nil or empty term matches no objects").
  return !term.match_expressions.empty() && all_hold(term.match_expressions, labels);
}

bool tolerates(const Toleration& toleration, const Taint& taint) {
  // v1 helper ToleratesTaint: effects must agree unless the toleration names none; an empty key with
  // Exists tolerates every key.
  if (toleration.effect && *toleration.effect != taint.effect) return false;
  if (toleration.key.empty()) return toleration.exists;
  if (toleration.key != taint.key) return false;
  return toleration.exists || toleration.value == taint.value;
}

}  // namespace fleetsim::kube
