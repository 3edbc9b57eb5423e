#pragma once
/// EventBridge's default event bus as models see it: they publish the events AWS services send (in AWS's shapes),
/// and the events model delivers each to the rules whose patterns match. Publishers never include models/events.

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "models/api/run_context.hpp"

namespace fleetsim {

/// One event as its service sends it; the bus adds the envelope's version, id, time, account and region.
struct BusEvent {
  std::string source;                                  ///< e.g. "aws.ecs"
  std::string detail_type;                             ///< e.g. "ECS Task State Change"
  nlohmann::json resources = nlohmann::json::array();  ///< ARNs the event concerns
  nlohmann::json detail = nlohmann::json::object();    ///< the service's documented detail fields
};

/// An event bus.
class EventBus {
 public:
  virtual ~EventBus() = default;
  /// Queues `event` for delivery: rules see events in the order they were published.
  virtual void publish(BusEvent event) = 0;
  /// The ARN of a resource in the run's region and account: "arn:aws:<service>:<region>:<account>:<resource>".
  virtual std::string arn(const std::string& service, const std::string& resource) const = 0;
};

/// Publishes the event `make()` builds when the run has a bus (rules with an EventPattern); without one nothing is
/// built, so runs without pattern rules do no extra work.
template <class Make>
void publish_event(const RunContext& ctx, Make make) {
  if (ctx.bus != nullptr) ctx.bus->publish(make(*ctx.bus));
}

}  // namespace fleetsim
