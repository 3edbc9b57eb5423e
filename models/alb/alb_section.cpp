#include "models/alb/alb_section.hpp"

#include <algorithm>

#include "models/alb/load_balancer.hpp"
#include "models/api/load_balancing.hpp"
#include "models/api/metric_source.hpp"
#include "models/api/request_path.hpp"
#include "models/registry.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/validator.hpp"
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

// Reads Attributes into `config`; values AWS would reject are errors.
void read_attributes(const nlohmann::json& tg, const std::string& p, TargetGroupConfig& config) {
  auto attrs = tg.find("Attributes");
  if (attrs == tg.end()) return;
  for (std::size_t i = 0; i < attrs->size(); ++i) {
    const nlohmann::json& a = (*attrs)[i];
    std::string ap = append_pointer(append_pointer(p, "Attributes"), i);
    std::string key = a["Key"].get<std::string>();
    std::string value = a["Value"].get<std::string>();
    if (std::find(kKnownAttributes.begin(), kKnownAttributes.end(), key) == kKnownAttributes.end()) {
      std::string msg = "unknown target group attribute \"" + key + "\"";
      if (auto near = closest_name(key, kKnownAttributes)) msg += " (did you mean \"" + *near + "\"?)";
      throw ScenarioError(append_pointer(ap, "Key"), msg);
    }
    auto seconds = [&](long lo, long hi, bool zero_ok) {
      char* end = nullptr;
      long v = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || !((v >= lo && v <= hi) || (zero_ok && v == 0))) {
        throw ScenarioError(append_pointer(ap, "Value"), "expected a whole number of seconds from " +
                                                             std::to_string(lo) + " to " + std::to_string(hi) +
                                                             (zero_ok ? " (or 0)" : "") + ", got \"" + value + "\"");
      }
      return Duration::seconds(v);
    };
    if (key == "load_balancing.algorithm.type") {
      if (value == "round_robin")
        config.algorithm = RoutingAlgorithm::kRoundRobin;
      else if (value == "least_outstanding_requests")
        config.algorithm = RoutingAlgorithm::kLeastOutstandingRequests;
      else if (value == "weighted_random")
        config.algorithm = RoutingAlgorithm::kWeightedRandom;
      else
        throw ScenarioError(
            append_pointer(ap, "Value"),
            "expected \"round_robin\", \"least_outstanding_requests\" or \"weighted_random\", got \"" + value + "\"");
    } else if (key == "deregistration_delay.timeout_seconds") {
      config.deregistration_delay = seconds(0, 3600, true);
    } else if (key == "slow_start.duration_seconds") {
      config.slow_start = seconds(30, 900, true);
    }
  }
  // Slow start cannot be combined with least outstanding requests (aws-facts §7 "LOR constraints").
  if (config.algorithm == RoutingAlgorithm::kLeastOutstandingRequests && config.slow_start.us() > 0) {
    throw ScenarioError(append_pointer(p, "Attributes"),
                        "slow_start.duration_seconds cannot be combined with least_outstanding_requests");
  }
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

/// CreateTargetGroup's shape, with Attributes, as the section's entries and factory requests take it.
Shape& target_group_shape(ShapeSet& s) {
  Shape& attribute = s.object("a target group attribute", "ModifyTargetGroupAttributes Key/Value.");
  attribute.required("Key", s.string(), "attribute name").required("Value", s.string(), "attribute value");
  Shape& matcher = s.object("a matcher", "Health check success codes.");
  matcher.field("HttpCode", s.string(), "e.g. \"200\"").field("GrpcCode", s.string(), "gRPC codes");
  Shape& tg_knobs = s.object("the target group's x-fleetsim knobs", "Simulation-only settings.");
  tg_knobs
      .field("initialHealthyThresholdCount", s.integer(1, 10),
             "passes a new target needs before it is healthy (default 1, as the ALB guide says; the ECS guide implies "
             "HealthyThresholdCount)")
      .field("healthCheckCpuMs", s.number(0, 1e6), "CPU one health check costs the app, ms at one vCPU (default 1)");
  Shape& tg = s.object("a target group", "elbv2 CreateTargetGroup, with Attributes.");
  tg.field("Name", s.string(), "name (required; TargetGroupName as describe-target-groups prints it is accepted)")
      .field("TargetGroupName", s.string(), "name, as describe-target-groups prints it")
      .field("Protocol", s.one_of_strings("a protocol", {"HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"}),
             "protocol")
      .field("Port", s.integer(1, 65535), "traffic port")
      .field("TargetType", s.one_of_strings("a target type", {"instance", "ip", "lambda", "alb"}),
             "instance (default) or ip")
      .field("HealthCheckIntervalSeconds", s.integer(5, 300), "default 30")
      .field("HealthCheckTimeoutSeconds", s.integer(2, 120), "default 5")
      .field("HealthyThresholdCount", s.integer(2, 10), "default 5")
      .field("UnhealthyThresholdCount", s.integer(2, 10), "default 2")
      .field("HealthCheckPath", s.string(), "default /")
      .field("HealthCheckPort", s.string(), "default traffic-port")
      .field("HealthCheckProtocol", s.one_of_strings("a protocol", {"HTTP", "HTTPS", "TCP"}), "default HTTP")
      .field("HealthCheckEnabled", s.boolean(), "default true")
      .field("Matcher", &matcher, "success codes")
      .field("Attributes", s.array_of(&attribute, 100), "ModifyTargetGroupAttributes")
      .field("x-fleetsim", &tg_knobs, "simulation-only settings")
      .ignored({"ProtocolVersion", "VpcId", "Tags", "IpAddressType", "TargetGroupArn", "LoadBalancerArns"});
  return tg;
}

