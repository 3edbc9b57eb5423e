#include "models/alb/load_balancer.hpp"

#include <algorithm>

namespace fleetsim {

Listener::Listener(RunContext& ctx, std::string load_balancer_name, int port, ForwardAction action,
                   std::optional<Distribution> latency_ms, RequestTotals& totals)
    : action_(std::move(action)),
      latency_ms_(std::move(latency_ms)),
      totals_(totals),
      rng_(ctx.stream("loadbalancer/" + load_balancer_name + "/" + std::to_string(port))),
      clients_(ctx.stream("loadbalancer/" + load_balancer_name + "/" + std::to_string(port) + "/clients")) {}

bool Listener::add_rule(ListenerRule rule) {
  auto at = std::lower_bound(rules_.begin(), rules_.end(), rule.priority,
                             [](const ListenerRule& r, int priority) { return r.priority < priority; });
  if (at != rules_.end() && at->priority == rule.priority) return false;
  rules_.insert(at, std::move(rule));
  return true;
}

void Listener::on_request(const RequestSpec& request) {
  // Rules are evaluated in priority order, lowest first; the default action applies when none matches (ALB-UG
  // "Listener rules").
  const ForwardAction* action = &action_;
  for (const ListenerRule& rule : rules_) {
    if (rule.conditions.matches(request.host, request.path.empty() ? std::string_view("/") : request.path)) {
      action = &rule.action;
      break;
    }
  }
  if (action->groups.empty()) {  // the load balancer answers itself
    ++totals_.arrived;
    ++totals_.fixed_response;
    return;
  }
  TargetGroup* group = action->groups.front();
  if (action->groups.size() > 1) {
    double total_weight = 0;
    for (double w : action->weights) total_weight += w;
    double pick = total_weight > 0 ? rng_.next_double() * total_weight : 0;
    for (std::size_t i = 0; i < action->groups.size() && total_weight > 0; ++i) {
      pick -= action->weights[i];
      if (pick < 0 || i + 1 == action->groups.size()) {
        group = action->groups[i];
        break;
      }
    }
  }
  // Clients resolve the load balancer's DNS name to one node per zone and spread over them (ALB-UG "How
  // Elastic Load Balancing works"); each request is taken as coming from a client of its own.
  double client = clients_.next_double();
  group->route(request, latency_ms_ ? std::max(0.0, latency_ms_->sample(rng_)) : 0.0, client);
}

}  // namespace fleetsim
