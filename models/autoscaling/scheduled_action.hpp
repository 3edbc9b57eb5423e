#pragma once
/// A PutScheduledAction: at its times it sets its target's MinCapacity and/or MaxCapacity
/// (aws-facts §1.5); cooldowns do not apply.

#include <optional>
#include <string>

#include "models/api/run_context.hpp"
#include "models/autoscaling/scalable_target.hpp"
#include "models/schedule/schedule_runner.hpp"

namespace fleetsim {

/// What a scheduled action needs.
struct ScheduledActionConfig {
  std::string name;  ///< ScheduledActionName
  ScheduleExpression schedule;
  std::optional<std::int64_t> start_unix_s, end_unix_s;  ///< StartTime, EndTime
  std::optional<int> min_capacity, max_capacity;         ///< ScalableTargetAction
};

/// One scheduled action.
class ScheduledAction {
 public:
  /// An action on `target`; `run_start_unix_s` is the UTC time of t = 0.
  ScheduledAction(RunContext& ctx, ScheduledActionConfig config, ScalableTarget& target, std::int64_t run_start_unix_s);
  /// Schedules the first run.
  void start() { runner_.start(); }

 private:
  void run();

  ScheduledActionConfig config_;
  ScalableTarget& target_;
  ScheduleRunner runner_;
};

}  // namespace fleetsim
