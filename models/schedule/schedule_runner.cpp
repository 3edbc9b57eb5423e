#include "models/schedule/schedule_runner.hpp"

#include <algorithm>

namespace fleetsim {

ScheduleRunner::ScheduleRunner(RunContext& ctx, ScheduleExpression schedule, std::int64_t run_start_unix_s,
                               std::optional<std::int64_t> start_unix_s, std::optional<std::int64_t> end_unix_s,
                               std::function<void()> on_time)
    : ctx_(ctx),
      schedule_(std::move(schedule)),
      run_start_(run_start_unix_s),
      start_(start_unix_s),
      end_(end_unix_s),
      on_time_(std::move(on_time)) {}

void ScheduleRunner::start() { schedule_after(std::max(run_start_, start_.value_or(run_start_)) - 1); }

void ScheduleRunner::schedule_after(std::int64_t unix_s) {
  // rate() counts from StartTime, else from the start of the run.
  std::optional<std::int64_t> next = schedule_.next_after(unix_s, start_.value_or(run_start_));
  if (!next || (end_ && *next > *end_)) return;
  SimTime at = SimTime::zero() + Duration::seconds(*next - run_start_);
  if (at > ctx_.end) return;
  next_ = *next;
  ctx_.engine.schedule_at<&ScheduleRunner::run>(at, this);
}

void ScheduleRunner::run(std::uint64_t) {
  on_time_();
  schedule_after(next_);
}

}  // namespace fleetsim
