#include "models/events/rule_bus.hpp"

#include <cstdio>

#include "sim/calendar.hpp"

namespace fleetsim {

namespace {
// The account every ARN of a run is in: the one AWS's documentation uses in its examples.
constexpr const char* kAccount = "123456789012";
}  // namespace

void RuleBus::add_rule(std::string name, EventPattern pattern, std::vector<std::function<void()>> targets) {
  rules_.push_back({std::move(name), std::move(pattern), std::move(targets)});
}

void RuleBus::publish(BusEvent event) {
  queued_.push_back(std::move(event));
  // Delivered at the same virtual time, after what is already happening now: a target's RunTask never runs inside
  // the state change that published the event.
  ctx_.engine.schedule_at<&RuleBus::deliver>(ctx_.engine.now(), this);
}

std::string RuleBus::arn(const std::string& service, const std::string& resource) const {
  return "arn:aws:" + service + ":" + region_ + ":" + kAccount + ":" + resource;
}

nlohmann::json RuleBus::envelope(const BusEvent& event, SimTime t, std::uint64_t serial) const {
  CivilTime c = civil_from_unix(start_unix_s_ + t.us() / 1000000);
  char time[32];
  std::snprintf(time, sizeof time, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute,
                c.second);
  // A UUID-shaped id, numbered in publish order so runs repeat exactly.
  char id[40];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012llx", static_cast<unsigned long long>(serial));
  // The envelope's fields as EventBridge documents them ("Amazon EventBridge events", event structure).
  return {{"version", "0"},
          {"id", id},
          {"detail-type", event.detail_type},
          {"source", event.source},
          {"account", kAccount},
          {"time", time},
          {"region", region_},
          {"resources", event.resources},
          {"detail", event.detail}};
}

void RuleBus::deliver(std::uint64_t) {
  BusEvent event = std::move(queued_.front());
  queued_.pop_front();
  const nlohmann::json e = envelope(event, ctx_.engine.now(), ++published_);
  for (const Rule& rule : rules_) {
    if (!rule.pattern.matches(e)) continue;
    if (ctx_.events.enabled())
      ctx_.events.emit(ctx_.engine.now(), "RuleMatched",
                       {{"rule", rule.name}, {"source", event.source}, {"detailType", event.detail_type}});
    for (const auto& target : rule.targets) target();
  }
}

}  // namespace fleetsim
