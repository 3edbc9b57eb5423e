// Scheduled scaling: the UTC calendar, and at()/rate()/cron() as PutScheduledAction takes them,
// including AWS's day-of-month / day-of-week rules.

#include <catch2/catch.hpp>

#include "models/schedule/schedule_expression.hpp"
#include "sim/calendar.hpp"

using namespace fleetsim;

namespace {
std::int64_t utc(const char* text) { return *parse_utc_date_time(text); }

ScheduleExpression parse_ok(const std::string& text) {
  std::string error;
  auto s = ScheduleExpression::parse(text, error);
  INFO(text << ": " << error);
  REQUIRE(s);
  return *s;
}

std::string parse_error(const std::string& text) {
  std::string error;
  auto s = ScheduleExpression::parse(text, error);
  CHECK_FALSE(s);
  return error;
}
}  // namespace

TEST_CASE("UTC calendar", "[schedule]") {
  CHECK(utc("1970-01-01T00:00:00Z") == 0);
  CHECK(utc("2026-01-01T00:00:00Z") == 1767225600);
  CHECK(utc("2024-02-29T12:00:00") == 1709208000);
  CHECK_FALSE(parse_utc_date_time("2025-02-29T00:00:00Z"));
  CHECK_FALSE(parse_utc_date_time("2026-01-01 00:00:00"));
  CHECK_FALSE(parse_utc_date_time("2026-01-01T24:00:00Z"));
  CHECK(weekday(2026, 1, 1) == 4);  // a Thursday
  CHECK(weekday(1970, 1, 1) == 4);
  CHECK(weekday(1969, 12, 28) == 0);
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2100, 2) == 28);
  CivilTime t = civil_from_unix(utc("2026-07-04T13:45:10Z"));
  CHECK((t.year == 2026 && t.month == 7 && t.day == 4 && t.hour == 13 && t.minute == 45 && t.second == 10));
}

TEST_CASE("at(): once, at the given UTC time", "[schedule]") {
  auto s = parse_ok("at(2026-01-01T08:30:00)");
  CHECK(*s.next_after(utc("2026-01-01T00:00:00Z"), 0) == utc("2026-01-01T08:30:00Z"));
  CHECK_FALSE(s.next_after(utc("2026-01-01T08:30:00Z"), 0));
  CHECK_THAT(parse_error("at(2026-01-01 08:30)"), Catch::Contains("at(yyyy-mm-ddThh:mm:ss)"));
}

TEST_CASE("rate(): every interval after the anchor; singular only for 1", "[schedule]") {
  std::int64_t start = utc("2026-01-01T00:00:00Z");
  auto s = parse_ok("rate(5 minutes)");
  CHECK(*s.next_after(start - 1, start) == start + 300);
  CHECK(*s.next_after(start + 300, start) == start + 600);
  CHECK(*s.next_after(start + 301, start) == start + 600);
  CHECK(*parse_ok("rate(1 hour)").next_after(start, start) == start + 3600);
  CHECK(*parse_ok("rate(2 days)").next_after(start, start) == start + 2 * 86400);
  parse_error("rate(1 hours)");
  parse_error("rate(5 minute)");
  parse_error("rate(0 minutes)");
  parse_error("rate(5 weeks)");
  parse_error("rate(five minutes)");
}

TEST_CASE("cron(): six fields, UTC", "[schedule]") {
  std::int64_t start = utc("2026-01-01T00:00:00Z");  // a Thursday
  // Every day at 08:00.
  auto daily = parse_ok("cron(0 8 * * ? *)");
  CHECK(*daily.next_after(start, start) == utc("2026-01-01T08:00:00Z"));
  CHECK(*daily.next_after(utc("2026-01-01T08:00:00Z"), start) == utc("2026-01-02T08:00:00Z"));
  // Weekdays (MON-FRI) at 09:30: Friday Jan 2, then Monday Jan 5.
  auto weekdays = parse_ok("cron(30 9 ? * MON-FRI *)");
  CHECK(*weekdays.next_after(utc("2026-01-02T00:00:00Z"), start) == utc("2026-01-02T09:30:00Z"));
  CHECK(*weekdays.next_after(utc("2026-01-02T09:30:00Z"), start) == utc("2026-01-05T09:30:00Z"));
  // Numeric day-of-week: 1 is Sunday.
  CHECK(*parse_ok("cron(0 0 ? * 1 *)").next_after(start, start) == utc("2026-01-04T00:00:00Z"));
  // Every 15 minutes.
  CHECK(*parse_ok("cron(0/15 * * * ? *)").next_after(utc("2026-01-01T10:07:00Z"), start) ==
        utc("2026-01-01T10:15:00Z"));
  // Last day of the month; in a leap February.
  CHECK(*parse_ok("cron(0 18 L * ? *)").next_after(utc("2028-02-01T00:00:00Z"), start) == utc("2028-02-29T18:00:00Z"));
  // Second Tuesday; last Friday.
  CHECK(*parse_ok("cron(0 12 ? * TUE#2 *)").next_after(start, start) == utc("2026-01-13T12:00:00Z"));
  CHECK(*parse_ok("cron(0 12 ? * 6L *)").next_after(start, start) == utc("2026-01-30T12:00:00Z"));
  // Day 31 skips short months; lists and a year field.
  CHECK(*parse_ok("cron(0 0 31 * ? *)").next_after(utc("2026-04-01T00:00:00Z"), start) == utc("2026-05-31T00:00:00Z"));
  CHECK(*parse_ok("cron(0 6,18 1 JAN,JUL ? 2027)").next_after(start, start) == utc("2027-01-01T06:00:00Z"));
  // Never: February 30.
  CHECK_FALSE(parse_ok("cron(0 0 30 2 ? *)").next_after(start, start));
}

TEST_CASE("cron(): expressions AWS refuses", "[schedule]") {
  CHECK_THAT(parse_error("cron(0 8 * * * *)"), Catch::Contains("exactly one of the day-of-month and day-of-week"));
  CHECK_THAT(parse_error("cron(0 8 ? * ? *)"), Catch::Contains("exactly one of"));
  CHECK_THAT(parse_error("cron(0 8 * *)"), Catch::Contains("expected 6 fields"));
  CHECK_THAT(parse_error("cron(60 8 * * ? *)"), Catch::Contains("minutes"));
  CHECK_THAT(parse_error("cron(0 24 * * ? *)"), Catch::Contains("hours"));
  CHECK_THAT(parse_error("cron(0 8 32 * ? *)"), Catch::Contains("day-of-month"));
  CHECK_THAT(parse_error("cron(0 8 ? * FUN *)"), Catch::Contains("day-of-week"));
  CHECK_THAT(parse_error("cron(0 8 ? * 8 *)"), Catch::Contains("day-of-week"));
  CHECK_THAT(parse_error("cron(0 8 15W * ? *)"), Catch::Contains("'W'"));
  CHECK_THAT(parse_error("cron(0 8 * * ? 1969)"), Catch::Contains("year"));
  CHECK_THAT(parse_error("every day"), Catch::Contains("at(...), rate(...) or cron(...)"));
}
