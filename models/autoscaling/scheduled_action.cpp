#include "models/autoscaling/scheduled_action.hpp"

#include <algorithm>

namespace fleetsim {

ScheduledAction::ScheduledAction(RunContext& ctx, ScheduledActionConfig config, ScalableTarget& target, std::int64_t run_start_unix_s)
    : ctx_(ctx), config_(std::move(config)), target_(target), run_start_(run_start_unix_s) {}

void ScheduledAction::start() { schedule_after(std::max(run_start_, config_.start_unix_s.value_or(run_start_)) - 1); }

void ScheduledAction::schedule_after(std::int64_t unix_s) {
  std::optional<std::int64_t> next = config_.schedule.next_after(unix_s, config_.start_unix_s.value_or(run_start_));
  if (!next || (config_.end_unix_s && *next > *config_.end_unix_s)) return;
  SimTime at = SimTime::zero() + Duration::seconds(*next - run_start_);
  if (at > ctx_.end) return;
  next_ = *next;
  ctx_.engine.schedule_at<&ScheduledAction::run>(at, this);
}

void ScheduledAction::run(std::uint64_t) {
  if (!target_.scheduled_suspended()) target_.set_bounds(config_.min_capacity, config_.max_capacity, config_.name);
  schedule_after(next_);
}

}  // namespace fleetsim
