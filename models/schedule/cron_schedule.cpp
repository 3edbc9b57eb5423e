#include "models/schedule/cron_schedule.hpp"

#include <sstream>
#include <vector>

#include "sim/calendar.hpp"

namespace fleetsim {

namespace {

const char* const kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const char* const kWeekdays[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

// A number, or a month or weekday name (names count from `first`).
bool read_value(const std::string& s, const char* const* names, int count, int first, int& out) {
  if (s.empty()) return false;
  if (s.find_first_not_of("0123456789") == std::string::npos) {
    if (s.size() > 4) return false;
    out = std::stoi(s);
    return true;
  }
  for (int i = 0; i < count && names != nullptr; ++i) {
    if (s == names[i]) {
      out = i + first;
      return true;
    }
  }
  return false;
}

// One field made of comma-separated items: '*', 'a', 'a-b', each optionally '/step'.
template <std::size_t N>
bool read_field(const std::string& field, int lo, int hi, const char* const* names, int name_count,
                std::bitset<N>& bits, int offset, std::string& error, const char* what) {
  std::stringstream items(field);
  for (std::string item; std::getline(items, item, ',');) {
    int step = 1;
    if (auto slash = item.find('/'); slash != std::string::npos) {
      int s = 0;
      if (!read_value(item.substr(slash + 1), nullptr, 0, 0, s) || s < 1) {
        error = std::string("bad step in the ") + what + " field \"" + field + "\"";
        return false;
      }
      step = s;
      item = item.substr(0, slash);
    }
    int a = lo, b = hi;
    if (item != "*") {
      auto dash = item.find('-');
      if (!read_value(item.substr(0, dash), names, name_count, lo, a) ||
          (dash != std::string::npos && !read_value(item.substr(dash + 1), names, name_count, lo, b))) {
        error = std::string("bad value in the ") + what + " field \"" + field + "\"";
        return false;
      }
      if (dash == std::string::npos) b = step > 1 ? hi : a;
    }
    if (a < lo || b > hi || a > b) {
      error = std::string("the ") + what + " field \"" + field + "\" is outside " + std::to_string(lo) + "-" +
              std::to_string(hi);
      return false;
    }
    for (int v = a; v <= b; v += step) bits.set(static_cast<std::size_t>(v - offset));
  }
  return true;
}

}  // namespace

std::optional<CronSchedule> CronSchedule::parse(const std::string& text, std::string& error) {
  std::stringstream in(text);
  std::vector<std::string> f;
  for (std::string w; in >> w;) f.push_back(w);
  if (f.size() != 6) {
    error = "expected 6 fields (minutes hours day-of-month month day-of-week year), got " + std::to_string(f.size());
    return std::nullopt;
  }
  CronSchedule c;
  if (!read_field(f[0], 0, 59, nullptr, 0, c.minutes_, 0, error, "minutes")) return std::nullopt;
  if (!read_field(f[1], 0, 23, nullptr, 0, c.hours_, 0, error, "hours")) return std::nullopt;
  if (!read_field(f[3], 1, 12, kMonths, 12, c.months_, 0, error, "month")) return std::nullopt;
  if (!read_field(f[5], 1970, 2199, nullptr, 0, c.years_, 1970, error, "year")) return std::nullopt;
  c.any_day_ = f[2] == "?";
  c.any_weekday_ = f[4] == "?";
  // One of day-of-month and day-of-week must be '?', and only one.
  if (c.any_day_ == c.any_weekday_) {
    error = "exactly one of the day-of-month and day-of-week fields must be '?'";
    return std::nullopt;
  }
  if (!c.any_day_) {
    if (f[2].find('W') != std::string::npos) {
      error = "'W' (nearest weekday) in day-of-month is not simulated by this version yet";
      return std::nullopt;
    }
    if (f[2] == "L")
      c.last_day_ = true;
    else if (!read_field(f[2], 1, 31, nullptr, 0, c.days_, 0, error, "day-of-month"))
      return std::nullopt;
  }
  if (!c.any_weekday_) {
    const std::string& w = f[4];
    int v = 0;
    if (auto hash = w.find('#'); hash != std::string::npos) {
      int k = 0;
      if (!read_value(w.substr(0, hash), kWeekdays, 7, 1, v) || v > 7 || v < 1 ||
          !read_value(w.substr(hash + 1), nullptr, 0, 0, k) || k < 1 || k > 5) {
        error = "bad 'n#k' in the day-of-week field \"" + w + "\"";
        return std::nullopt;
      }
      c.nth_weekday_ = v;
      c.nth_ = k;
    } else if (w.size() > 1 && w.back() == 'L') {
      if (!read_value(w.substr(0, w.size() - 1), kWeekdays, 7, 1, v) || v < 1 || v > 7) {
        error = "bad 'nL' in the day-of-week field \"" + w + "\"";
        return std::nullopt;
      }
      c.last_weekday_ = v;
    } else if (!read_field(w, 1, 7, kWeekdays, 7, c.weekdays_, 0, error, "day-of-week")) {
      return std::nullopt;
    }
  }
  return c;
}

bool CronSchedule::matches_day(int year, int month, int day) const {
  if (year < 1970 || year > 2199 || !years_.test(static_cast<std::size_t>(year - 1970)) ||
      !months_.test(static_cast<std::size_t>(month)))
    return false;
  if (!any_day_) return last_day_ ? day == days_in_month(year, month) : days_.test(static_cast<std::size_t>(day));
  int wd = weekday(year, month, day) + 1;  // AWS: 1 = SUN
  if (nth_ > 0) return wd == nth_weekday_ && (day - 1) / 7 + 1 == nth_;
  if (last_weekday_ > 0) return wd == last_weekday_ && day + 7 > days_in_month(year, month);
  return weekdays_.test(static_cast<std::size_t>(wd));
}

std::optional<std::int64_t> CronSchedule::next_after(std::int64_t unix_s) const {
  std::int64_t from = (unix_s >= 0 ? unix_s / 60 : (unix_s - 59) / 60) * 60 + 60;  // the next whole minute
  CivilTime t = civil_from_unix(from);
  std::int64_t day = days_from_civil(t.year, t.month, t.day);
  int first_minute = t.hour * 60 + t.minute;
  for (;; ++day, first_minute = 0) {
    CivilTime d = civil_from_unix(day * 86400);
    if (d.year > 2199) return std::nullopt;
    if (!matches_day(d.year, d.month, d.day)) continue;
    for (int m = first_minute; m < 24 * 60; ++m) {
      if (hours_.test(static_cast<std::size_t>(m / 60)) && minutes_.test(static_cast<std::size_t>(m % 60)))
        return day * 86400 + m * 60;
    }
  }
}

}  // namespace fleetsim
