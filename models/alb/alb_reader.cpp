#include "models/alb/alb_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "models/api/request_path.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

// ModifyTargetGroupAttributes keys for ALB target groups. The algorithm, deregistration delay and slow
// start are simulated; the others are accepted (AWS defines them) and change nothing. Anomaly mitigation
// among them: AWS documents what it reacts to (5XX and connection-error ratios against peer targets) but
// not its thresholds or step sizes (aws-facts "Weighted random and anomaly mitigation"), too little to
// model it honestly, so weighted_random behaves the same with it on or off.
const std::vector<std::string> kKnownAttributes = {
    "load_balancing.algorithm.type",
    "deregistration_delay.timeout_seconds",
    "slow_start.duration_seconds",
    "load_balancing.algorithm.anomaly_mitigation",
    "stickiness.enabled",
    "stickiness.type",
    "stickiness.lb_cookie.duration_seconds",
    "stickiness.app_cookie.cookie_name",
    "stickiness.app_cookie.duration_seconds",
    "load_balancing.cross_zone.enabled",
    "target_group_health.dns_failover.minimum_healthy_targets.count",
    "target_group_health.dns_failover.minimum_healthy_targets.percentage",
    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count",
    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage",
    "lambda.multi_value_headers.enabled"};

std::string name_of(const nlohmann::json& o, const char* a, const char* b, const std::string& p) {
  if (o.contains(a)) return o[a].get<std::string>();
  if (o.contains(b)) return o[b].get<std::string>();
  throw ScenarioError(p, std::string("missing required field \"") + a + "\"");
}

void check_target_group(const nlohmann::json& tg, const std::string& p) {
  int interval = tg.value("HealthCheckIntervalSeconds", 30);
  int timeout = tg.value("HealthCheckTimeoutSeconds", 5);
  if (timeout >= interval) {
    throw ScenarioError(append_pointer(p, "HealthCheckTimeoutSeconds"),
                        "must be shorter than HealthCheckIntervalSeconds (" + std::to_string(interval) + ")");
  }
}

// The whole number of seconds `value` at `ap` holds, from `lo` to `hi` (or 0 when `zero_ok`); else an error.
Duration seconds_value(const std::string& value, long lo, long hi, bool zero_ok, const std::string& ap) {
  char* end = nullptr;
  long v = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || !((v >= lo && v <= hi) || (zero_ok && v == 0))) {
    throw ScenarioError(append_pointer(ap, "Value"), "expected a whole number of seconds from " + std::to_string(lo) +
                                                         " to " + std::to_string(hi) + (zero_ok ? " (or 0)" : "") +
                                                         ", got \"" + value + "\"");
  }
  return Duration::seconds(v);
}

// Calls `use(key, value, pointer)` for each entry of the Attributes list of `o` at `p`, after checking the key is
// one of `known` (the attributes of `what`, e.g. "target group").
template <class Use>
void each_attribute(const nlohmann::json& o, const std::string& p, const std::vector<std::string>& known,
                    const std::string& what, Use use) {
  auto attrs = o.find("Attributes");
  if (attrs == o.end()) return;
  for (std::size_t i = 0; i < attrs->size(); ++i) {
    const nlohmann::json& a = (*attrs)[i];
    std::string ap = append_pointer(append_pointer(p, "Attributes"), i);
    std::string key = a["Key"].get<std::string>();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string msg = "unknown " + what + " attribute \"" + key + "\"";
      if (auto near = closest_name(key, known)) msg += " (did you mean \"" + *near + "\"?)";
      throw ScenarioError(append_pointer(ap, "Key"), msg);
    }
    use(key, a["Value"].get<std::string>(), ap);
  }
}

