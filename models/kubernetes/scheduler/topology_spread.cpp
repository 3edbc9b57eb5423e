#include "models/kubernetes/scheduler/topology_spread.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/kubernetes/scheduler/node_filters.hpp"

namespace fleetsim::kube {

namespace {

// The system default constraints (podtopologyspread/plugin.go systemDefaultConstraints).
constexpr int kDefaultZoneMaxSkew = 5;
constexpr int kDefaultHostnameMaxSkew = 3;

bool has_all_keys(const Labels& labels, const std::vector<TopologySpreadConstraint>& constraints) {
  return std::all_of(constraints.begin(), constraints.end(),
                     [&](const TopologySpreadConstraint& c) { return labels.count(c.topology_key) > 0; });
}

const std::string* label_value(const Labels& labels, const std::string& key) {
  auto it = labels.find(key);
  return it == labels.end() ? nullptr : &it->second;
}

}  // namespace

int count_matching_pods(const NodeInfo& node, const LabelSelector& selector, const std::string& namespace_name) {
  int n = 0;
  for (const PodRecord& p : node.pods) {
    if (p.namespace_name == namespace_name && matches(selector, p.labels)) ++n;
  }
  return n;
}

std::vector<TopologySpreadConstraint> spread_constraints(const PodSchedulingSpec& pod, bool do_not_schedule) {
  std::vector<TopologySpreadConstraint> out;
  if (!pod.topology_spread_constraints.empty()) {
    for (const auto& c : pod.topology_spread_constraints) {
      if (c.do_not_schedule == do_not_schedule) out.push_back(c);
    }
    return out;
  }
  // System defaults are ScheduleAnyway only, and need a selector from the pod's owners.
  if (do_not_schedule || !pod.default_spread_selector) return out;
  const LabelSelector& s = *pod.default_spread_selector;
  if (s.match_labels.empty() && s.match_expressions.empty()) return out;
  out.push_back({kDefaultZoneMaxSkew, kZoneLabel, false, s, 1});
  out.push_back({kDefaultHostnameMaxSkew, kHostnameLabel, false, s, 1});
  return out;
}

void SpreadFilterState::init(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes, MatchCounter& counter) {
  entries_.clear();
  std::vector<TopologySpreadConstraint> constraints = spread_constraints(pod, true);
  if (constraints.empty()) return;
  for (const auto& c : constraints) entries_.push_back({c, {}});
  // calPreFilterState: nodes that pass the pod's node affinity (nodeAffinityPolicy Honor; taints are
  // ignored by default) and carry every key define the domains.
  for (Entry& e : entries_) {
    const std::vector<int>& per_node = counter.counts(nodes, e.constraint.selector, pod.namespace_name);
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const NodeInfo& node = nodes[i];
      if (!matches_node_selector_and_affinity(pod, node.labels) || !has_all_keys(node.labels, constraints)) continue;
      e.counts[node.labels.at(e.constraint.topology_key)] += per_node[i];
    }
  }
}

NodeStatus SpreadFilterState::filter(const PodSchedulingSpec& pod, const NodeInfo& node) const {
  for (const Entry& e : entries_) {
    const std::string* value = label_value(node.labels, e.constraint.topology_key);
    if (!value) return NodeStatus::of(FitReason::kSpreadMissingLabel, true);
    if (e.counts.empty()) continue;
    std::int64_t min_match = std::numeric_limits<std::int64_t>::max();
    for (const auto& [domain, n] : e.counts) min_match = std::min(min_match, n);
    // minDomains: fewer domains than required makes the global minimum 0.
    if (static_cast<int>(e.counts.size()) < e.constraint.min_domains) min_match = 0;
    auto it = e.counts.find(*value);
    std::int64_t match = it == e.counts.end() ? 0 : it->second;
    std::int64_t self = matches(e.constraint.selector, pod.labels) ? 1 : 0;
    if (match + self - min_match > e.constraint.max_skew) return NodeStatus::of(FitReason::kSpread, false);
  }
  return {};
}

