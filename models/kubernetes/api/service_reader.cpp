#include "models/kubernetes/api/service_reader.hpp"

#include <charconv>
#include <set>

#include "models/kubernetes/api/pod_reader.hpp"

namespace fleetsim::kube {

namespace {

constexpr const char* kAlbPrefix = "alb.ingress.kubernetes.io/";

int service_port(const Field& f, bool required) {
  if (!f.present() && !required) return 0;
  const int port = f.int32(0);
  if (port < 1 || port > 65535) {
    f.fail(f.api_path() + ": Invalid value: " + std::to_string(port) + ": must be between 1 and 65535, inclusive");
  }
  return port;
}

IngressBackend read_backend(const Field& f) {
  IngressBackend b;
  const Field service = f["service"];
  if (!service.present()) {
    f.fail(f.api_path() +
           ": Invalid value: \"\": a backend must specify a service (resource backends are not simulated)");
  }
  b.service = service["name"].string();
  if (b.service.empty()) service["name"].fail(service["name"].api_path() + ": Required value");
  const Field port = service["port"];
  b.port_name = port["name"].string();
  if (b.port_name.empty()) b.port_number = service_port(port["number"], true);
  return b;
}

// An integer annotation of the controller, within the target group's limits.
int annotation_int(const Field& annotations, const std::string& name, int fallback, int lo, int hi) {
  const Field f = annotations[kAlbPrefix + name];
  if (!f.present()) return fallback;
  const std::string text = f.string();
  int v = 0;
  const auto res = std::from_chars(text.data(), text.data() + text.size(), v);
  if (res.ec != std::errc{} || res.ptr != text.data() + text.size()) {
    f.fail("failed to parse integer annotation, " + std::string(kAlbPrefix) + name + ": " + text +
           ": strconv.ParseInt: parsing \"" + text + "\": invalid syntax");
  }
  if (v < lo || v > hi) {
    f.fail(std::string(kAlbPrefix) + name + ": " + text + " is outside the range the target group accepts (" +
           std::to_string(lo) + " to " + std::to_string(hi) + ")");
  }
  return v;
}

std::string annotation_choice(const Field& annotations, const std::string& name, const std::string& fallback,
                              const std::set<std::string>& allowed) {
  const Field f = annotations[kAlbPrefix + name];
  const std::string v = f.string(fallback);
  if (!allowed.count(v)) {
    std::string list;
    for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
    f.fail("unknown " + name + " \"" + v + "\": expected one of " + list);
  }
  return v;
}

AlbIngressSettings read_alb(const Field& annotations) {
  AlbIngressSettings a;
  a.ip_target = annotation_choice(annotations, "target-type", "instance", {"instance", "ip"}) == "ip";
  a.scheme = annotation_choice(annotations, "scheme", "internal", {"internal", "internet-facing"});
  a.group_name = annotations[std::string(kAlbPrefix) + "group.name"].string();
  // group.order: -1000 to 1000, default 0 (the controller's annotation reference).
  a.group_order = annotation_int(annotations, "group.order", 0, -1000, 1000);
  a.healthcheck_path = annotations[std::string(kAlbPrefix) + "healthcheck-path"].string("/");
  a.healthcheck_interval_seconds = annotation_int(annotations, "healthcheck-interval-seconds", 15, 5, 300);
  a.healthcheck_timeout_seconds = annotation_int(annotations, "healthcheck-timeout-seconds", 5, 2, 120);
  a.healthy_threshold_count = annotation_int(annotations, "healthy-threshold-count", 2, 2, 10);
  a.unhealthy_threshold_count = annotation_int(annotations, "unhealthy-threshold-count", 2, 2, 10);
  const Field attributes = annotations[std::string(kAlbPrefix) + "target-group-attributes"];
  const std::string text = attributes.string();
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    std::string pair = text.substr(start, end - start);
    pair.erase(0, pair.find_first_not_of(' '));
    pair.erase(pair.find_last_not_of(' ') + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      attributes.fail("failed to parse stringMap annotation, " + std::string(kAlbPrefix) +
                      "target-group-attributes: " + text);
    }
    a.target_group_attributes[pair.substr(0, eq)] = pair.substr(eq + 1);
    start = end + 1;
  }
  if (const auto it = a.target_group_attributes.find("deregistration_delay.timeout_seconds");
      it != a.target_group_attributes.end()) {
    int v = -1;
    const auto res = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    if (res.ec != std::errc{} || res.ptr != it->second.data() + it->second.size() || v < 0 || v > 3600) {
      attributes.fail("deregistration_delay.timeout_seconds must be an integer from 0 to 3600, got \"" + it->second +
                      "\"");
    }
    a.deregistration_delay_seconds = v;
  }
  return a;
}

}  // namespace

