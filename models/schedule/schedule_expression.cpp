#include "models/schedule/schedule_expression.hpp"

#include "sim/calendar.hpp"

namespace fleetsim {

std::optional<ScheduleExpression> ScheduleExpression::parse(const std::string& text, std::string& error) {
  auto open = text.find('(');
  if (open == std::string::npos || text.back() != ')') {
    error = "expected at(...), rate(...) or cron(...), got \"" + text + "\"";
    return std::nullopt;
  }
  std::string kind = text.substr(0, open), inner = text.substr(open + 1, text.size() - open - 2);
  ScheduleExpression s;
  if (kind == "at") {
    auto t = parse_utc_date_time(inner);
    if (!t || inner.back() == 'Z') {
      error = "expected at(yyyy-mm-ddThh:mm:ss), got \"" + text + "\"";
      return std::nullopt;
    }
    s.kind_ = Kind::kAt;
    s.at_ = *t;
    return s;
  }
  if (kind == "rate") {
    auto space = inner.find(' ');
    std::string number = inner.substr(0, space), unit = space == std::string::npos ? "" : inner.substr(space + 1);
    bool digits = !number.empty() && number.size() < 9 && number.find_first_not_of("0123456789") == std::string::npos;
    long value = digits ? std::stol(number) : 0;
    // AWS wants the singular for 1 and the plural otherwise: rate(1 minute), rate(5 minutes).
    std::string base =
        value == 1 ? unit : (unit.size() > 1 && unit.back() == 's' ? unit.substr(0, unit.size() - 1) : "");
    long seconds = base == "minute" ? 60 : base == "hour" ? 3600 : base == "day" ? 86400 : 0;
    if (value < 1 || seconds == 0 || (value == 1 && unit.back() == 's')) {
      error = "expected rate(value unit) with unit minute(s), hour(s) or day(s), got \"" + text + "\"";
      return std::nullopt;
    }
    s.kind_ = Kind::kRate;
    s.every_s_ = value * seconds;
    return s;
  }
  if (kind == "cron") {
    std::string why;
    s.cron_ = CronSchedule::parse(inner, why);
    if (!s.cron_) {
      error = "bad cron expression \"" + text + "\": " + why;
      return std::nullopt;
    }
    s.kind_ = Kind::kCron;
    return s;
  }
  error = "expected at(...), rate(...) or cron(...), got \"" + text + "\"";
  return std::nullopt;
}

std::optional<std::int64_t> ScheduleExpression::next_after(std::int64_t unix_s, std::int64_t anchor) const {
  switch (kind_) {
    case Kind::kAt:
      return at_ > unix_s ? std::optional<std::int64_t>(at_) : std::nullopt;
    case Kind::kRate: {
      // The first run is one interval after the anchor.
      if (unix_s < anchor + every_s_) return anchor + every_s_;
      return anchor + ((unix_s - anchor) / every_s_ + 1) * every_s_;
    }
    case Kind::kCron:
      return cron_->next_after(unix_s);
  }
  return std::nullopt;
}

}  // namespace fleetsim
