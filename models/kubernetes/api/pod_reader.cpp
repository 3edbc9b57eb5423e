#include "models/kubernetes/api/pod_reader.hpp"

#include <charconv>
#include <set>

#include "models/kubernetes/api/container_reader.hpp"
#include "models/kubernetes/api/scheduling_reader.hpp"
#include "models/kubernetes/api/simulation_knobs.hpp"

namespace fleetsim::kube {

namespace {

std::vector<Container> read_containers(const Field& f) {
  std::vector<Container> out;
  std::set<std::string> names;
  for (std::size_t i = 0, n = f.size(); i < n; ++i) {
    out.push_back(read_container(f[i]));
    if (!names.insert(out.back().name).second) {
      f[i]["name"].fail(f[i]["name"].api_path() + ": Duplicate value: \"" + out.back().name + "\"");
    }
  }
  return out;
}

PodSpec read_pod_spec(const Field& f) {
  f.require_object();
  PodSpec s;
  s.containers = read_containers(f["containers"]);
  if (s.containers.empty()) f["containers"].fail(f["containers"].api_path() + ": Required value");
  s.init_containers = read_containers(f["initContainers"]);
  s.node_selector = f["nodeSelector"].string_map();
  s.affinity = read_affinity(f["affinity"]);
  s.tolerations = read_tolerations(f["tolerations"]);
  s.topology_spread_constraints = read_topology_spread(f["topologySpreadConstraints"]);
  s.priority_class_name = f["priorityClassName"].string();
  s.termination_grace_period_seconds = f["terminationGracePeriodSeconds"].int32_at_least(0, 30);
  s.restart_policy = f["restartPolicy"].string("Always");
  if (s.restart_policy != "Always" && s.restart_policy != "OnFailure" && s.restart_policy != "Never") {
    const Field r = f["restartPolicy"];
    r.fail(r.api_path() + ": Unsupported value: \"" + s.restart_policy +
           "\": supported values: \"Always\", \"OnFailure\", \"Never\"");
  }
  const Field gates = f["readinessGates"];
  for (std::size_t i = 0, n = gates.size(); i < n; ++i) s.readiness_gates.push_back(gates[i]["conditionType"].string());
  return s;
}

}  // namespace

ObjectMeta read_object_meta(const Field& m, bool namespaced, NameRule rule) {
  m.require_object();
  ObjectMeta meta;
  const Field name = m["name"];
  meta.name = name.string();
  if (meta.name.empty()) {
    // kubectl apply needs a name; generateName works only with create.
    name.fail(name.api_path() + ": Required value: name or generateName is required");
  }
  if (const std::string why = name_problem(meta.name, rule); !why.empty()) {
    name.fail(name.api_path() + ": Invalid value: \"" + meta.name + "\": " + why);
  }
  meta.ns = namespaced ? m["namespace"].string("default") : "";
  if (namespaced) {
    if (const std::string why = name_problem(meta.ns, NameRule::kLabel); !why.empty()) {
      m["namespace"].fail(m["namespace"].api_path() + ": Invalid value: \"" + meta.ns + "\": " + why);
    }
  }
  meta.labels = m["labels"].string_map();
  meta.annotations = m["annotations"].string_map();
  return meta;
}

PodTemplateSpec read_pod_template(const Field& pod, const std::string& ns) {
  pod.require_object();
  PodTemplateSpec t;
  const Field m = pod["metadata"];
  m.require_object();
  t.metadata.name = m["name"].string();
  t.metadata.ns = ns;
  t.metadata.labels = m["labels"].string_map();
  t.metadata.annotations = m["annotations"].string_map();
  t.spec = read_pod_spec(pod["spec"]);
  t.knobs = read_simulation_knobs(m["annotations"]);
  return t;
}

}  // namespace fleetsim::kube
