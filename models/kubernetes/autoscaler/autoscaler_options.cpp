#include "models/kubernetes/autoscaler/autoscaler_options.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim::kube {

namespace {

// Flags that change nothing the simulation models (where CA runs, how it logs, how it finds its groups:
// here it manages every managed node group of its cluster within the group's scalingConfig), or whose
// condition never arises in it (instances always register, nodes have no local storage).
const std::set<std::string>& accepted_flags() {
  static const std::set<std::string> flags{"cloud-provider",
                                           "node-group-auto-discovery",
                                           "nodes",
                                           "v",
                                           "logtostderr",
                                           "stderrthreshold",
                                           "alsologtostderr",
                                           "kubeconfig",
                                           "namespace",
                                           "leader-elect",
                                           "aws-use-static-instance-list",
                                           "skip-nodes-with-local-storage",
                                           "skip-nodes-with-custom-controller-pods",
                                           "balancing-ignore-label",
                                           "balancing-label",
                                           "expendable-pods-priority-cutoff",
                                           "max-node-provision-time",
                                           "scale-down-delay-after-failure",
                                           "max-total-unready-percentage",
                                           "ok-total-unready-count",
                                           "scale-down-candidates-pool-ratio",
                                           "scale-down-candidates-pool-min-count",
                                           "max-inactivity",
                                           "max-failing-time",
                                           "emit-per-nodegroup-metrics",
                                           "cordon-node-before-terminating",
                                           "write-status-configmap",
                                           "status-config-map-name"};
  return flags;
}

bool parse_bool(const std::string& v, bool& out) {
  if (v == "true" || v == "1") return out = true, true;
  if (v == "false" || v == "0") return out = false, true;
  return false;
}

bool parse_int(const std::string& v, int& out) {
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc{} && end == v.data() + v.size() && out >= 0;
}

bool parse_expanders(const std::string& v, std::vector<Expander>& out, std::string& error) {
  out.clear();
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t comma = std::min(v.find(',', start), v.size());
    std::string name = v.substr(start, comma - start);
    if (name == "random")
      out.push_back(Expander::kRandom);
    else if (name == "least-waste")
      out.push_back(Expander::kLeastWaste);
    else if (name == "most-pods")
      out.push_back(Expander::kMostPods);
    else if (name == "priority")
      out.push_back(Expander::kPriority);
    else
      return error = no_such_name("expander", name, {"random", "least-waste", "most-pods", "priority"}), false;
    start = comma + 1;
  }
  return true;
}

}  // namespace

bool uses_priority_expander(const AutoscalerOptions& options) {
  return std::find(options.expanders.begin(), options.expanders.end(), Expander::kPriority) != options.expanders.end();
}

const char* expander_name(Expander e) {
  switch (e) {
    case Expander::kRandom:
      return "random";
    case Expander::kLeastWaste:
      return "least-waste";
    case Expander::kMostPods:
      return "most-pods";
    case Expander::kPriority:
      return "priority";
  }
  return "random";
}

