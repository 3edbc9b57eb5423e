#include "models/alb/alb_shapes.hpp"

#include "models/registry.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

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
      .field(
          "Attributes",
          s.array_of(&attribute, 100, AwsOutput{"aws elbv2 describe-target-group-attributes", "Attributes", false, {}}),
          "ModifyTargetGroupAttributes")
      .field("x-fleetsim", &tg_knobs, "simulation-only settings")
      .ignored({"ProtocolVersion", "VpcId", "Tags", "IpAddressType", "TargetGroupArn", "LoadBalancerArns"});
  return tg;
}

Shape& action_shape(ShapeSet& s) {
  Shape& tg_tuple = s.object("a weighted target group", "ForwardConfig target group.");
  tg_tuple.required("TargetGroupArn", s.string(), "name or ARN").field("Weight", s.integer(0, 999), "relative weight");
  Shape& forward_config = s.object("a forward config", "Weighted forwarding.");
  forward_config.required("TargetGroups", s.array_of(&tg_tuple, 5), "groups and weights")
      .ignored({"TargetGroupStickinessConfig"});
  Shape& fixed = s.object("a fixed response config", "The answer the load balancer gives itself.");
  fixed.required("StatusCode", s.string(), "HTTP status code, 2XX, 4XX or 5XX").ignored({"ContentType", "MessageBody"});
  Shape& action = s.object("a listener action", "elbv2 Action.");
  action
      .required("Type",
                s.one_of_strings("an action type", {"forward", "redirect", "fixed-response", "authenticate-oidc",
                                                    "authenticate-cognito"}),
                "action type")
      .field("TargetGroupArn", s.string(), "target group name or ARN")
      .field("ForwardConfig", &forward_config, "weighted target groups")
      .field("FixedResponseConfig", &fixed, "the fixed response's status code")
      .ignored({"Order", "RedirectConfig", "AuthenticateOidcConfig", "AuthenticateCognitoConfig"});
  return action;
}

Shape& rule_shape(ShapeSet& s, const Shape* action) {
  Shape& values = s.object("a condition config", "HostHeaderConfig or PathPatternConfig.");
  values.required("Values", s.array_of(s.string(), 5),
                  "patterns, `*` any run of characters, `?` one character; hosts without case, paths with it");
  Shape& condition = s.object("a rule condition", "elbv2 RuleCondition.");
  condition
      .required("Field",
                s.one_of_strings("a condition field", {"host-header", "path-pattern", "http-header",
                                                       "http-request-method", "query-string", "source-ip"}),
                "host-header or path-pattern (the others are not simulated)")
      .field("Values", s.array_of(s.string(), 5), "patterns (older form of HostHeaderConfig/PathPatternConfig)")
      .field("HostHeaderConfig", &values, "host patterns")
      .field("PathPatternConfig", &values, "path patterns")
      .field("HttpHeaderConfig", s.any(), "not simulated")
      .field("HttpRequestMethodConfig", s.any(), "not simulated")
      .field("QueryStringConfig", s.any(), "not simulated")
      .field("SourceIpConfig", s.any(), "not simulated");
  Shape& rule = s.object("a listener rule", "elbv2 CreateRule (inside its listener).");
  rule.required("Priority", s.integer(1, 50000), "lowest is evaluated first; unique in the listener")
      .required("Conditions", s.array_of(&condition, 5), "all must hold")
      .required("Actions", s.array_of(action, 10), "what a matching request gets")
      .ignored({"ListenerArn", "Tags", "RuleArn", "IsDefault"});
  return rule;
}

Shape& listener_shape(ShapeSet& s, const Shape* rule) {
  Shape& listener = s.object("a listener", "elbv2 CreateListener, with its Rules (CreateRule) inside.");
  listener.field("Port", s.integer(1, 65535), "port (default 80, or 443 for HTTPS)")
      .field("Protocol", s.one_of_strings("a protocol", {"HTTP", "HTTPS"}), "HTTP or HTTPS")
      .required("DefaultActions", s.array_of(&action_shape(s), 10), "what a request no rule matches gets")
      .field("Rules", s.array_of(rule, 100), "CreateRule shapes: evaluated by Priority, lowest first")
      .ignored({"LoadBalancerArn", "SslPolicy", "Certificates", "AlpnPolicy", "Tags", "MutualAuthentication",
                "ListenerArn"});
  return listener;
}

/// The request shapes, in a set of their own, built once.
struct RequestShapes {
  ShapeSet set;
  const Shape* target_group = &target_group_shape(set);
  const Shape* rule = &rule_shape(set, &action_shape(set));
  const Shape* listener = &listener_shape(set, rule);
};

const RequestShapes& request_shapes() {
  static const RequestShapes shapes;
  return shapes;
}

}  // namespace

const Shape& target_group_request_shape() { return *request_shapes().target_group; }

const Shape& listener_request_shape() { return *request_shapes().listener; }

const Shape& rule_request_shape() { return *request_shapes().rule; }

void declare_alb_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  r.add_section("targetGroups",
                s.array_of(&target_group_shape(s), 10000,
                           AwsOutput{"aws elbv2 describe-target-groups", "TargetGroups", false, {"NextMarker"}}),
                "elbv2 target groups");
  Shape& listener = listener_shape(s, &rule_shape(s, &action_shape(s)));
  Shape& knobs = s.object("the load balancer's x-fleetsim knobs", "Simulation-only settings.");
  knobs.field("latency", distribution_shape(s), "milliseconds added to every request");
  Shape& attribute = s.object("a load balancer attribute", "ModifyLoadBalancerAttributes Key/Value.");
  attribute.required("Key", s.string(), "attribute name").required("Value", s.string(), "attribute value");
  Shape& lb = s.object("a load balancer", "elbv2 CreateLoadBalancer, with Listeners and Attributes.");
  lb.field("Name", s.string(), "name (LoadBalancerName as describe-load-balancers prints it is accepted)")
      .field("LoadBalancerName", s.string(), "name, as describe-load-balancers prints it")
      .field("Type", s.one_of_strings("a load balancer type", {"application"}), "application")
      .field("Listeners",
             s.array_of(&listener, 50, AwsOutput{"aws elbv2 describe-listeners", "Listeners", false, {"NextMarker"}}),
             "listeners")
      .field("x-fleetsim", &knobs, "simulation-only settings")
      .field("Attributes",
             s.array_of(&attribute, 100,
                        AwsOutput{"aws elbv2 describe-load-balancer-attributes", "Attributes", false, {}}),
             "ModifyLoadBalancerAttributes (idle_timeout.timeout_seconds: how long idle connections stay open)")
      .field("SecurityGroups", s.array_of(s.string(), 5),
             "security group ids (checked against the securityGroups section)")
      .field("Subnets", s.array_of(s.string(), 200),
             "subnet ids (the subnets section gives their zones): one load balancer node per zone (default: every "
             "zone of the scenario)")
      .ignored({"SubnetMappings", "Scheme", "Tags", "IpAddressType", "CustomerOwnedIpv4Pool",
                "EnablePrefixForIpv6SourceNat", "LoadBalancerArn", "DNSName", "CanonicalHostedZoneId", "CreatedTime",
                "State", "AvailabilityZones", "VpcId", "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic",
                "IpamPools"});
  r.add_section(
      "loadBalancers",
      s.array_of(&lb, 1000, AwsOutput{"aws elbv2 describe-load-balancers", "LoadBalancers", false, {"NextMarker"}}),
      "Application Load Balancers");
}

}  // namespace fleetsim
