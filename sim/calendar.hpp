#pragma once
/// UTC calendar arithmetic for schedules and the simulation's start date-time (proleptic Gregorian,
/// no leap seconds, as AWS schedules count).

#include <cstdint>
#include <optional>
#include <string>

namespace fleetsim {

/// A UTC date and time of day.
struct CivilTime {
  int year = 1970, month = 1, day = 1;  ///< month 1-12, day 1-31
  int hour = 0, minute = 0, second = 0;
};

/// Days since 1970-01-01 of a date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, int month, int day);
/// The date and time of `unix_s` seconds since 1970-01-01T00:00:00Z.
CivilTime civil_from_unix(std::int64_t unix_s);
/// Seconds since the epoch of a civil time.
std::int64_t unix_from_civil(const CivilTime& t);
/// Day of week of a date: 0 Sunday ... 6 Saturday.
int weekday(int year, int month, int day);
/// Days in a month.
int days_in_month(int year, int month);
/// Parses "2026-01-01T00:00:00Z" or "2026-01-01T00:00:00" (UTC); nothing when it is not one.
std::optional<std::int64_t> parse_utc_date_time(const std::string& text);

}  // namespace fleetsim
