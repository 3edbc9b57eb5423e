#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "sim/metrics/time_weighted_signal.hpp"

using fleetsim::GaugeStats;
using fleetsim::SimTime;
using Signal = fleetsim::TimeWeightedSignal;

namespace {
SimTime t(std::int64_t us) { return SimTime::from_micros(us); }
}  // namespace

TEST_CASE("a time-weighted signal averages over time, hand-computed", "[time_weighted_signal]") {
  Signal g(t(0), 0.0);
  g.set(t(10), 2.0);
  g.set(t(30), 5.0);
  // 0 for 10us, 2 for 20us, 5 for 30us over a 60us period: 190 / 60.
  GaugeStats p1 = g.close_period(t(60));
  CHECK(p1.average == Approx(190.0 / 60.0).epsilon(1e-15));
  CHECK(p1.min == 0.0);
  CHECK(p1.max == 5.0);
  CHECK(g.period_start() == t(60));
  CHECK(g.value() == 5.0);

  g.add(t(70), -1.0);
  CHECK(g.value() == 4.0);
  // 5 for 10us then 4 for 50us: 250 / 60; min/max start from the carried-over 5.
  GaugeStats p2 = g.close_period(t(120));
  CHECK(p2.average == Approx(250.0 / 60.0).epsilon(1e-15));
  CHECK(p2.min == 4.0);
  CHECK(p2.max == 5.0);

  // Nothing happens: the carried value is the whole story.
  GaugeStats p3 = g.close_period(t(180));
  CHECK(p3.average == 4.0);
  CHECK(p3.min == 4.0);
  CHECK(p3.max == 4.0);

  // A value replaced at the same instant counts for min/max but not for the average.
  g.set(t(200), 100.0);
  g.set(t(200), 4.0);
  g.add(t(210), 0.5);  // 4 for 30us, 4.5 for 30us
  GaugeStats p4 = g.close_period(t(240));
  CHECK(p4.average == 4.25);
  CHECK(p4.min == 4.0);
  CHECK(p4.max == 100.0);

  // A change made at the period end before closing has no time weight but is a value the period saw.
  g.set(t(300), 1.0);
  GaugeStats p5 = g.close_period(t(300));
  CHECK(p5.average == 4.5);
  CHECK(p5.min == 1.0);
  CHECK(p5.max == 4.5);
  GaugeStats p6 = g.close_period(t(300));  // zero-length period reports the value itself
  CHECK(p6.average == 1.0);
  CHECK(p6.min == 1.0);
  CHECK(p6.max == 1.0);
}

TEST_CASE("a time-weighted signal works at large absolute timestamps and negative values", "[time_weighted_signal]") {
  const std::int64_t day = 86'400'000'000;
  Signal g(t(30 * day), -3.0);
  g.set(t(30 * day + 1), 1.0);
  GaugeStats p = g.close_period(t(30 * day + 4));  // -3 for 1us, 1 for 3us
  CHECK(p.average == 0.0);
  CHECK(p.min == -3.0);
  CHECK(p.max == 1.0);
}

TEST_CASE("a time-weighted signal rejects time going backwards", "[time_weighted_signal]") {
  Signal g(t(100), 1.0);
  CHECK_THROWS_AS(g.set(t(99), 2.0), std::invalid_argument);
  g.set(t(150), 2.0);
  CHECK_THROWS_AS(g.close_period(t(149)), std::invalid_argument);
  CHECK_THROWS_AS(g.add(t(120), 1.0), std::invalid_argument);
  CHECK(g.value() == 2.0);
}

