#include "models/kubernetes/scheduler/match_counter.hpp"

#include "models/kubernetes/scheduler/topology_spread.hpp"

namespace fleetsim::kube {

namespace {

// A selector written out unambiguously ('\0' cannot occur in label keys or values).
void append_key(std::string& key, const LabelSelector& selector) {
  for (const auto& [k, v] : selector.match_labels) {
    key += k;
    key += '\0';
    key += v;
    key += '\0';
  }
  key += '\1';
  for (const auto& r : selector.match_expressions) {
    key += r.key;
    key += static_cast<char>('0' + static_cast<int>(r.op));
    for (const auto& v : r.values) {
      key += v;
      key += '\0';
    }
    key += '\1';
  }
}

}  // namespace

const std::vector<int>& MatchCounter::counts(std::span<const NodeInfo> nodes, const LabelSelector& selector,
                                             const std::string& namespace_name) {
  key_ = namespace_name;
  key_ += '\1';
  append_key(key_, selector);
  Memo& m = memos_[key_];
  m.nodes.resize(nodes.size(), nullptr);
  m.generations.resize(nodes.size(), 0);
  m.counts.resize(nodes.size(), 0);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const NodeInfo& n = nodes[i];
    // Generation 0 means the pods were never changed through add_pod/remove_pod: always recount.
    if (m.nodes[i] == &n && m.generations[i] == n.generation && n.generation != 0) continue;
    m.nodes[i] = &n;
    m.generations[i] = n.generation;
    m.counts[i] = count_matching_pods(n, selector, namespace_name);
  }
  return m.counts;
}

}  // namespace fleetsim::kube
