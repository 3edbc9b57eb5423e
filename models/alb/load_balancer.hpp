#pragma once
/// An Application Load Balancer's listeners: where workload requests enter, matched against the listener's rules.

#include <optional>
#include <string>
#include <vector>

#include "models/alb/listener_rules.hpp"
#include "models/alb/target_group.hpp"
#include "sim/random/distribution.hpp"

namespace fleetsim {

/// A listener's or rule's action: forward to one target group, or several with weights, or a fixed response.
struct ForwardAction {
  std::vector<TargetGroup*> groups;
  std::vector<double> weights;  ///< same length; only used when there are several groups
  int fixed_status = 0;         ///< a fixed-response action's status code (then `groups` is empty)
};

/// A listener rule (CreateRule shape) as it routes.
struct ListenerRule {
  int priority = 0;           ///< lowest first
  RuleConditions conditions;  ///< host-header and path-pattern values
  ForwardAction action;       ///< what a matching request gets
};

/// One listener (CreateListener shape): a port whose rules, lowest priority first, then default action decide
/// where each request goes.
class Listener : public RequestSink {
 public:
  /// A listener on `port` of `load_balancer_name`; fixed responses count in `totals`.
  Listener(RunContext& ctx, std::string load_balancer_name, int port, ForwardAction action,
           std::optional<Distribution> latency_ms, RequestTotals& totals);
  /// Adds `rule` in priority order; false (and nothing added) when its priority is taken.
  bool add_rule(ListenerRule rule);
  void on_request(const RequestSpec& request) override;

 private:
  ForwardAction action_;
  std::vector<ListenerRule> rules_;  // by priority
  std::optional<Distribution> latency_ms_;
  RequestTotals& totals_;
  Rng rng_;
  Rng clients_;  // which load balancer node each request's client reached
};

}  // namespace fleetsim
