// Tests for virtual time: duration parsing and the two text formats.

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>

#include "sim/time.hpp"
#include "tests/support/xorshift.hpp"

using fleetsim::testing::XorShift64;

using fleetsim::Duration;
using fleetsim::format_duration;
using fleetsim::format_seconds;
using fleetsim::parse_duration;
using fleetsim::SimTime;

namespace {

constexpr std::int64_t kSecond = 1000000;
constexpr std::int64_t kDay = 86400 * kSecond;
constexpr std::int64_t kTenYears = 3650 * kDay;

// Parses `text`, requiring success, and returns microseconds.
std::int64_t parse_ok(const std::string& text) {
  Duration d = Duration::micros(-12345);
  std::string error;
  bool ok = parse_duration(text, d, error);
  INFO("text: \"" << text << "\" error: " << error);
  REQUIRE(ok);
  return d.us();
}

// Parses `text`, requiring failure that leaves the output alone and explains itself.
void parse_fails(const std::string& text) {
  Duration d = Duration::micros(-12345);
  std::string error;
  bool ok = parse_duration(text, d, error);
  INFO("text: \"" << text << "\" parsed to " << d.us());
  CHECK_FALSE(ok);
  CHECK(d.us() == -12345);
  CHECK_FALSE(error.empty());
}

}  // namespace

TEST_CASE("parse_duration reads every unit", "[time]") {
  CHECK(parse_ok("250ms") == 250000);
  CHECK(parse_ok("30s") == 30 * kSecond);
  CHECK(parse_ok("5m") == 300 * kSecond);
  CHECK(parse_ok("2h") == 7200 * kSecond);
  CHECK(parse_ok("1d") == kDay);
  CHECK(parse_ok("1.5h") == 5400 * kSecond);
  CHECK(parse_ok("10us") == 10);
  CHECK(parse_ok("0") == 0);
  CHECK(parse_ok("0s") == 0);
  CHECK(parse_ok("90") == 90 * kSecond);  // a bare number is seconds
  CHECK(parse_ok("2.5") == 2500000);
  CHECK(parse_ok("0.1s") == 100000);
  CHECK(parse_ok("2.675ms") == 2675);
  CHECK(parse_ok("00005s") == 5 * kSecond);
}

TEST_CASE("parse_duration accepts a bare leading or trailing decimal point", "[time]") {
  // The number is read by std::from_chars, which takes ".5" and "5." like strtod does.
  CHECK(parse_ok(".5s") == 500000);
  CHECK(parse_ok("5.s") == 5 * kSecond);
  CHECK(parse_ok("5.") == 5 * kSecond);
}

TEST_CASE("parse_duration rounds below a microsecond to the nearest microsecond", "[time]") {
  CHECK(parse_ok("1.0000005s") == 1000001);
  CHECK(parse_ok("0.0000015s") == 2);
  CHECK(parse_ok("0.0000004s") == 0);
  CHECK(parse_ok("1.4us") == 1);
}

TEST_CASE("parse_duration refuses malformed text", "[time]") {
  parse_fails("");
  parse_fails("5x");
  parse_fails("-3s");  // negative durations are never meaningful in a scenario
  parse_fails("+3s");
  parse_fails("abc");
  parse_fails("s");
  parse_fails(".");
  parse_fails(".s");
  parse_fails("1.2.3s");
  parse_fails("1e3s");  // no exponent notation: the 'e' is read as the start of a unit
  parse_fails("1e3");
  parse_fails("5 s");
  parse_fails(" 5s");
  parse_fails("5s ");
  parse_fails("5S");
  parse_fails("5sec");
  parse_fails("5mss");
  parse_fails("inf");
  parse_fails("nan");
}

TEST_CASE("parse_duration refuses durations past ten years instead of overflowing", "[time]") {
  CHECK(parse_ok("3650d") == kTenYears);
  parse_fails("3651d");
  parse_fails("100000d");
  parse_fails("9223372036854775807us");
  parse_fails("99999999999999999999999999999999999999s");
  std::string huge(400, '9');  // beyond double's range: from_chars reports out of range
  parse_fails(huge);
}