// Reads Attributes into `config`; values AWS would reject are errors.
void read_attributes(const nlohmann::json& tg, const std::string& p, TargetGroupConfig& config) {
  each_attribute(tg, p, kKnownAttributes, "target group",
                 [&](const std::string& key, const std::string& value, const std::string& ap) {
                   if (key == "load_balancing.algorithm.type") {
                     if (value == "round_robin")
                       config.algorithm = RoutingAlgorithm::kRoundRobin;
                     else if (value == "least_outstanding_requests")
                       config.algorithm = RoutingAlgorithm::kLeastOutstandingRequests;
                     else if (value == "weighted_random")
                       config.algorithm = RoutingAlgorithm::kWeightedRandom;
                     else
                       throw ScenarioError(append_pointer(ap, "Value"),
                                           "expected \"round_robin\", \"least_outstanding_requests\" or "
                                           "\"weighted_random\", got \"" +
                                               value + "\"");
                   } else if (key == "deregistration_delay.timeout_seconds") {
                     config.deregistration_delay = seconds_value(value, 0, 3600, true, ap);
                   } else if (key == "slow_start.duration_seconds") {
                     config.slow_start = seconds_value(value, 30, 900, true, ap);
                   } else if (key == "load_balancing.cross_zone.enabled") {
                     // use_load_balancer_configuration (the default) is on for an ALB (aws-facts §7 "Cross-zone").
                     if (value != "true" && value != "false" && value != "use_load_balancer_configuration") {
                       throw ScenarioError(append_pointer(ap, "Value"),
                                           "expected \"true\", \"false\" or \"use_load_balancer_configuration\", "
                                           "got \"" +
                                               value + "\"");
                     }
                     config.cross_zone = value != "false";
                   }
                 });
  // Slow start cannot be combined with least outstanding requests (aws-facts §7 "LOR constraints").
  if (config.algorithm == RoutingAlgorithm::kLeastOutstandingRequests && config.slow_start.us() > 0) {
    throw ScenarioError(append_pointer(p, "Attributes"),
                        "slow_start.duration_seconds cannot be combined with least_outstanding_requests");
  }
}

// ModifyLoadBalancerAttributes keys of an Application Load Balancer (elbv2 API reference,
// LoadBalancerAttribute). The idle timeout is simulated; the others are accepted and change nothing.
const std::vector<std::string> kKnownLoadBalancerAttributes = {
    "idle_timeout.timeout_seconds",
    "client_keep_alive.seconds",
    "deletion_protection.enabled",
    "load_balancing.cross_zone.enabled",
    "access_logs.s3.enabled",
    "access_logs.s3.bucket",
    "access_logs.s3.prefix",
    "connection_logs.s3.enabled",
    "connection_logs.s3.bucket",
    "connection_logs.s3.prefix",
    "health_check_logs.s3.enabled",
    "health_check_logs.s3.bucket",
    "health_check_logs.s3.prefix",
    "ipv6.deny_all_igw_traffic",
    "routing.http.desync_mitigation_mode",
    "routing.http.drop_invalid_header_fields.enabled",
    "routing.http.preserve_host_header.enabled",
    "routing.http.x_amzn_tls_version_and_cipher_suite.enabled",
    "routing.http.xff_client_port.enabled",
    "routing.http.xff_header_processing.mode",
    "routing.http2.enabled",
    "waf.fail_open.enabled",
    "zonal_shift.config.enabled"};

// Reads a load balancer's Attributes (ModifyLoadBalancerAttributes) into `config`.
void read_load_balancer_attributes(const nlohmann::json& lb, const std::string& p, LoadBalancerConfig& config) {
  each_attribute(lb, p, kKnownLoadBalancerAttributes, "load balancer",
                 [&](const std::string& key, const std::string& value, const std::string& ap) {
                   // 1 to 4000 s, default 60 (ALB-UG "Connection idle timeout"; elbv2 LoadBalancerAttribute).
                   if (key == "idle_timeout.timeout_seconds")
                     config.idle_timeout = seconds_value(value, 1, 4000, false, ap);
                   // An ALB always balances across zones; only a target group can turn it off (aws-facts §7
                   // "Cross-zone").
                   if (key == "load_balancing.cross_zone.enabled" && value != "true") {
                     throw ScenarioError(append_pointer(ap, "Value"),
                                         "an Application Load Balancer always balances across zones; turn it off per "
                                         "target group (load_balancing.cross_zone.enabled on the target group)");
                   }
                 });
}

HealthCheckConfig read_health_check(const nlohmann::json& tg) {
  HealthCheckConfig h;
  h.enabled = tg.value("HealthCheckEnabled", true);
  h.interval = Duration::seconds(tg.value("HealthCheckIntervalSeconds", 30));
  h.timeout = Duration::seconds(tg.value("HealthCheckTimeoutSeconds", 5));
  h.healthy_threshold = tg.value("HealthyThresholdCount", 5);
  h.unhealthy_threshold = tg.value("UnhealthyThresholdCount", 2);
  if (auto k = tg.find("x-fleetsim"); k != tg.end()) {
    h.initial_healthy_threshold = k->value("initialHealthyThresholdCount", 1);
    h.cpu_ms = k->value("healthCheckCpuMs", 1.0);
  }
  return h;
}