Service read_service(const Field& o) {
  Service s;
  s.metadata = read_object_meta(o["metadata"], true, NameRule::kDns1035);
  const Field spec = o["spec"];
  spec.require_object();
  s.type = spec["type"].string("ClusterIP");
  if (s.type != "ClusterIP" && s.type != "NodePort" && s.type != "LoadBalancer" && s.type != "ExternalName") {
    spec["type"].fail(spec["type"].api_path() + ": Unsupported value: \"" + s.type +
                      "\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
  }
  s.selector = spec["selector"].string_map();
  const Field policy = spec["externalTrafficPolicy"];
  s.external_traffic_policy = policy.string("Cluster");
  if (s.external_traffic_policy != "Cluster" && s.external_traffic_policy != "Local") {
    policy.fail(policy.api_path() + ": Unsupported value: \"" + s.external_traffic_policy +
                "\": supported values: \"Cluster\", \"Local\"");
  }
  if (policy.present() && s.type != "NodePort" && s.type != "LoadBalancer") {
    policy.fail(policy.api_path() + ": Invalid value: \"" + s.external_traffic_policy +
                "\": may only be set for externally-accessible services");
  }
  const Field ports = spec["ports"];
  const bool headless = spec["clusterIP"].string() == "None";
  if (ports.size() == 0 && s.type != "ExternalName" && !headless) ports.fail(ports.api_path() + ": Required value");
  std::set<std::string> names;
  for (std::size_t i = 0, n = ports.size(); i < n; ++i) {
    const Field p = ports[i];
    ServicePort port;
    port.name = p["name"].string();
    if (n > 1 && port.name.empty()) p["name"].fail(p["name"].api_path() + ": Required value");
    if (!port.name.empty() && !names.insert(port.name).second) {
      p["name"].fail(p["name"].api_path() + ": Duplicate value: \"" + port.name + "\"");
    }
    port.protocol = p["protocol"].string("TCP");
    port.port = service_port(p["port"], true);
    const Field target = p["targetPort"];
    if (target.present() && target.json().is_string()) {
      port.target_port_name = target.string();
    } else {
      port.target_port = target.present() ? service_port(target, true) : port.port;
    }
    port.node_port = service_port(p["nodePort"], false);
    s.ports.push_back(std::move(port));
  }
  return s;
}

Ingress read_ingress(const Field& o) {
  Ingress in;
  in.metadata = read_object_meta(o["metadata"], true, NameRule::kSubdomain);
  const Field spec = o["spec"];
  spec.require_object();
  in.ingress_class = spec["ingressClassName"].string(in.metadata.annotations.count("kubernetes.io/ingress.class")
                                                         ? in.metadata.annotations.at("kubernetes.io/ingress.class")
                                                         : "");
  if (spec["defaultBackend"].present()) in.default_backend = read_backend(spec["defaultBackend"]);
  const Field rules = spec["rules"];
  for (std::size_t i = 0, n = rules.size(); i < n; ++i) {
    IngressRule rule;
    rule.host = rules[i]["host"].string();
    const Field paths = rules[i]["http"]["paths"];
    for (std::size_t k = 0, m = paths.size(); k < m; ++k) {
      IngressPath path;
      path.path = paths[k]["path"].string("/");
      path.path_type = paths[k]["pathType"].string();
      if (path.path_type.empty()) {
        paths[k]["pathType"].fail(paths[k]["pathType"].api_path() + ": Required value: pathType must be specified");
      }
      if (path.path_type != "Prefix" && path.path_type != "Exact" && path.path_type != "ImplementationSpecific") {
        paths[k]["pathType"].fail(paths[k]["pathType"].api_path() + ": Unsupported value: \"" + path.path_type +
                                  "\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"");
      }
      path.backend = read_backend(paths[k]["backend"]);
      rule.paths.push_back(std::move(path));
    }
    in.rules.push_back(std::move(rule));
  }
  if (!in.default_backend && in.rules.empty()) {
    spec.fail(spec.api_path() + ": Invalid value: \"\": either `defaultBackend` or `rules` must be specified");
  }
  in.alb = read_alb(o["metadata"]["annotations"]);
  return in;
}

}  // namespace fleetsim::kube