TEST_CASE("format_duration uses the largest exact unit", "[time]") {
  CHECK(format_duration(Duration::micros(0)) == "0s");
  CHECK(format_duration(Duration::micros(1)) == "1us");
  CHECK(format_duration(Duration::micros(1500)) == "1500us");
  CHECK(format_duration(Duration::millis(250)) == "250ms");
  CHECK(format_duration(Duration::micros(1500000)) == "1500ms");
  CHECK(format_duration(Duration::seconds(90)) == "90s");
  CHECK(format_duration(Duration::seconds(5400)) == "90m");
  CHECK(format_duration(Duration::seconds(7200)) == "2h");
  CHECK(format_duration(Duration::micros(kDay)) == "1d");
  CHECK(format_duration(Duration::micros(kDay + 3600 * kSecond)) == "25h");
  CHECK(format_duration(Duration::micros(-1500000)) == "-1500ms");
}

TEST_CASE("format_duration round-trips through parse_duration", "[time]") {
  const char* texts[] = {"250ms", "30s", "5m", "2h", "1d", "10us", "1001ms", "90m", "3650d"};
  for (const char* text : texts) CHECK(format_duration(Duration::micros(parse_ok(text))) == text);

  XorShift64 rng{0x5DEECE66DULL};
  for (int i = 0; i < 20000; ++i) {
    std::uint64_t r = rng.next();
    // Mix tiny values, round values and arbitrary values up to the ten-year limit.
    std::int64_t us = static_cast<std::int64_t>(r % static_cast<std::uint64_t>(kTenYears));
    if (i % 3 == 0) us -= us % kSecond;
    if (i % 5 == 0) us %= 10000;
    Duration d = Duration::micros(us);
    REQUIRE(parse_ok(format_duration(d)) == us);
  }
}

TEST_CASE("format_seconds prints up to six decimals without trailing zeros", "[time]") {
  CHECK(format_seconds(SimTime::zero()) == "0");
  CHECK(format_seconds(SimTime::from_micros(1)) == "0.000001");
  CHECK(format_seconds(SimTime::from_micros(1500000)) == "1.5");
  CHECK(format_seconds(SimTime::from_micros(12500000)) == "12.5");
  CHECK(format_seconds(SimTime::from_micros(3000000)) == "3");
  CHECK(format_seconds(SimTime::from_micros(1000001)) == "1.000001");
  CHECK(format_seconds(SimTime::from_micros(100)) == "0.0001");
  CHECK(format_seconds(SimTime::from_micros(-1500000)) == "-1.5");
  CHECK(format_seconds(SimTime::never()) == "9223372036854.775807");
}

TEST_CASE("format_seconds round-trips through parse_duration as bare seconds", "[time]") {
  XorShift64 rng{77};
  for (int i = 0; i < 20000; ++i) {
    std::int64_t us = static_cast<std::int64_t>(rng.next() % static_cast<std::uint64_t>(kTenYears));
    if (i % 4 == 0) us %= 1000;
    REQUIRE(parse_ok(format_seconds(SimTime::from_micros(us))) == us);
  }
  CHECK(parse_ok(format_seconds(SimTime::from_micros(kTenYears))) == kTenYears);
  CHECK(parse_ok(format_seconds(SimTime::from_micros(kTenYears - 1))) == kTenYears - 1);
}

TEST_CASE("Duration and SimTime arithmetic", "[time]") {
  CHECK(Duration::millis(3).us() == 3000);
  CHECK(Duration::seconds(2).us() == 2 * kSecond);
  CHECK(Duration::from_seconds(1.5).us() == 1500000);
  CHECK(Duration::from_seconds(0.0000006).us() == 1);
  CHECK((SimTime::from_micros(10) + Duration::micros(5)).us() == 15);
  CHECK((SimTime::from_micros(10) - SimTime::from_micros(4)) == Duration::micros(6));
  CHECK(SimTime::zero() < SimTime::never());
  SimTime t = SimTime::from_micros(1);
  t += Duration::millis(1);
  CHECK(t.us() == 1001);
  CHECK(Duration::seconds(3).seconds_f() == 3.0);
}
