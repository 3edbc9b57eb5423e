#include "models/ecs/standalone_tasks.hpp"

namespace fleetsim {

StandaloneTasks::StandaloneTasks(RunContext& ctx, RunTaskConfig config, IpAllocator& ips)
    : ctx_(ctx),
      config_(std::move(config)),
      ips_(ips),
      lifecycle_rng_(ctx.stream("runtask/" + config_.group + "/lifecycle")),
      provider_counts_(config_.providers.size(), 0) {
  ctx.on_window_open([this](SimTime) { before_window_ = counts_; });
  launch_.context = &ctx_;
  launch_.lifecycle_rng = &lifecycle_rng_;
  launch_.group = config_.group;
  launch_.placement = &placement_;
}

void StandaloneTasks::run(int count) {
  for (int i = 0; i < count; ++i) {
    std::size_t provider = choose_provider(config_.providers, provider_counts_);
    ++provider_counts_[provider];
    std::uint64_t serial = serial_++;
    ++counts_.launched;
    const std::string& zone = config_.availability_zones[serial % config_.availability_zones.size()];
    tasks_.push_back(std::make_unique<Task>(launch_, *this, 0, *config_.definition,
                                            *config_.providers[provider].platform, task_id(serial, config_.group), zone,
                                            ips_.next()));
    tasks_.back()->start();
  }
}

void StandaloneTasks::on_task_status(Task& task, TaskStatus status, const std::string& reason) {
  if (ctx_.events.enabled())
    ctx_.events.emit(ctx_.engine.now(), "TaskStateChange",
                     task_state_change(task, "group", config_.group, status, reason));
  publish_event(ctx_, [&](const EventBus& bus) {
    return task_state_change_event(bus, task, config_.cluster, config_.group, status, reason);
  });
  if (status == TaskStatus::kStopping && !task.ever_running()) ++counts_.failed_to_start;
  if (status == TaskStatus::kStopped) {
    ++counts_.stopped;
    // A task stopped before placement never reached STOPPING.
    if (!task.placed()) ++counts_.failed_to_start;
  }
}

}  // namespace fleetsim
