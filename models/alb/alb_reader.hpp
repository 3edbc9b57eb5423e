#pragma once
/// Pure readers of the ALB's sections and of LoadBalancerFactory requests: validated JSON in, plain configs out,
/// no World. Names are checked where the JSON alone can tell (attributes, actions); references to other objects
/// (target groups by name, security groups) are resolved by the wiring, at the pointers kept here. Problems are
/// thrown as ScenarioError at the pointer they concern.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/alb/listener_rules.hpp"
#include "models/alb/target_group.hpp"
#include "sim/random/distribution.hpp"

namespace fleetsim {

/// One target group a listener forwards to, by name, as read.
struct ForwardTarget {
  std::string target_group;  ///< its name (the last segment of an ARN)
  std::string pointer;       ///< where the action names it
  double weight = 1;         ///< ForwardConfig's Weight (1 for a plain TargetGroupArn)
};

/// A listener's or rule's action as read: forward to target groups, or answer with a fixed response.
struct ActionConfig {
  std::vector<ForwardTarget> forward;  ///< forward: its target groups, at least one; empty for a fixed response
  int fixed_status = 0;                ///< fixed-response: FixedResponseConfig.StatusCode; 0 for forward
};

/// A CreateRule entry (a listener's `Rules`) as read.
struct ListenerRuleConfig {
  int priority = 0;           ///< Priority, 1 to 50000: lowest first
  RuleConditions conditions;  ///< host-header and path-pattern values
  ActionConfig action;        ///< what a matching request gets
  std::string pointer;        ///< where the rule is
};

/// A CreateListener entry as read.
struct ListenerConfig {
  int port = 80;                          ///< Port (default 80, or 443 for HTTPS)
  ActionConfig default_action;            ///< DefaultActions: what a request no rule matches gets
  std::vector<ListenerRuleConfig> rules;  ///< Rules, in file order (the listener orders them by priority)
  std::string pointer;                    ///< where the listener is
};

/// A CreateLoadBalancer entry (with its Listeners) as read.
struct LoadBalancerConfig {
  std::string name;                               ///< Name or LoadBalancerName
  std::string pointer;                            ///< where the load balancer is
  std::vector<std::string> security_groups;       ///< SecurityGroups, unchecked (the wiring checks them)
  std::vector<std::string> subnets;               ///< Subnets, unresolved (the wiring finds their zones)
  std::optional<Distribution> latency;            ///< x-fleetsim.latency, ms added to every request
  Duration idle_timeout = Duration::seconds(60);  ///< Attributes idle_timeout.timeout_seconds
  std::vector<ListenerConfig> listeners;          ///< Listeners
};

/// A CreateTargetGroup-shaped entry at `p`: all but the load balancer it sits behind.
TargetGroupConfig read_target_group(const nlohmann::json& tg, const std::string& p);
/// A CreateListener-shaped entry at `p`, with its Rules; only forward and fixed-response actions are simulated.
ListenerConfig read_listener(const nlohmann::json& listener, const std::string& p);
/// A CreateRule-shaped entry at `p`: only host-header and path-pattern conditions are simulated.
ListenerRuleConfig read_rule(const nlohmann::json& rule, const std::string& p);
/// The loadBalancers section.
std::vector<LoadBalancerConfig> read_load_balancers(const nlohmann::json& section);
/// The name of the load balancer whose listeners forward to each target group (the first, in file order).
std::map<std::string, std::string> load_balancer_of_groups(const std::vector<LoadBalancerConfig>& load_balancers);

}  // namespace fleetsim
