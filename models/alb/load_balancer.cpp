#include "models/alb/load_balancer.hpp"

namespace fleetsim {

Listener::Listener(RunContext& ctx, std::string load_balancer_name, int port, ForwardAction action,
                   std::optional<Distribution> latency_ms)
    : action_(std::move(action)),
      latency_ms_(std::move(latency_ms)),
      rng_(ctx.stream("loadbalancer/" + load_balancer_name + "/" + std::to_string(port))),
      clients_(ctx.stream("loadbalancer/" + load_balancer_name + "/" + std::to_string(port) + "/clients")) {
  for (double w : action_.weights) total_weight_ += w;
}

void Listener::on_request(const RequestSpec& request) {
  TargetGroup* group = action_.groups.front();
  if (action_.groups.size() > 1 && total_weight_ > 0) {
    double pick = rng_.next_double() * total_weight_;
    for (std::size_t i = 0; i < action_.groups.size(); ++i) {
      pick -= action_.weights[i];
      if (pick < 0 || i + 1 == action_.groups.size()) {
        group = action_.groups[i];
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