// The first of a listener's or rule's `actions` at `ap`: forward (to one target group, or weighted ForwardConfig) or
// fixed-response; authentication and redirects are not simulated.
ActionConfig read_actions(const nlohmann::json& actions, const std::string& ap) {
  if (actions.empty()) throw ScenarioError(ap, "expected at least one action");
  const nlohmann::json& action = actions[0];
  const std::string p = append_pointer(ap, 0);
  ActionConfig config;
  if (action["Type"] == "fixed-response") {
    const std::string code = action.value("FixedResponseConfig", nlohmann::json::object()).value("StatusCode", "");
    // StatusCode: 2XX, 4XX or 5XX (elbv2 API FixedResponseActionConfig).
    if (code.size() != 3 || (code[0] != '2' && code[0] != '4' && code[0] != '5') || !std::isdigit(code[1]) ||
        !std::isdigit(code[2])) {
      throw ScenarioError(append_pointer(p, "FixedResponseConfig"),
                          "a fixed-response action needs \"StatusCode\", a 2XX, 4XX or 5XX code, got \"" + code + "\"");
    }
    config.fixed_status = std::stoi(code);
    return config;
  }
  if (action["Type"] != "forward") {
    throw ScenarioError(append_pointer(p, "Type"), "only \"forward\" and \"fixed-response\" actions are simulated");
  }
  if (action.contains("TargetGroupArn")) {
    config.forward.push_back(
        {name_from_reference(action["TargetGroupArn"].get<std::string>()), append_pointer(p, "TargetGroupArn"), 1});
  } else if (action.contains("ForwardConfig")) {
    const nlohmann::json& tgs = action["ForwardConfig"]["TargetGroups"];
    for (std::size_t g = 0; g < tgs.size(); ++g) {
      config.forward.push_back(
          {name_from_reference(tgs[g]["TargetGroupArn"].get<std::string>()),
           append_pointer(p, "ForwardConfig") + "/TargetGroups/" + std::to_string(g) + "/TargetGroupArn",
           tgs[g].value("Weight", 1.0)});
    }
  }
  if (config.forward.empty()) throw ScenarioError(p, "a forward action needs \"TargetGroupArn\" or \"ForwardConfig\"");
  return config;
}

// The values of a host-header or path-pattern `condition` at `cp`: its HostHeaderConfig or PathPatternConfig, or
// the older Values list.
std::vector<std::string> condition_values(const nlohmann::json& condition, const std::string& field,
                                          const std::string& cp) {
  const char* config_key = field == "host-header" ? "HostHeaderConfig" : "PathPatternConfig";
  const char* other_key = field == "host-header" ? "PathPatternConfig" : "HostHeaderConfig";
  if (condition.contains(other_key)) {
    throw ScenarioError(append_pointer(cp, other_key), "a \"" + field + "\" condition takes " + config_key);
  }
  const bool has_config = condition.contains(config_key);
  if (has_config == condition.contains("Values")) {
    throw ScenarioError(cp, std::string("expected one of \"") + config_key + "\" and \"Values\"");
  }
  const std::string vp =
      has_config ? append_pointer(append_pointer(cp, config_key), "Values") : append_pointer(cp, "Values");
  const nlohmann::json& list = has_config ? condition[config_key]["Values"] : condition["Values"];
  if (list.empty()) throw ScenarioError(vp, "expected at least one value");
  std::vector<std::string> values;
  for (std::size_t v = 0; v < list.size(); ++v) {
    std::string value = list[v].get<std::string>();
    // Each value is at most 128 characters (ALB-UG "Host conditions", "Path conditions").
    if (value.empty() || value.size() > 128)
      throw ScenarioError(append_pointer(vp, v), "expected 1 to 128 characters, got " + std::to_string(value.size()));
    values.push_back(std::move(value));
  }
  return values;
}

}  // namespace

