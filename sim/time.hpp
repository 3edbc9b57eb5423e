#pragma once
/// Virtual time: a strong 64-bit count of microseconds, converted once at load time.

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace fleetsim {

/// A span of virtual time in microseconds.
class Duration {
 public:
  constexpr Duration() = default;
  /// Makes a duration of `us` microseconds.
  static constexpr Duration micros(std::int64_t us) { return Duration(us); }
  /// Makes a duration of `ms` milliseconds.
  static constexpr Duration millis(std::int64_t ms) { return Duration(ms * 1000); }
  /// Makes a duration of `s` whole seconds.
  static constexpr Duration seconds(std::int64_t s) { return Duration(s * 1000000); }
  /// Rounds a (non-negative, finite) number of seconds to the nearest microsecond.
  static Duration from_seconds(double s);
  /// The longest representable span; used as "never".
  static constexpr Duration max() { return Duration(std::numeric_limits<std::int64_t>::max()); }

  /// Microseconds in this span.
  constexpr std::int64_t us() const { return us_; }
  /// This span in seconds, for reporting only (never for event ordering).
  constexpr double seconds_f() const { return static_cast<double>(us_) / 1e6; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(us_ + o.us_); }
  constexpr Duration operator-(Duration o) const { return Duration(us_ - o.us_); }
  constexpr Duration operator*(std::int64_t k) const { return Duration(us_ * k); }

 private:
  constexpr explicit Duration(std::int64_t us) : us_(us) {}
  std::int64_t us_ = 0;
};

/// A point in virtual time: microseconds since the start of the simulation.
class SimTime {
 public:
  constexpr SimTime() = default;
  /// The point `us` microseconds after the start.
  static constexpr SimTime from_micros(std::int64_t us) { return SimTime(us); }
  /// The start of the simulation.
  static constexpr SimTime zero() { return SimTime(0); }
  /// A point later than any event; used as "never".
  static constexpr SimTime never() { return SimTime(std::numeric_limits<std::int64_t>::max()); }

  /// Microseconds since the start.
  constexpr std::int64_t us() const { return us_; }
  /// Seconds since the start, for reporting only.
  constexpr double seconds_f() const { return static_cast<double>(us_) / 1e6; }

  constexpr auto operator<=>(const SimTime&) const = default;
  constexpr SimTime operator+(Duration d) const { return SimTime(us_ + d.us()); }
  constexpr SimTime operator-(Duration d) const { return SimTime(us_ - d.us()); }
  constexpr Duration operator-(SimTime o) const { return Duration::micros(us_ - o.us_); }
  SimTime& operator+=(Duration d) {
    us_ += d.us();
    return *this;
  }

 private:
  constexpr explicit SimTime(std::int64_t us) : us_(us) {}
  std::int64_t us_ = 0;
};

/// Parses a scenario duration: a string with a unit ("250ms", "30s", "5m", "2h", "1d", "1.5h"; also "us")
/// or a plain number of seconds given as text. Returns false and sets `error` when it is not one.
bool parse_duration(std::string_view text, Duration& out, std::string& error);

/// Formats a duration with the largest unit that represents it exactly ("90s", "2h", "250ms", "1500us").
std::string format_duration(Duration d);

/// Formats a time as seconds with up to six decimals and no trailing zeros ("12.5", "3", "0.000001").
std::string format_seconds(SimTime t);

}  // namespace fleetsim