void SpreadFilterState::update(const PodSchedulingSpec& pod, const NodeInfo& node, const PodRecord& record, int delta) {
  if (record.namespace_name != pod.namespace_name) return;
  for (Entry& e : entries_) {
    auto it = e.counts.end();
    if (const std::string* value = label_value(node.labels, e.constraint.topology_key)) it = e.counts.find(*value);
    if (it != e.counts.end() && matches(e.constraint.selector, record.labels)) it->second += delta;
  }
}

void SpreadScoreState::init(const PodSchedulingSpec& pod, std::span<const NodeInfo> nodes,
                            std::span<const std::size_t> feasible, MatchCounter& counter) {
  entries_.clear();
  for (auto& c : spread_constraints(pod, false)) entries_.push_back({std::move(c), {}, 0, nullptr});
  if (entries_.empty()) return;
  // With system defaults a node need not carry every key (requireAllTopologies is false).
  require_all_topologies_ = !pod.topology_spread_constraints.empty();
  std::size_t not_ignored = 0;
  for (std::size_t i : feasible) {
    const NodeInfo& node = nodes[i];
    if (ignored(node)) continue;
    ++not_ignored;
    for (Entry& e : entries_) {
      if (e.constraint.topology_key == kHostnameLabel) continue;
      const std::string* value = label_value(node.labels, e.constraint.topology_key);
      e.counts.try_emplace(value ? *value : std::string());
    }
  }
  for (Entry& e : entries_) {
    std::size_t size = e.constraint.topology_key == kHostnameLabel ? not_ignored : e.counts.size();
    // topologyNormalizingWeight: log(size + 2) damps keys with many domains.
    e.weight = std::log(static_cast<double>(size + 2));
  }
  // Pods are counted on every node that passes the pod's node affinity, feasible or not, but only
  // into pairs some feasible node has.
  for (Entry& e : entries_) e.per_node = &counter.counts(nodes, e.constraint.selector, pod.namespace_name);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const NodeInfo& node = nodes[i];
    if (!matches_node_selector_and_affinity(pod, node.labels) || ignored(node)) continue;
    for (Entry& e : entries_) {
      if (e.constraint.topology_key == kHostnameLabel) continue;
      const std::string* value = label_value(node.labels, e.constraint.topology_key);
      auto it = e.counts.find(value ? *value : std::string());
      if (it != e.counts.end()) it->second += (*e.per_node)[i];
    }
  }
}

bool SpreadScoreState::ignored(const NodeInfo& node) const {
  if (!require_all_topologies_) return false;
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const Entry& e) { return node.labels.count(e.constraint.topology_key) == 0; });
}

std::int64_t SpreadScoreState::score(std::span<const NodeInfo> nodes, std::size_t index) const {
  const NodeInfo& node = nodes[index];
  if (ignored(node)) return 0;
  double score = 0;
  for (const Entry& e : entries_) {
    const std::string* value = label_value(node.labels, e.constraint.topology_key);
    if (!value) continue;
    std::int64_t count = 0;
    if (e.constraint.topology_key == kHostnameLabel) {
      count = (*e.per_node)[index];
    } else {
      auto it = e.counts.find(*value);
      if (it != e.counts.end()) count = it->second;
    }
    // scoreForCount: maxSkew - 1 waters down differences the constraint tolerates anyway.
    score += static_cast<double>(count) * e.weight + static_cast<double>(e.constraint.max_skew - 1);
  }
  return std::llround(score);
}

void SpreadScoreState::normalize(std::span<const NodeInfo> nodes, std::span<const std::size_t> feasible,
                                 std::span<std::int64_t> scores) const {
  std::int64_t min_score = std::numeric_limits<std::int64_t>::max();
  std::int64_t max_score = 0;
  for (std::size_t k = 0; k < feasible.size(); ++k) {
    if (ignored(nodes[feasible[k]])) continue;
    min_score = std::min(min_score, scores[k]);
    max_score = std::max(max_score, scores[k]);
  }
  for (std::size_t k = 0; k < feasible.size(); ++k) {
    if (ignored(nodes[feasible[k]])) {
      scores[k] = 0;
    } else if (max_score == 0) {
      scores[k] = 100;
    } else {
      scores[k] = 100 * (max_score + min_score - scores[k]) / max_score;
    }
  }
}

}  // namespace fleetsim::kube
