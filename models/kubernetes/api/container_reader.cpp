#include "models/kubernetes/api/container_reader.hpp"

#include <charconv>
#include <string_view>

#include "models/kubernetes/api/name_rules.hpp"
#include "models/kubernetes/api/quantity.hpp"

namespace fleetsim::kube {

namespace {

// requests or limits: cpu in millicores, memory in bytes; other resources (GPUs, ephemeral-storage) are
// checked as quantities and not modelled.
Resources read_resource_list(const Field& f, std::map<std::string, std::string>& texts) {
  Resources r;
  for (const std::string& name : f.keys()) {
    const Field q = f[name];
    if (!q.present()) continue;
    const std::string text = quantity_text(q);
    texts[name] = text;
    try {
      if (name == "cpu") {
        r.cpu_milli = quantity_milli_value(text);
      } else if (name == "memory") {
        r.memory_bytes = quantity_value(text);
      } else {
        quantity_value(text);
      }
    } catch (const QuantityError& e) {
      q.fail(e.what());
    }
    if (text.front() == '-')
      q.fail(q.api_path() + ": Invalid value: \"" + text + "\": must be greater than or equal to 0");
  }
  return r;
}

void read_resources(const Field& f, Container& c) {
  std::map<std::string, std::string> request_text;
  std::map<std::string, std::string> limit_text;
  c.requests = read_resource_list(f["requests"], request_text);
  c.limits = read_resource_list(f["limits"], limit_text);
  // Defaulting: a resource with a limit and no request requests its limit (core/v1 SetDefaults_Pod).
  if (!request_text.count("cpu") && limit_text.count("cpu")) c.requests.cpu_milli = c.limits.cpu_milli;
  if (!request_text.count("memory") && limit_text.count("memory")) c.requests.memory_bytes = c.limits.memory_bytes;
  const auto check = [&](const char* name, std::int64_t request, std::int64_t limit) {
    if (!request_text.count(name) || !limit_text.count(name) || request <= limit) return;
    const Field q = f["requests"][name];
    q.fail(q.api_path() + ": Invalid value: \"" + request_text[name] + "\": must be less than or equal to " + name +
           " limit of " + limit_text[name]);
  };
  check("cpu", c.requests.cpu_milli, c.limits.cpu_milli);
  check("memory", c.requests.memory_bytes, c.limits.memory_bytes);
}

int read_port(const Field& f, std::string& name) {
  if (f.present() && f.json().is_string()) {
    name = f.string();
    return 0;
  }
  const int port = f.int32();
  if (port < 1 || port > 65535) {
    f.fail(f.api_path() + ": Invalid value: " + std::to_string(port) + ": must be between 1 and 65535, inclusive");
  }
  return port;
}

std::optional<Probe> read_probe(const Field& f) {
  if (!f.present()) return std::nullopt;
  f.require_object();
  Probe p;
  if (f["httpGet"].present()) {
    p.action = ProbeAction::kHttpGet;
    p.path = f["httpGet"]["path"].string("/");
    p.port = read_port(f["httpGet"]["port"], p.port_name);
  } else if (f["tcpSocket"].present()) {
    p.action = ProbeAction::kTcpSocket;
    p.port = read_port(f["tcpSocket"]["port"], p.port_name);
  } else if (f["grpc"].present()) {
    p.action = ProbeAction::kGrpc;
    p.port = read_port(f["grpc"]["port"], p.port_name);
  } else if (f["exec"].present()) {
    p.action = ProbeAction::kExec;
  } else {
    f.fail(f.api_path() + ": Required value: must specify a handler type");
  }
  p.initial_delay_seconds = f["initialDelaySeconds"].int32_at_least(0, 0);
  p.period_seconds = f["periodSeconds"].int32_at_least(1, 10);
  p.timeout_seconds = f["timeoutSeconds"].int32_at_least(1, 1);
  p.success_threshold = f["successThreshold"].int32_at_least(1, 1);
  p.failure_threshold = f["failureThreshold"].int32_at_least(1, 3);
  return p;
}

// `sleep N` (or /bin/sleep N), directly or through `sh -c "sleep N"`: N seconds; -1 when it is not one.
int exec_sleep_seconds(const std::vector<std::string>& command) {
  std::vector<std::string> words = command;
  const auto base = [](const std::string& s) {
    return s.substr(s.rfind('/') == std::string::npos ? 0 : s.rfind('/') + 1);
  };
  if (words.size() == 3 && (base(words[0]) == "sh" || base(words[0]) == "bash") && words[1] == "-c") {
    std::vector<std::string> split;
    std::string word;
    for (const char c : words[2] + " ") {
      if (c == ' ') {
        if (!word.empty()) split.push_back(word);
        word.clear();
      } else {
        word.push_back(c);
      }
    }
    words = split;
  }
  if (words.size() != 2 || base(words[0]) != "sleep") return -1;
  std::string_view n = words[1];
  if (!n.empty() && n.back() == 's') n.remove_suffix(1);
  int seconds = 0;
  const auto res = std::from_chars(n.data(), n.data() + n.size(), seconds);
  return res.ec == std::errc{} && res.ptr == n.data() + n.size() && seconds >= 0 ? seconds : -1;
}

void read_pre_stop(const Field& f, Container& c) {
  if (!f.present()) return;
  c.has_pre_stop = true;
  if (f["sleep"].present()) {
    c.pre_stop_sleep_seconds = f["sleep"]["seconds"].int32_at_least(0);
  } else if (f["exec"].present()) {
    c.pre_stop_sleep_seconds = std::max(0, exec_sleep_seconds(f["exec"]["command"].strings()));
  }
}

}  // namespace

std::string quantity_text(const Field& f) {
  const nlohmann::json& v = f.json();
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  f.fail("json: cannot unmarshal " + std::string(v.type_name()) + " into Go value of type resource.Quantity");
}

PullPolicy default_pull_policy(const std::string& image) {
  // parsers.ParseImageName: the tag follows the last ':' after the last '/'; none (and no digest) means latest.
  const std::string name = image.substr(0, image.find('@'));
  const std::size_t slash = name.rfind('/');
  const std::size_t colon = name.rfind(':');
  const bool has_tag = colon != std::string::npos && (slash == std::string::npos || colon > slash);
  const std::string tag = has_tag ? name.substr(colon + 1) : (image.find('@') != std::string::npos ? "" : "latest");
  return tag == "latest" ? PullPolicy::kAlways : PullPolicy::kIfNotPresent;
}

Container read_container(const Field& f) {
  f.require_object();
  Container c;
  c.name = f["name"].string();
  if (c.name.empty()) f["name"].fail(f["name"].api_path() + ": Required value");
  if (const std::string why = name_problem(c.name, NameRule::kLabel); !why.empty()) {
    f["name"].fail(f["name"].api_path() + ": Invalid value: \"" + c.name + "\": " + why);
  }
  c.image = f["image"].string();
  if (c.image.empty()) f["image"].fail(f["image"].api_path() + ": Required value");
  const std::string policy = f["imagePullPolicy"].string();
  if (policy.empty()) {
    c.image_pull_policy = default_pull_policy(c.image);
  } else if (policy == "Always" || policy == "IfNotPresent" || policy == "Never") {
    c.image_pull_policy = policy == "Always"         ? PullPolicy::kAlways
                          : policy == "IfNotPresent" ? PullPolicy::kIfNotPresent
                                                     : PullPolicy::kNever;
  } else {
    const Field p = f["imagePullPolicy"];
    p.fail(p.api_path() + ": Unsupported value: \"" + policy +
           "\": supported values: \"Always\", \"IfNotPresent\", \"Never\"");
  }
  read_resources(f["resources"], c);
  const Field ports = f["ports"];
  for (std::size_t i = 0, n = ports.size(); i < n; ++i) {
    ContainerPort p;
    p.name = ports[i]["name"].string();
    std::string unused;
    p.container_port = read_port(ports[i]["containerPort"], unused);
    if (!unused.empty()) ports[i]["containerPort"].fail("json: cannot unmarshal string into Go value of type int32");
    p.protocol = ports[i]["protocol"].string("TCP");
    c.ports.push_back(std::move(p));
  }
  c.startup_probe = read_probe(f["startupProbe"]);
  c.readiness_probe = read_probe(f["readinessProbe"]);
  c.liveness_probe = read_probe(f["livenessProbe"]);
  read_pre_stop(f["lifecycle"]["preStop"], c);
  return c;
}

}  // namespace fleetsim::kube