TEST_CASE("a time-weighted signal does not drift over a day of irregular changes", "[time_weighted_signal]") {
  // Values are multiples of 2^-20 and durations are integers, so every term value*dt is an exact double and the
  // exact integral is an integer count of 2^-20 units (< 2^57, so a uint64 holds it). The integral reaches ~2^35 and
  // needs ~57 significant bits: plain double summation rounds on nearly every step, compensated summation should not.
  std::uint64_t state = 0x243F6A8885A308D3ull;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  const std::int64_t day = 86'400'000'000;
  Signal g(t(0), 0.0);
  std::uint64_t exact_units = 0;
  double naive = 0.0;
  std::int64_t now = 0;
  double value = 0.0;
  while (true) {
    const std::int64_t dt = 1 + static_cast<std::int64_t>(next() % 172'800);
    const std::int64_t until = std::min(now + dt, day);
    const auto units = static_cast<std::uint64_t>(std::ldexp(value, 20));
    exact_units += units * static_cast<std::uint64_t>(until - now);
    naive += value * static_cast<double>(until - now);
    now = until;
    if (now == day) break;
    value = std::ldexp(static_cast<double>(next() % (1u << 20)), -20);
    g.set(t(now), value);
  }
  const GaugeStats p = g.close_period(t(day));
  // Reference: exact integral rounded once, then the same single division the gauge performs.
  const double exact_integral = std::ldexp(static_cast<double>(exact_units), -20);
  const double reference = exact_integral / static_cast<double>(day);
  const double naive_average = naive / static_cast<double>(day);
  INFO("reference=" << reference << " gauge=" << p.average << " naive=" << naive_average);
  CHECK(std::fabs(p.average - reference) <= 2.0 * std::numeric_limits<double>::epsilon() * reference);
  CHECK(p.average == Approx(0.5).margin(0.01));  // mean of uniform values on [0,1)
  CHECK(p.min == 0.0);
  CHECK(p.max < 1.0);
}

TEST_CASE("a time-weighted signal's integral can be read at any instant without closing a period",
          "[time_weighted_signal]") {
  Signal g;
  g.add(t(10), 2.0);
  g.add(t(30), 3.0);  // 0 for 10us, 2 for 20us, then 5
  CHECK(g.integral(t(30)) == 40.0);
  CHECK(g.integral(t(40)) == 90.0);
  CHECK(g.integral(t(40)) == 90.0);  // reading changes nothing
  CHECK(g.value() == 5.0);
  GaugeStats p = g.close_period(t(40));
  CHECK(p.average == 90.0 / 40.0);
  CHECK(g.integral(t(50)) == 50.0);  // from the new period's start
}

TEST_CASE("the signal's integral has plain addition's bits on exact terms and is closer on inexact ones",
          "[time_weighted_signal]") {
  // Counts times microseconds are exact doubles: the compensation stays 0.
  Signal c;
  double plain = 0, value = 0;
  std::int64_t last = 0;
  for (std::int64_t i = 1; i <= 1000; ++i) {
    plain += value * static_cast<double>(i * 977 - last);
    last = i * 977;
    value += i % 3 == 0 ? -1.0 : 1.0;
    c.add(t(i * 977), i % 3 == 0 ? -1.0 : 1.0);
  }
  plain += value * static_cast<double>(2'000'000 - last);
  CHECK(c.integral(t(2'000'000)) == plain);
  // 0.1 for a microsecond between microseconds at 1e9: plain addition drops the small terms' low bits.
  Signal c2;
  double plain2 = 0;
  c2.set(t(0), 1e9);
  for (std::int64_t i = 1; i <= 1000; ++i) {
    plain2 += i % 2 == 1 ? 1e9 : 0.1;  // the value held during (i - 1, i]
    c2.set(t(i), i % 2 == 0 ? 1e9 : 0.1);
  }
  double exact = 500 * 1e9 + 500 * 0.1;
  CHECK(std::fabs(c2.integral(t(1000)) - exact) <= std::fabs(plain2 - exact));
  CHECK(c2.integral(t(1000)) != plain2);
}

TEST_CASE("area added to a signal counts in its period's integral and average, as if the value had held it",
          "[time_weighted_signal]") {
  // A cumulative counter sampled at the period end: 2 for 30us of a 60us period, added as one area,
  // gives the same period as the value 2 set at 10us and 0 again at 40us.
  Signal sampled, followed;
  sampled.add_area(60.0);
  followed.set(t(10), 2.0);
  followed.set(t(40), 0.0);
  CHECK(sampled.integral(t(60)) == followed.integral(t(60)));
  CHECK(sampled.close_period(t(60)).average == followed.close_period(t(60)).average);
  // The area belongs to the period it was added in; the value (0) and the next period are untouched.
  CHECK(sampled.value() == 0.0);
  CHECK(sampled.integral(t(120)) == 0.0);
  // Added beside the value's own area, the two sum.
  Signal big(t(0), 1e9);
  big.add_area(0.1);
  CHECK(big.integral(t(1)) - 1e9 == Approx(0.1).epsilon(1e-6));
}
