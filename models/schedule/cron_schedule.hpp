#pragma once
/// The cron(...) expressions of Application Auto Scaling and EventBridge: six fields, Minutes Hours Day-of-month Month
/// Day-of-week Year, in UTC (AAS-UG application-auto-scaling-scheduled-scaling.md).

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>

namespace fleetsim {

/// A parsed cron expression.
class CronSchedule {
 public:
  /// Parses the text inside cron( ); sets `error` and returns nothing when AWS would refuse it.
  /// Supported: numbers, names (JAN, MON), ranges, lists, '*', '/' steps, '?', 'L' in day-of-month,
  /// 'nL' and 'n#k' in day-of-week. 'W' (nearest weekday) is refused as not simulated.
  static std::optional<CronSchedule> parse(const std::string& text, std::string& error);
  /// The first minute strictly after `unix_s` that matches, or nothing before the year 2200.
  std::optional<std::int64_t> next_after(std::int64_t unix_s) const;
  /// True when the day matches the day-of-month, month, day-of-week and year fields.
  bool matches_day(int year, int month, int day) const;

 private:
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;                        // 1-31
  std::bitset<13> months_;                      // 1-12
  std::bitset<8> weekdays_;                     // 1 (SUN) - 7 (SAT), as AWS numbers them
  std::bitset<230> years_;                      // 1970-2199
  bool any_day_ = false, any_weekday_ = false;  // '?'
  bool last_day_ = false;                       // L in day-of-month
  int last_weekday_ = 0;                        // nL in day-of-week
  int nth_weekday_ = 0, nth_ = 0;               // n#k in day-of-week
};

}  // namespace fleetsim
