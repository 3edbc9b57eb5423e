#include "models/kubernetes/api/scheduling_reader.hpp"

#include <string>

namespace fleetsim::kube {

namespace {

// The API server's "Unsupported value" error, listing what is accepted.
[[noreturn]] void unsupported(const Field& f, const std::string& value, const std::string& accepted) {
  f.fail(f.api_path() + ": Unsupported value: \"" + value + "\": supported values: " + accepted);
}

SelectorRequirement read_requirement(const Field& f, bool node_selector) {
  SelectorRequirement r;
  r.key = f["key"].string();
  if (r.key.empty()) f["key"].fail(f["key"].api_path() + ": Invalid value: \"\": name part must be non-empty");
  const std::string op = f["operator"].string();
  if (op == "In") {
    r.op = SelectorOperator::kIn;
  } else if (op == "NotIn") {
    r.op = SelectorOperator::kNotIn;
  } else if (op == "Exists") {
    r.op = SelectorOperator::kExists;
  } else if (op == "DoesNotExist") {
    r.op = SelectorOperator::kDoesNotExist;
  } else if (node_selector && op == "Gt") {
    r.op = SelectorOperator::kGt;
  } else if (node_selector && op == "Lt") {
    r.op = SelectorOperator::kLt;
  } else {
    unsupported(f["operator"], op,
                node_selector ? "\"DoesNotExist\", \"Exists\", \"Gt\", \"In\", \"Lt\", \"NotIn\""
                              : "\"DoesNotExist\", \"Exists\", \"In\", \"NotIn\"");
  }
  r.values = f["values"].strings();
  const bool set_based = r.op == SelectorOperator::kIn || r.op == SelectorOperator::kNotIn;
  if (set_based && r.values.empty()) {
    f["values"].fail(f["values"].api_path() + ": Required value: must be specified when `operator` is 'In' or 'NotIn'");
  }
  if ((r.op == SelectorOperator::kExists || r.op == SelectorOperator::kDoesNotExist) && !r.values.empty()) {
    f["values"].fail(f["values"].api_path() +
                     ": Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
  }
  return r;
}

std::vector<SelectorRequirement> read_requirements(const Field& f, bool node_selector) {
  std::vector<SelectorRequirement> out;
  for (std::size_t i = 0, n = f.size(); i < n; ++i) out.push_back(read_requirement(f[i], node_selector));
  return out;
}

int read_weight(const Field& f) {
  const int w = f.int32();
  if (w < 1 || w > 100) f.fail(f.api_path() + ": Invalid value: " + std::to_string(w) + ": must be in the range 1-100");
  return w;
}

PodAffinityTerm read_pod_affinity_term(const Field& f) {
  PodAffinityTerm t;
  t.selector = read_label_selector(f["labelSelector"]);
  t.namespaces = f["namespaces"].strings();
  t.topology_key = f["topologyKey"].string();
  if (t.topology_key.empty()) {
    f["topologyKey"].fail(f["topologyKey"].api_path() + ": Required value: can not be empty");
  }
  return t;
}

PodAffinityRules read_pod_affinity(const Field& f) {
  PodAffinityRules rules;
  const Field required = f["requiredDuringSchedulingIgnoredDuringExecution"];
  for (std::size_t i = 0, n = required.size(); i < n; ++i)
    rules.required.push_back(read_pod_affinity_term(required[i]));
  const Field preferred = f["preferredDuringSchedulingIgnoredDuringExecution"];
  for (std::size_t i = 0, n = preferred.size(); i < n; ++i) {
    rules.preferred.push_back(
        {read_weight(preferred[i]["weight"]), read_pod_affinity_term(preferred[i]["podAffinityTerm"])});
  }
  return rules;
}

}  // namespace

LabelSelector read_label_selector(const Field& f) {
  f.require_object();
  LabelSelector s;
  s.match_labels = f["matchLabels"].string_map();
  s.match_expressions = read_requirements(f["matchExpressions"], false);
  return s;
}

std::vector<SelectorRequirement> read_node_selector_requirements(const Field& f) { return read_requirements(f, true); }

Affinity read_affinity(const Field& f) {
  f.require_object();
  Affinity a;
  const Field node = f["nodeAffinity"];
  const Field terms = node["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"];
  for (std::size_t i = 0, n = terms.size(); i < n; ++i) {
    a.node.required.push_back(NodeSelectorTerm{read_requirements(terms[i]["matchExpressions"], true)});
  }
  const Field preferred = node["preferredDuringSchedulingIgnoredDuringExecution"];
  for (std::size_t i = 0, n = preferred.size(); i < n; ++i) {
    a.node.preferred.push_back(
        {read_weight(preferred[i]["weight"]),
         NodeSelectorTerm{read_requirements(preferred[i]["preference"]["matchExpressions"], true)}});
  }
  a.pod = read_pod_affinity(f["podAffinity"]);
  a.pod_anti = read_pod_affinity(f["podAntiAffinity"]);
  return a;
}

std::vector<Toleration> read_tolerations(const Field& f) {
  std::vector<Toleration> out;
  for (std::size_t i = 0, n = f.size(); i < n; ++i) {
    const Field e = f[i];
    Toleration t;
    t.key = e["key"].string();
    const std::string op = e["operator"].string("Equal");
    if (op != "Equal" && op != "Exists") unsupported(e["operator"], op, "\"Equal\", \"Exists\"");
    t.exists = op == "Exists";
    t.value = e["value"].string();
    if (t.exists && !t.value.empty()) {
      e["value"].fail(e["operator"].api_path() + ": Invalid value: \"" + t.value +
                      "\": value must be empty when `operator` is 'Exists'");
    }
    if (!t.exists && t.key.empty()) {
      e["operator"].fail(e["operator"].api_path() +
                         ": Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match "
                         "all values and all keys\"");
    }
    const std::string effect = e["effect"].string();
    if (effect == "NoSchedule") {
      t.effect = TaintEffect::kNoSchedule;
    } else if (effect == "PreferNoSchedule") {
      t.effect = TaintEffect::kPreferNoSchedule;
    } else if (effect == "NoExecute") {
      t.effect = TaintEffect::kNoExecute;
    } else if (!effect.empty()) {
      unsupported(e["effect"], effect, "\"NoExecute\", \"NoSchedule\", \"PreferNoSchedule\"");
    }
    if (e["tolerationSeconds"].present()) t.toleration_seconds = e["tolerationSeconds"].int64();
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<TopologySpreadConstraint> read_topology_spread(const Field& f) {
  std::vector<TopologySpreadConstraint> out;
  for (std::size_t i = 0, n = f.size(); i < n; ++i) {
    const Field e = f[i];
    TopologySpreadConstraint c;
    c.max_skew = e["maxSkew"].int32(0);
    if (c.max_skew <= 0) {
      e["maxSkew"].fail(e["maxSkew"].api_path() + ": Invalid value: " + std::to_string(c.max_skew) +
                        ": must be greater than zero");
    }
    c.topology_key = e["topologyKey"].string();
    if (c.topology_key.empty())
      e["topologyKey"].fail(e["topologyKey"].api_path() + ": Required value: can not be empty");
    const std::string when = e["whenUnsatisfiable"].string();
    if (when != "DoNotSchedule" && when != "ScheduleAnyway") {
      unsupported(e["whenUnsatisfiable"], when, "\"DoNotSchedule\", \"ScheduleAnyway\"");
    }
    c.do_not_schedule = when == "DoNotSchedule";
    c.selector = read_label_selector(e["labelSelector"]);
    c.min_domains = e["minDomains"].int32(1);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace fleetsim::kube
