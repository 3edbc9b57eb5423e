#include "models/events/events_reader.hpp"

#include <set>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

// The rule's ScheduleExpression at `p`.
ScheduleExpression read_schedule(const nlohmann::json& r, const std::string& p) {
  std::string error;
  std::optional<ScheduleExpression> schedule =
      ScheduleExpression::parse(r["ScheduleExpression"].get<std::string>(), error);
  // PutRule takes rate() and cron() only; at() belongs to Application Auto Scaling and EventBridge Scheduler.
  if (schedule && schedule->one_time()) error = "a rule's ScheduleExpression is rate(...) or cron(...), not at(...)";
  if (!schedule || schedule->one_time()) throw ScenarioError(append_pointer(p, "ScheduleExpression"), error);
  return *schedule;
}

// The rule's Targets: each an ECS RunTask call, with an Id unique in the rule.
std::vector<std::function<void()>> read_targets(const nlohmann::json& r, const std::string& p, TaskLauncher& launcher) {
  std::vector<std::function<void()>> targets;
  const nlohmann::json list = r.value("Targets", nlohmann::json::array());
  std::set<std::string> ids;
  for (std::size_t t = 0; t < list.size(); ++t) {
    std::string tp = append_pointer(append_pointer(p, "Targets"), t);
    const nlohmann::json& target = list[t];
    if (!ids.insert(target["Id"].get<std::string>()).second)
      throw ScenarioError(append_pointer(tp, "Id"), "target Id is used twice in this rule");
    if (!target.contains("EcsParameters"))
      throw ScenarioError(tp, "expected \"EcsParameters\": only ECS RunTask targets are simulated");
    for (const char* unsupported : {"PlacementConstraints", "PlacementStrategy"}) {
      if (target["EcsParameters"].contains(unsupported)) {
        throw ScenarioError(append_pointer(append_pointer(tp, "EcsParameters"), unsupported),
                            std::string(unsupported) + " of RunTask targets is not simulated by this version yet");
      }
    }
    targets.push_back(launcher.run_task(target, tp));
  }
  return targets;
}

}  // namespace

std::vector<RuleConfig> read_rules(const nlohmann::json& section, TaskLauncher& launcher) {
  std::vector<RuleConfig> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& r = section[i];
    std::string p = append_pointer("/rules", i);
    std::string name = r["Name"].get<std::string>();
    if (!names.insert(name).second)
      throw ScenarioError(append_pointer(p, "Name"), "rule \"" + name + "\" is defined twice");
    // PutRule takes a schedule or a pattern (EventBridge user guide, "Creating rules").
    if (r.contains("EventPattern") == r.contains("ScheduleExpression"))
      throw ScenarioError(p, "expected \"ScheduleExpression\" or \"EventPattern\" (one of them)");
    RuleConfig rule{name, std::nullopt, std::nullopt, r.value("State", std::string("ENABLED")) != "DISABLED", {}};
    if (r.contains("EventPattern")) {
      rule.pattern = EventPattern::read(r["EventPattern"], append_pointer(p, "EventPattern"));
    } else {
      rule.schedule = read_schedule(r, p);
    }
    rule.targets = read_targets(r, p, launcher);
    out.push_back(std::move(rule));
  }
  return out;
}

}  // namespace fleetsim
