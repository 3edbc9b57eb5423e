#include "models/eks/karpenter/node_pool.hpp"

#include <algorithm>
#include <cmath>

#include "models/kubernetes/api/field.hpp"
#include "models/kubernetes/api/manifest_reader.hpp"
#include "models/kubernetes/api/quantity.hpp"
#include "models/kubernetes/api/scheduling_reader.hpp"

namespace fleetsim {

namespace {

// A duration or "Never" (nullopt); Karpenter's NillableDuration.
std::optional<Duration> nillable_duration(const kube::Field& f, Duration fallback) {
  if (!f.present()) return fallback;
  const std::string text = f.string();
  if (text == "Never") return std::nullopt;
  Duration d;
  std::string error;
  if (!parse_duration(text, d, error) || d < Duration{})
    f.fail(f.api_path() + ": Invalid value: \"" + text + "\": expected a duration such as 30s or 720h, or Never");
  return d;
}

kube::TaintEffect taint_effect(const kube::Field& f) {
  const std::string e = f.string();
  if (e == "NoSchedule") return kube::TaintEffect::kNoSchedule;
  if (e == "PreferNoSchedule") return kube::TaintEffect::kPreferNoSchedule;
  if (e == "NoExecute") return kube::TaintEffect::kNoExecute;
  f.fail(f.api_path() + ": Unsupported value: \"" + e +
         "\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
}

DisruptionBudget read_budget(const kube::Field& f) {
  const kube::Field nodes = f["nodes"];
  const std::string text = nodes.present() ? nodes.string() : "10%";
  DisruptionBudget b;
  b.percent = !text.empty() && text.back() == '%';
  const std::string digits = b.percent ? text.substr(0, text.size() - 1) : text;
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      digits.size() > 6 || (b.percent && std::stoi(digits) > 100))
    nodes.fail(nodes.api_path() + ": Invalid value: \"" + text + "\": expected a number of nodes or a percentage");
  b.count = std::stoi(digits);
  if (f["schedule"].present())
    f["schedule"].fail(f["schedule"].api_path() + ": budgets with a schedule are not simulated by this version yet");
  return b;
}

}  // namespace

int NodePool::allowed_disruptions(int nodes) const {
  int allowed = nodes;
  for (const DisruptionBudget& b : budgets) {
    const int n = b.percent ? static_cast<int>(std::ceil(nodes * b.count / 100.0)) : b.count;
    allowed = std::min(allowed, n);
  }
  return allowed;
}

NodePool read_node_pool(const kube::OtherObject& object) {
  const kube::ObjectContext context{&object.origin, kube::describe("NodePool", object.metadata)};
  const kube::Field root(context, object.origin.json());
  const kube::Field spec = root["spec"];
  const kube::Field tmpl = spec["template"]["spec"];
  NodePool pool;
  pool.name = object.metadata.name;
  pool.origin = object.origin;
  pool.labels = spec["template"]["metadata"]["labels"].string_map();
  const kube::Field ref = tmpl["nodeClassRef"];
  if (!ref["name"].present()) ref.fail(ref.api_path() + ".name: Required value");
  pool.node_class = ref["name"].string();
  pool.requirements = kube::read_node_selector_requirements(tmpl["requirements"]);
  const kube::Field taints = tmpl["taints"];
  for (std::size_t i = 0, n = taints.size(); i < n; ++i)
    pool.taints.push_back({taints[i]["key"].string(), taints[i]["value"].string(), taint_effect(taints[i]["effect"])});
  // karpenter.sh/v1 defaults: expireAfter 720h, WhenEmptyOrUnderutilized, consolidateAfter 0s, nodes 10%.
  pool.expire_after = nillable_duration(tmpl["expireAfter"], Duration::seconds(720 * 3600));
  const kube::Field disruption = spec["disruption"];
  if (const kube::Field p = disruption["consolidationPolicy"]; p.present()) {
    if (p.string() == "WhenEmpty") {
      pool.policy = ConsolidationPolicy::kWhenEmpty;
    } else if (p.string() != "WhenEmptyOrUnderutilized") {
      p.fail(p.api_path() + ": Unsupported value: \"" + p.string() +
             "\": supported values: \"WhenEmpty\", \"WhenEmptyOrUnderutilized\"");
    }
  }
  pool.consolidate_after = nillable_duration(disruption["consolidateAfter"], Duration{});
  const kube::Field budgets = disruption["budgets"];
  for (std::size_t i = 0, n = budgets.size(); i < n; ++i) pool.budgets.push_back(read_budget(budgets[i]));
  if (pool.budgets.empty()) pool.budgets.push_back({10, true});
  const kube::Field limits = spec["limits"];
  try {
    if (limits["cpu"].present())
      pool.cpu_limit_milli = kube::quantity_milli_value(limits["cpu"].json().is_string() ? limits["cpu"].string()
                                                                                         : limits["cpu"].json().dump());
  } catch (const kube::QuantityError& e) {
    limits["cpu"].fail(limits["cpu"].api_path() + ": " + e.what());
  }
  try {
    if (limits["memory"].present()) pool.memory_limit_bytes = kube::quantity_value(limits["memory"].string());
  } catch (const kube::QuantityError& e) {
    limits["memory"].fail(limits["memory"].api_path() + ": " + e.what());
  }
  pool.weight = spec["weight"].int32(0);
  if (pool.weight < 0 || pool.weight > 100)
    spec["weight"].fail(spec["weight"].api_path() + ": Invalid value: " + std::to_string(pool.weight) +
                        ": must be in the range 0-100");
  return pool;
}

void check_node_class(const NodePool& pool, const std::vector<kube::OtherObject>& classes) {
  for (const kube::OtherObject& c : classes) {
    if (c.metadata.name == pool.node_class) return;
  }
  const kube::ObjectContext context{&pool.origin, "NodePool " + pool.name};
  kube::Field(context, pool.origin.json())["spec"]["template"]["spec"]["nodeClassRef"]["name"].fail(
      "no EC2NodeClass named \"" + pool.node_class + "\"");
}

}  // namespace fleetsim