/// CreateListener's shape, as the section's load balancers and factory requests take it.
Shape& listener_shape(ShapeSet& s) {
  Shape& tg_tuple = s.object("a weighted target group", "ForwardConfig target group.");
  tg_tuple.required("TargetGroupArn", s.string(), "name or ARN").field("Weight", s.integer(0, 999), "relative weight");
  Shape& forward_config = s.object("a forward config", "Weighted forwarding.");
  forward_config.required("TargetGroups", s.array_of(&tg_tuple, 5), "groups and weights")
      .ignored({"TargetGroupStickinessConfig"});
  Shape& action = s.object("a listener action", "elbv2 Action.");
  action
      .required("Type",
                s.one_of_strings("an action type", {"forward", "redirect", "fixed-response", "authenticate-oidc",
                                                    "authenticate-cognito"}),
                "action type")
      .field("TargetGroupArn", s.string(), "target group name or ARN")
      .field("ForwardConfig", &forward_config, "weighted target groups")
      .ignored(
          {"Order", "RedirectConfig", "FixedResponseConfig", "AuthenticateOidcConfig", "AuthenticateCognitoConfig"});
  Shape& listener = s.object("a listener", "elbv2 CreateListener.");
  listener.field("Port", s.integer(1, 65535), "port (default 80, or 443 for HTTPS)")
      .field("Protocol", s.one_of_strings("a protocol", {"HTTP", "HTTPS"}), "HTTP or HTTPS")
      .required("DefaultActions", s.array_of(&action, 10), "what the listener does")
      .ignored({"LoadBalancerArn", "SslPolicy", "Certificates", "AlpnPolicy", "Tags", "MutualAuthentication",
                "ListenerArn"});
  return listener;
}

// Reads and checks one CreateTargetGroup-shaped entry at `p` (valid against the section's shape), all but
// the load balancer it sits behind.
TargetGroupConfig read_target_group(const nlohmann::json& tg, const std::string& p) {
  check_target_group(tg, p);
  TargetGroupConfig config;
  config.name = name_of(tg, "Name", "TargetGroupName", p);
  config.target_type = tg.value("TargetType", std::string("instance"));
  read_attributes(tg, p, config);
  config.health = read_health_check(tg);
  return config;
}

/// The shapes the factory checks requests against (they skipped the scenario's validation), built once.
struct OwnShapes {
  ShapeSet set;
  const Shape* target_group = &target_group_shape(set);
  const Shape* listener = &listener_shape(set);
};

const OwnShapes& own_shapes() {
  static const OwnShapes shapes;
  return shapes;
}

/// Owns the target groups and listeners of the run; the sections and LoadBalancerFactory requests create
/// them through the same functions.
class AlbModel : public Model, public LoadBalancerFactory {
 public:
  explicit AlbModel(World& world) : world_(world) {}

