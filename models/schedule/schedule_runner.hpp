#pragma once
/// Runs something at each time of a schedule expression: Application Auto Scaling's scheduled
/// actions and EventBridge's scheduled rules share it.

#include <cstdint>
#include <functional>
#include <optional>

#include "models/api/run_context.hpp"
#include "models/schedule/schedule_expression.hpp"

namespace fleetsim {

/// One pending event at a time: the schedule's next time within [start, end] and the run.
class ScheduleRunner {
 public:
  /// Calls `on_time` at each time of `schedule` from `start_unix_s` (else the run's start) to
  /// `end_unix_s` (else the run's end); `run_start_unix_s` is the UTC time of t = 0.
  ScheduleRunner(RunContext& ctx, ScheduleExpression schedule, std::int64_t run_start_unix_s,
                 std::optional<std::int64_t> start_unix_s, std::optional<std::int64_t> end_unix_s,
                 std::function<void()> on_time);
  /// Schedules the first run.
  void start();

 private:
  void schedule_after(std::int64_t unix_s);
  void run(std::uint64_t);

  RunContext& ctx_;
  ScheduleExpression schedule_;
  std::int64_t run_start_;
  std::optional<std::int64_t> start_, end_;
  std::function<void()> on_time_;
  std::int64_t next_ = 0;
};

}  // namespace fleetsim
