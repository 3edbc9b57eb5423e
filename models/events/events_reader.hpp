#pragma once
/// The pure reader of the `rules` section: validated PutRule entries in, rule configs out, no World. Each ECS
/// target is checked and made by a TaskLauncher as it is read, so errors keep their order and pointers.

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/api/task_launcher.hpp"
#include "models/events/event_pattern.hpp"
#include "models/schedule/schedule_expression.hpp"

namespace fleetsim {

/// One rule as read.
struct RuleConfig {
  std::string name;                            ///< Name
  std::optional<ScheduleExpression> schedule;  ///< rate() or cron(); absent for an EventPattern rule
  std::optional<EventPattern> pattern;         ///< EventPattern; absent for a scheduled rule
  bool enabled = true;                         ///< false for State DISABLED: checked, never run
  std::vector<std::function<void()>> targets;  ///< what each target launches, in the rule's order
};

/// The rules section: each rule once, scheduled by rate() or cron() or matching an EventPattern, its targets ECS
/// RunTask calls that `launcher` accepts.
std::vector<RuleConfig> read_rules(const nlohmann::json& section, TaskLauncher& launcher);

}  // namespace fleetsim