  /// Creates the target group `config` behind `lb` and provides it with its metric sources; `p` locates it.
  TargetGroup& add_target_group(TargetGroupConfig config, const LoadBalancerSpec& lb, const std::string& p) {
    config.load_balancer = lb.name;
    config.source_security_groups = lb.security_groups;
    if (by_name_.count(config.name))
      throw ScenarioError(append_pointer(p, "Name"), "target group \"" + config.name + "\" is defined twice");
    groups_.push_back(std::make_unique<TargetGroup>(world_.ctx, config, world_.requests));
    TargetGroup* group = groups_.back().get();
    by_name_[config.name] = group;
    world_.provide<TargetGroupPort>(config.name, group);
    // Alarms name RequestCountPerTarget by TargetGroup, with or without LoadBalancer.
    world_.provide<const MetricSource>(metric_source_key("AWS/ApplicationELB", "RequestCountPerTarget",
                                                         make_dimensions({{"TargetGroup", config.name}})),
                                       group);
    world_.provide<const MetricSource>(
        metric_source_key("AWS/ApplicationELB", "RequestCountPerTarget",
                          make_dimensions({{"LoadBalancer", config.load_balancer}, {"TargetGroup", config.name}})),
        group);
    return *group;
  }

  /// Creates the CreateListener-shaped `listener` at `lp` (valid against the section's shape) on the load
  /// balancer `lb_name`, adding `latency` ms to each request, and provides it as "NAME:PORT".
  Listener& add_listener(const nlohmann::json& listener, const std::string& lb_name,
                         const std::optional<Distribution>& latency, const std::string& lp) {
    const nlohmann::json& actions = listener["DefaultActions"];
    if (actions.empty()) throw ScenarioError(append_pointer(lp, "DefaultActions"), "expected at least one action");
    const nlohmann::json& action = actions[0];
    std::string ap = append_pointer(append_pointer(lp, "DefaultActions"), 0);
    if (action["Type"] != "forward") {
      throw ScenarioError(append_pointer(ap, "Type"), "only \"forward\" actions are simulated");
    }
    ForwardAction forward;
    if (action.contains("TargetGroupArn")) {
      forward.groups.push_back(group_named(action["TargetGroupArn"], append_pointer(ap, "TargetGroupArn")));
      forward.weights.push_back(1);
    } else if (action.contains("ForwardConfig")) {
      const nlohmann::json& tgs = action["ForwardConfig"]["TargetGroups"];
      for (std::size_t g = 0; g < tgs.size(); ++g) {
        forward.groups.push_back(group_named(
            tgs[g]["TargetGroupArn"],
            append_pointer(ap, "ForwardConfig") + "/TargetGroups/" + std::to_string(g) + "/TargetGroupArn"));
        forward.weights.push_back(tgs[g].value("Weight", 1.0));
      }
    }
    if (forward.groups.empty())
      throw ScenarioError(ap, "a forward action needs \"TargetGroupArn\" or \"ForwardConfig\"");
    int port = listener.value("Port", listener.value("Protocol", std::string("HTTP")) == "HTTPS" ? 443 : 80);
    listeners_.push_back(std::make_unique<Listener>(world_.ctx, lb_name, port, forward, latency));
    if (!world_.provide<RequestSink>(lb_name + ":" + std::to_string(port), listeners_.back().get())) {
      throw ScenarioError(append_pointer(lp, "Port"),
                          "load balancer \"" + lb_name + "\" has two listeners on port " + std::to_string(port));
    }
    return *listeners_.back();
  }

  TargetGroupPort& create_target_group(const nlohmann::json& request, const LoadBalancerSpec& load_balancer,
                                       const std::string& pointer) override {
    require_shape(request, *own_shapes().target_group, pointer);
    return add_target_group(read_target_group(request, pointer), load_balancer, pointer);
  }

  RequestSink& create_listener(const nlohmann::json& request, const LoadBalancerSpec& load_balancer,
                               const std::string& pointer) override {
    require_shape(request, *own_shapes().listener, pointer);
    return add_listener(request, load_balancer.name, std::nullopt, pointer);
  }

 private:
  // The target group a listener action names (by name or ARN); `p` locates the reference.
  TargetGroup* group_named(const nlohmann::json& ref, const std::string& p) const {
    std::string name = name_from_reference(ref.get<std::string>());
    auto it = by_name_.find(name);
    if (it == by_name_.end()) {
      std::vector<std::string> known;
      for (const auto& [n, _] : by_name_) known.push_back(n);
      throw ScenarioError(p, no_such_name("target group", name, known));
    }
    return it->second;
  }

  World& world_;
  std::vector<std::unique_ptr<TargetGroup>> groups_;
  std::map<std::string, TargetGroup*> by_name_;
  std::vector<std::unique_ptr<Listener>> listeners_;
};

