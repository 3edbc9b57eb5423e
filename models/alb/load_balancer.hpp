#pragma once
/// An Application Load Balancer's listeners: where workload requests enter.

#include <optional>
#include <string>
#include <vector>

#include "models/alb/target_group.hpp"
#include "sim/random/distribution.hpp"

namespace fleetsim {

/// A listener's default forward action: one target group, or several with weights.
struct ForwardAction {
  std::vector<TargetGroup*> groups;
  std::vector<double> weights;  ///< same length; only used when there are several groups
};

/// One listener (CreateListener shape): a port forwarding to target groups.
class Listener : public RequestSink {
 public:
  /// A listener on `port` of `load_balancer_name`.
  Listener(RunContext& ctx, std::string load_balancer_name, int port, ForwardAction action,
           std::optional<Distribution> latency_ms);
  void on_request(const RequestSpec& request) override;

 private:
  ForwardAction action_;
  double total_weight_ = 0;
  std::optional<Distribution> latency_ms_;
  Rng rng_;
  Rng clients_;  // which load balancer node each request's client reached
};

}  // namespace fleetsim
