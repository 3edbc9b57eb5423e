#include "models/kubernetes/scheduler/inter_pod_affinity.hpp"

#include <algorithm>
#include <limits>

namespace fleetsim::kube {

namespace {

// Whether `term`, written in a pod of `owner_namespace`, selects a pod of namespace `ns` with `labels`.
bool selects(const PodAffinityTerm& term, const std::string& owner_namespace, const std::string& ns,
             const Labels& labels) {
  bool in_namespace = term.namespaces.empty()
                          ? ns == owner_namespace
                          : std::find(term.namespaces.begin(), term.namespaces.end(), ns) != term.namespaces.end();
  return in_namespace && matches(term.selector, labels);
}

bool matches_all(const std::vector<PodAffinityTerm>& terms, const std::string& pod_namespace, const PodRecord& r) {
  if (terms.empty()) return false;
  return std::all_of(terms.begin(), terms.end(),
                     [&](const PodAffinityTerm& t) { return term_matches(t, pod_namespace, r); });
}

}  // namespace

bool term_matches(const PodAffinityTerm& term, const std::string& pod_namespace, const PodRecord& record) {
  return selects(term, pod_namespace, record.namespace_name, record.labels);
}

void PodAffinityFilterState::init(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes) {
  affinity_counts_.clear();
  anti_affinity_counts_.clear();
  existing_anti_affinity_counts_.clear();
  pod_matches_own_terms_ = false;
  const bool own_terms = !pod.affinity.pod.required.empty() || !pod.affinity.pod_anti.required.empty();
  if (own_terms) pod_matches_own_terms_ = matches_all(pod.affinity.pod.required, pod.namespace_name, pod.record());
  for (const NodeInfo& node : nodes) {
    if (!own_terms && node.pods_with_required_anti_affinity == 0) continue;
    for (const PodRecord& r : node.pods) update(pod, node, r, 1);
  }
}

void PodAffinityFilterState::update(const PodSchedulingSpec& pod, const NodeInfo& node, const PodRecord& record,
                                    int delta) {
  auto bump = [&](std::map<Pair, std::int64_t>& counts, const std::string& key) {
    auto it = node.labels.find(key);
    if (it == node.labels.end()) return;
    auto& n = counts[{key, it->second}];
    n += delta;
    if (n == 0) counts.erase({key, it->second});
  };
  // updateWithAffinityTerms counts a pod only when it matches every required affinity term;
  // updateWithAntiAffinityTerms counts it per anti-affinity term it matches.
  const auto& affinity = pod.affinity.pod.required;
  if (matches_all(affinity, pod.namespace_name, record)) {
    for (const auto& t : affinity) bump(affinity_counts_, t.topology_key);
  }
  for (const auto& t : pod.affinity.pod_anti.required) {
    if (term_matches(t, pod.namespace_name, record)) bump(anti_affinity_counts_, t.topology_key);
  }
  // getExistingAntiAffinityCounts: the existing pod's own terms, read in its namespace.
  for (const auto& t : record.required_anti_affinity) {
    if (selects(t, record.namespace_name, pod.namespace_name, pod.labels))
      bump(existing_anti_affinity_counts_, t.topology_key);
  }
}

NodeStatus PodAffinityFilterState::filter(const PodSchedulingSpec& pod, const NodeInfo& node) const {
  bool pods_exist = true;
  for (const auto& t : pod.affinity.pod.required) {
    auto it = node.labels.find(t.topology_key);
    if (it == node.labels.end()) return NodeStatus::of(FitReason::kPodAffinity, true);
    if (!affinity_counts_.count({t.topology_key, it->second})) pods_exist = false;
  }
  // The first pod of a group with affinity to itself may go anywhere its terms' keys exist.
  if (!pods_exist && !(affinity_counts_.empty() && pod_matches_own_terms_))
    return NodeStatus::of(FitReason::kPodAffinity, true);
  for (const auto& t : pod.affinity.pod_anti.required) {
    auto it = node.labels.find(t.topology_key);
    if (it != node.labels.end() && anti_affinity_counts_.count({t.topology_key, it->second}))
      return NodeStatus::of(FitReason::kPodAntiAffinity, false);
  }
  if (!existing_anti_affinity_counts_.empty()) {
    for (const auto& [key, value] : node.labels) {
      if (existing_anti_affinity_counts_.count({key, value}))
        return NodeStatus::of(FitReason::kExistingPodsAntiAffinity, false);
    }
  }
  return {};
}

void PodAffinityScoreState::init(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes) {
  by_key_.clear();
  const auto& preferred = pod.affinity.pod.preferred;
  const auto& anti = pod.affinity.pod_anti.preferred;
  skip_ = preferred.empty() && anti.empty();
  if (skip_) return;
  for (const NodeInfo& node : nodes) {
    for (const PodRecord& r : node.pods) {
      auto add = [&](const WeightedPodAffinityTerm& w, int sign) {
        if (!term_matches(w.term, pod.namespace_name, r)) return;
        auto it = node.labels.find(w.term.topology_key);
        if (it != node.labels.end()) by_key_[w.term.topology_key][it->second] += sign * w.weight;
      };
      for (const auto& w : preferred) add(w, 1);
      for (const auto& w : anti) add(w, -1);
    }
  }
}

std::int64_t PodAffinityScoreState::score(const NodeInfo& node) const {
  std::int64_t score = 0;
  for (const auto& [key, values] : by_key_) {
    auto label = node.labels.find(key);
    if (label == node.labels.end()) continue;
    auto it = values.find(label->second);
    if (it != values.end()) score += it->second;
  }
  return score;
}

void PodAffinityScoreState::normalize(std::span<std::int64_t> scores) {
  if (scores.empty()) return;
  auto [lo, hi] = std::minmax_element(scores.begin(), scores.end());
  std::int64_t min = *lo;
  std::int64_t diff = *hi - min;
  for (auto& s : scores) {
    // int64(float64(MaxNodeScore) * (score - min) / diff), truncated as Go's conversion does.
    s = diff > 0 ? static_cast<std::int64_t>(100.0 * (static_cast<double>(s - min) / static_cast<double>(diff))) : 0;
  }
}

}  // namespace fleetsim::kube