void build_alb(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<AlbModel>(world));
  world.provide<LoadBalancerFactory>("alb", &model);
  // Which load balancer forwards to each group, for the metric dimension, and its security groups.
  std::map<std::string, std::string> lb_of_group;
  std::map<std::string, std::vector<std::string>> groups_of_lb;
  if (auto lbs = scenario.find("loadBalancers"); lbs != scenario.end()) {
    for (std::size_t i = 0; i < lbs->size(); ++i) {
      const nlohmann::json& lb = (*lbs)[i];
      std::string lb_name = name_of(lb, "Name", "LoadBalancerName", append_pointer("/loadBalancers", i));
      if (lb.contains("SecurityGroups")) {
        groups_of_lb[lb_name] = world.security_groups_at(
            lb["SecurityGroups"], append_pointer(append_pointer("/loadBalancers", i), "SecurityGroups"));
      }
      for (const auto& l : lb.value("Listeners", nlohmann::json::array())) {
        for (const auto& a : l.value("DefaultActions", nlohmann::json::array())) {
          if (a.contains("TargetGroupArn"))
            lb_of_group.emplace(name_from_reference(a["TargetGroupArn"].get<std::string>()), lb_name);
          for (const auto& g :
               a.value("ForwardConfig", nlohmann::json::object()).value("TargetGroups", nlohmann::json::array())) {
            lb_of_group.emplace(name_from_reference(g["TargetGroupArn"].get<std::string>()), lb_name);
          }
        }
      }
    }
  }
  if (auto tgs = scenario.find("targetGroups"); tgs != scenario.end()) {
    for (std::size_t i = 0; i < tgs->size(); ++i) {
      std::string p = append_pointer("/targetGroups", i);
      TargetGroupConfig config = read_target_group((*tgs)[i], p);
      LoadBalancerSpec lb;
      if (auto it = lb_of_group.find(config.name); it != lb_of_group.end()) lb.name = it->second;
      lb.security_groups = groups_of_lb[lb.name];
      model.add_target_group(std::move(config), lb, p);
    }
  }
  auto lbs = scenario.find("loadBalancers");
  if (lbs == scenario.end()) return;
  for (std::size_t i = 0; i < lbs->size(); ++i) {
    const nlohmann::json& lb = (*lbs)[i];
    std::string p = append_pointer("/loadBalancers", i);
    std::string lb_name = name_of(lb, "Name", "LoadBalancerName", p);
    std::optional<Distribution> latency;
    if (lb.contains("x-fleetsim") && lb["x-fleetsim"].contains("latency")) {
      latency = read_distribution(lb["x-fleetsim"]["latency"], p + "/x-fleetsim/latency");
    }
    const nlohmann::json listeners = lb.value("Listeners", nlohmann::json::array());
    for (std::size_t l = 0; l < listeners.size(); ++l)
      model.add_listener(listeners[l], lb_name, latency, append_pointer(append_pointer(p, "Listeners"), l));
  }
}

}  // namespace

void register_alb(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  r.add_section("targetGroups", s.array_of(&target_group_shape(s), 10000), "elbv2 target groups");
  Shape& listener = listener_shape(s);
  Shape& knobs = s.object("the load balancer's x-fleetsim knobs", "Simulation-only settings.");
  knobs.field("latency", distribution_shape(s), "milliseconds added to every request");
  Shape& lb = s.object("a load balancer", "elbv2 CreateLoadBalancer, with Listeners.");
  lb.field("Name", s.string(), "name (LoadBalancerName as describe-load-balancers prints it is accepted)")
      .field("LoadBalancerName", s.string(), "name, as describe-load-balancers prints it")
      .field("Type", s.one_of_strings("a load balancer type", {"application"}), "application")
      .field("Listeners", s.array_of(&listener, 50), "listeners")
      .field("x-fleetsim", &knobs, "simulation-only settings")
      .field("SecurityGroups", s.array_of(s.string(), 5),
             "security group ids (checked against the securityGroups section)")
      .ignored({"Subnets", "SubnetMappings", "Scheme", "Tags", "IpAddressType", "CustomerOwnedIpv4Pool",
                "EnablePrefixForIpv6SourceNat", "LoadBalancerArn", "DNSName", "CanonicalHostedZoneId", "CreatedTime",
                "State", "AvailabilityZones", "VpcId"});
  r.add_section("loadBalancers", s.array_of(&lb, 1000), "Application Load Balancers");
  r.add_model({"alb", 50, &build_alb});
}

}  // namespace fleetsim