TargetGroupConfig read_target_group(const nlohmann::json& tg, const std::string& p) {
  check_target_group(tg, p);
  TargetGroupConfig config;
  config.name = name_of(tg, "Name", "TargetGroupName", p);
  config.target_type = tg.value("TargetType", std::string("instance"));
  read_attributes(tg, p, config);
  config.health = read_health_check(tg);
  return config;
}

ListenerConfig read_listener(const nlohmann::json& listener, const std::string& lp) {
  ListenerConfig config;
  config.pointer = lp;
  config.default_action = read_actions(listener["DefaultActions"], append_pointer(lp, "DefaultActions"));
  config.port = listener.value("Port", listener.value("Protocol", std::string("HTTP")) == "HTTPS" ? 443 : 80);
  const nlohmann::json rules = listener.value("Rules", nlohmann::json::array());
  for (std::size_t r = 0; r < rules.size(); ++r)
    config.rules.push_back(read_rule(rules[r], append_pointer(append_pointer(lp, "Rules"), r)));
  return config;
}

ListenerRuleConfig read_rule(const nlohmann::json& rule, const std::string& p) {
  ListenerRuleConfig config;
  config.pointer = p;
  config.priority = rule["Priority"].get<int>();
  config.action = read_actions(rule["Actions"], append_pointer(p, "Actions"));
  const nlohmann::json& conditions = rule["Conditions"];
  std::size_t evaluations = 0;
  for (std::size_t c = 0; c < conditions.size(); ++c) {
    const std::string cp = append_pointer(append_pointer(p, "Conditions"), c);
    const std::string field = conditions[c]["Field"].get<std::string>();
    if (field != "host-header" && field != "path-pattern") {
      throw ScenarioError(append_pointer(cp, "Field"),
                          "only \"host-header\" and \"path-pattern\" conditions are "
                          "simulated (a request carries a host and a path), got \"" +
                              field + "\"");
    }
    std::vector<std::string>& values = field == "host-header" ? config.conditions.hosts : config.conditions.paths;
    // Zero or one of each of host-header and path-pattern per rule (ALB-UG "Condition types for listener rules").
    if (!values.empty())
      throw ScenarioError(append_pointer(cp, "Field"), "a rule takes one \"" + field + "\" condition");
    values = condition_values(conditions[c], field, cp);
    evaluations += values.size();
  }
  // Up to five match evaluations per rule (ALB-UG "Condition types for listener rules").
  if (evaluations > 5) {
    throw ScenarioError(append_pointer(p, "Conditions"),
                        "a rule takes at most 5 condition values, got " + std::to_string(evaluations));
  }
  return config;
}

std::vector<LoadBalancerConfig> read_load_balancers(const nlohmann::json& section) {
  std::vector<LoadBalancerConfig> out;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& lb = section[i];
    LoadBalancerConfig config;
    config.pointer = append_pointer("/loadBalancers", i);
    config.name = name_of(lb, "Name", "LoadBalancerName", config.pointer);
    for (const auto& id : lb.value("SecurityGroups", nlohmann::json::array()))
      config.security_groups.push_back(id.get<std::string>());
    for (const auto& id : lb.value("Subnets", nlohmann::json::array())) config.subnets.push_back(id.get<std::string>());
    if (lb.contains("x-fleetsim") && lb["x-fleetsim"].contains("latency")) {
      config.latency = read_distribution(lb["x-fleetsim"]["latency"], config.pointer + "/x-fleetsim/latency");
    }
    read_load_balancer_attributes(lb, config.pointer, config);
    const nlohmann::json listeners = lb.value("Listeners", nlohmann::json::array());
    for (std::size_t l = 0; l < listeners.size(); ++l)
      config.listeners.push_back(
          read_listener(listeners[l], append_pointer(append_pointer(config.pointer, "Listeners"), l)));
    out.push_back(std::move(config));
  }
  return out;
}

std::map<std::string, std::string> load_balancer_of_groups(const std::vector<LoadBalancerConfig>& load_balancers) {
  std::map<std::string, std::string> out;
  for (const LoadBalancerConfig& lb : load_balancers) {
    for (const ListenerConfig& l : lb.listeners) {
      for (const ForwardTarget& f : l.default_action.forward) out.emplace(f.target_group, lb.name);
      for (const ListenerRuleConfig& r : l.rules) {
        for (const ForwardTarget& f : r.action.forward) out.emplace(f.target_group, lb.name);
      }
    }
  }
  return out;
}

}  // namespace fleetsim
