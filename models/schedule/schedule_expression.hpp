#pragma once
/// Schedule expressions in UTC, shared by Application Auto Scaling (PutScheduledAction's Schedule:
/// at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)) and EventBridge (PutRule's
/// ScheduleExpression: rate or cron only).

#include <cstdint>
#include <optional>
#include <string>

#include "models/schedule/cron_schedule.hpp"

namespace fleetsim {

/// When a scheduled action runs.
class ScheduleExpression {
 public:
  /// Parses `text`; sets `error` and returns nothing when AWS would refuse it.
  static std::optional<ScheduleExpression> parse(const std::string& text, std::string& error);
  /// The first run strictly after `unix_s`; rate() runs every interval after `anchor`
  /// (StartTime, else the simulation start). Nothing when it never runs again.
  std::optional<std::int64_t> next_after(std::int64_t unix_s, std::int64_t anchor) const;
  /// True for at(): a one-time schedule, which EventBridge rules do not take.
  bool one_time() const { return kind_ == Kind::kAt; }

 private:
  enum class Kind { kAt, kRate, kCron } kind_ = Kind::kAt;
  std::int64_t at_ = 0;       // kAt: seconds since the epoch
  std::int64_t every_s_ = 0;  // kRate
  std::optional<CronSchedule> cron_;
};

}  // namespace fleetsim
