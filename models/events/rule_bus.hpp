#pragma once
/// The default event bus of a run with EventPattern rules: events published by models are delivered, in publish
/// order, to every enabled rule whose pattern matches; each match invokes the rule's targets (ECS RunTask).

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "models/api/event_bus.hpp"
#include "models/events/event_pattern.hpp"

namespace fleetsim {

/// EventBridge's default bus with its pattern rules.
class RuleBus : public EventBus {
 public:
  /// A bus in `region`; event times count from `start_unix_s` (simulation.startTime).
  RuleBus(RunContext& ctx, std::string region, std::int64_t start_unix_s)
      : ctx_(ctx), region_(std::move(region)), start_unix_s_(start_unix_s) {}
  /// Adds a rule; rules are matched in the order they are added.
  void add_rule(std::string name, EventPattern pattern, std::vector<std::function<void()>> targets);
  void publish(BusEvent event) override;
  std::string arn(const std::string& service, const std::string& resource) const override;
  /// The envelope EventBridge wraps `event` in at `t` (its `id` numbered by `serial`).
  nlohmann::json envelope(const BusEvent& event, SimTime t, std::uint64_t serial) const;

 private:
  struct Rule {
    std::string name;
    EventPattern pattern;
    std::vector<std::function<void()>> targets;
  };
  // Delivers the oldest queued event (one engine event per publish, so delivery keeps publish order).
  void deliver(std::uint64_t);

  RunContext& ctx_;
  std::string region_;
  std::int64_t start_unix_s_;
  std::vector<Rule> rules_;
  std::deque<BusEvent> queued_;
  std::uint64_t published_ = 0;
};

}  // namespace fleetsim
