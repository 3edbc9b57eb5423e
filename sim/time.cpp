#include "sim/time.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace fleetsim {

Duration Duration::from_seconds(double s) { return Duration::micros(std::llround(s * 1e6)); }

namespace {

struct Unit {
  std::string_view suffix;
  std::int64_t micros;
};

// Longest suffix first, so "ms" is not read as "m" followed by junk.
constexpr Unit kUnits[] = {{"us", 1},         {"ms", 1000},        {"s", 1000000},
                           {"m", 60000000LL}, {"h", 3600000000LL}, {"d", 86400000000LL}};

// Upper bound on any duration a scenario may state: 10 years. Past that, arithmetic on
// SimTime could overflow, so such input is refused rather than trusted.
constexpr double kMaxMicros = 10.0 * 365 * 86400e6;

}  // namespace

bool parse_duration(std::string_view text, Duration& out, std::string& error) {
  // One or more <number><unit> parts ("1h30m"), or a single bare number of seconds.
  constexpr const char* kExpected =
      "expected a duration such as \"250ms\", \"30s\", \"5m\", \"2h\", \"1h30m\" or \"1d\"";
  double micros = 0;
  std::size_t pos = 0;
  bool bare_allowed = true;
  if (text.empty()) {
    error = kExpected;
    return false;
  }
  while (pos < text.size()) {
    std::size_t end = pos;
    while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) ++end;
    std::string_view number = text.substr(pos, end - pos);
    double value = 0;
    auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (number.empty() || ec != std::errc() || ptr != number.data() + number.size()) {
      error = kExpected;
      return false;
    }
    std::size_t unit_end = end;
    while (unit_end < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_end]))) ++unit_end;
    std::string_view suffix = text.substr(end, unit_end - end);
    std::int64_t unit = 0;
    for (const Unit& u : kUnits) {
      if (suffix == u.suffix) unit = u.micros;
    }
    if (suffix.empty() && bare_allowed && unit_end == text.size()) {
      unit = 1000000;  // a bare number is seconds
    } else if (unit == 0) {
      error = "unknown unit \"" + std::string(suffix) + "\" (expected us, ms, s, m, h or d)";
      return false;
    }
    micros += value * static_cast<double>(unit);
    bare_allowed = false;
    pos = unit_end;
  }
  if (!(micros <= kMaxMicros)) {
    error = "duration is longer than 10 years";
    return false;
  }
  out = Duration::micros(std::llround(micros));
  return true;
}

std::string format_duration(Duration d) {
  if (d.us() == 0) return "0s";
  for (int i = static_cast<int>(std::size(kUnits)) - 1; i >= 0; --i) {
    if (d.us() % kUnits[i].micros == 0) {
      return std::to_string(d.us() / kUnits[i].micros) + std::string(kUnits[i].suffix);
    }
  }
  return std::to_string(d.us()) + "us";
}

std::string format_seconds(SimTime t) {
  std::int64_t us = t.us();
  bool negative = us < 0;
  std::uint64_t mag = negative ? static_cast<std::uint64_t>(-(us + 1)) + 1 : static_cast<std::uint64_t>(us);
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%s%llu.%06llu", negative ? "-" : "",
                        static_cast<unsigned long long>(mag / 1000000), static_cast<unsigned long long>(mag % 1000000));
  // Trim trailing zeros of the fraction, and the point itself when nothing is left after it.
  while (buf[n - 1] == '0') --n;
  if (buf[n - 1] == '.') --n;
  return std::string(buf, static_cast<std::size_t>(n));
}

}  // namespace fleetsim
