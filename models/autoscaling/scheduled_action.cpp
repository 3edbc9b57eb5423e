#include "models/autoscaling/scheduled_action.hpp"

namespace fleetsim {

ScheduledAction::ScheduledAction(RunContext& ctx, ScheduledActionConfig config, ScalableTarget& target,
                                 std::int64_t run_start_unix_s)
    : config_(std::move(config)),
      target_(target),
      runner_(ctx, config_.schedule, run_start_unix_s, config_.start_unix_s, config_.end_unix_s, [this] { run(); }) {}

void ScheduledAction::run() {
  if (!target_.scheduled_suspended()) target_.set_bounds(config_.min_capacity, config_.max_capacity, config_.name);
}

}  // namespace fleetsim