AutoscalerOptions parse_autoscaler_args(const std::vector<std::string>& args, const std::string& pointer) {
  AutoscalerOptions o;
  const std::vector<std::string> durations{"scan-interval", "scale-down-unneeded-time", "scale-down-delay-after-add",
                                           "scale-down-delay-after-delete", "new-pod-scale-up-delay"};
  const std::vector<std::string> booleans{"scale-down-enabled", "balance-similar-node-groups",
                                          "skip-nodes-with-system-pods", "ignore-daemonsets-utilization"};
  const std::vector<std::string> others{"expander",
                                        "scale-down-utilization-threshold",
                                        "max-graceful-termination-sec",
                                        "max-empty-bulk-delete",
                                        "max-drain-parallelism",
                                        "max-nodes-total"};
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string at = append_pointer(pointer, i);
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0 && arg.rfind('-', 0) != 0)
      throw ScenarioError(at, "expected a flag such as \"--scan-interval=10s\", got \"" + arg + "\"");
    std::string body = arg.substr(arg.rfind("--", 0) == 0 ? 2 : 1);
    std::size_t eq = body.find('=');
    std::string name = body.substr(0, eq);
    bool has_value = eq != std::string::npos;
    std::string value = has_value ? body.substr(eq + 1) : std::string();
    const bool is_bool = std::find(booleans.begin(), booleans.end(), name) != booleans.end();
    // "--flag value": the value is the next argument (booleans take only "--flag" or "--flag=false").
    std::size_t value_index = i;
    if (!has_value && !is_bool && i + 1 < args.size() && args[i + 1].rfind('-', 0) != 0) {
      value = args[++i];
      value_index = i;
      has_value = true;
    }
    if (accepted_flags().contains(name)) continue;
    const std::string vp = append_pointer(pointer, value_index);
    if (is_bool) {
      bool b = true;
      if (has_value && !parse_bool(value, b))
        throw ScenarioError(vp, "--" + name + " takes true or false, got \"" + value + "\"");
      if (name == "scale-down-enabled") o.scale_down_enabled = b;
      if (name == "balance-similar-node-groups") o.balance_similar_node_groups = b;
      if (name == "skip-nodes-with-system-pods") o.skip_nodes_with_system_pods = b;
      if (name == "ignore-daemonsets-utilization") o.ignore_daemonsets_utilization = b;
      continue;
    }
    const bool is_duration = std::find(durations.begin(), durations.end(), name) != durations.end();
    if (!is_duration && std::find(others.begin(), others.end(), name) == others.end()) {
      std::vector<std::string> known;
      for (const std::string& f : accepted_flags()) known.push_back("--" + f);
      for (const auto* list : {&durations, &booleans, &others}) {
        for (const std::string& f : *list) known.push_back("--" + f);
      }
      throw ScenarioError(at, no_such_name("cluster-autoscaler flag", "--" + name, known));
    }
    if (!has_value) throw ScenarioError(at, "--" + name + " needs a value");
    std::string error;
    if (is_duration) {
      // Go's time.ParseDuration forms ("10s", "10m", "1h30m") are the scenario's own duration forms.
      Duration d;
      if (!parse_duration(value, d, error) || d < Duration{}) throw ScenarioError(vp, "--" + name + ": " + error);
      if (name == "scan-interval") o.scan_interval = d;
      if (name == "scale-down-unneeded-time") o.scale_down_unneeded_time = d;
      if (name == "scale-down-delay-after-add") o.scale_down_delay_after_add = d;
      if (name == "scale-down-delay-after-delete") o.scale_down_delay_after_delete = d;
      if (name == "new-pod-scale-up-delay") o.new_pod_scale_up_delay = d;
      if (o.scan_interval <= Duration{}) throw ScenarioError(vp, "--scan-interval must be positive");
    } else if (name == "expander") {
      if (!parse_expanders(value, o.expanders, error)) throw ScenarioError(vp, error);
    } else if (name == "scale-down-utilization-threshold") {
      double t = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t);
      if (ec != std::errc{} || end != value.data() + value.size() || t < 0 || t > 1)
        throw ScenarioError(vp, "--" + name + " takes a number from 0 to 1, got \"" + value + "\"");
      o.scale_down_utilization_threshold = t;
    } else {
      int n = 0;
      if (!parse_int(value, n)) throw ScenarioError(vp, "--" + name + " takes a whole number, got \"" + value + "\"");
      if (name == "max-graceful-termination-sec") o.max_graceful_termination = Duration::seconds(n);
      if (name == "max-empty-bulk-delete") o.max_empty_bulk_delete = std::max(1, n);
      if (name == "max-drain-parallelism") o.max_drain_parallelism = std::max(1, n);
      if (name == "max-nodes-total") o.max_nodes_total = n;
    }
  }
  return o;
}

}  // namespace fleetsim::kube
