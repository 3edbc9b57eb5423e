#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "sim/metrics/sample_stats.hpp"

using fleetsim::GaugeStats;
using fleetsim::SampleStats;
using fleetsim::TimeWeightedGauge;

TEST_CASE("SampleStats reports count, sum, min, max and mean", "[sample_stats]") {
  SampleStats s;
  CHECK(s.count == 0);
  CHECK(s.mean() == 0.0);
  CHECK(s.min == std::numeric_limits<double>::infinity());
  CHECK(s.max == -std::numeric_limits<double>::infinity());
  for (const double v : {3.0, 1.0, 4.0, 1.0, 5.0}) s.add(v);
  CHECK(s.count == 5);
  CHECK(s.sum == 14.0);
  CHECK(s.min == 1.0);
  CHECK(s.max == 5.0);
  CHECK(s.mean() == 2.8);

  SampleStats t;
  t.add(-2.0);
  t.add(9.0);
  s.merge(t);
  CHECK(s.count == 7);
  CHECK(s.sum == 21.0);
  CHECK(s.min == -2.0);
  CHECK(s.max == 9.0);
  CHECK(s.mean() == 3.0);

  SampleStats empty;
  t.merge(empty);
  CHECK(t.count == 2);
  CHECK(t.min == -2.0);
  CHECK(t.max == 9.0);
  empty.merge(t);
  CHECK(empty.count == 2);
  CHECK(empty.min == -2.0);

  s.clear();
  CHECK(s.count == 0);
  CHECK(s.sum == 0.0);
  CHECK(s.mean() == 0.0);
  s.add(7.0);
  CHECK(s.min == 7.0);
  CHECK(s.max == 7.0);
}

TEST_CASE("TimeWeightedGauge averages over time, hand-computed", "[sample_stats]") {
  TimeWeightedGauge g(0, 0.0);
  g.set(10, 2.0);
  g.set(30, 5.0);
  // 0 for 10us, 2 for 20us, 5 for 30us over a 60us period: 190 / 60.
  GaugeStats p1 = g.close_period(60);
  CHECK(p1.average == Approx(190.0 / 60.0).epsilon(1e-15));
  CHECK(p1.min == 0.0);
  CHECK(p1.max == 5.0);
  CHECK(g.period_start() == 60);
  CHECK(g.value() == 5.0);

  g.add(70, -1.0);
  CHECK(g.value() == 4.0);
  // 5 for 10us then 4 for 50us: 250 / 60; min/max start from the carried-over 5.
  GaugeStats p2 = g.close_period(120);
  CHECK(p2.average == Approx(250.0 / 60.0).epsilon(1e-15));
  CHECK(p2.min == 4.0);
  CHECK(p2.max == 5.0);

  // Nothing happens: the carried value is the whole story.
  GaugeStats p3 = g.close_period(180);
  CHECK(p3.average == 4.0);
  CHECK(p3.min == 4.0);
  CHECK(p3.max == 4.0);

  // A value replaced at the same instant counts for min/max but not for the average.
  g.set(200, 100.0);
  g.set(200, 4.0);
  g.add(210, 0.5);  // 4 for 30us, 4.5 for 30us
  GaugeStats p4 = g.close_period(240);
  CHECK(p4.average == 4.25);
  CHECK(p4.min == 4.0);
  CHECK(p4.max == 100.0);

  // A change made at the period end before closing has no time weight but is a value the period saw.
  g.set(300, 1.0);
  GaugeStats p5 = g.close_period(300);
  CHECK(p5.average == 4.5);
  CHECK(p5.min == 1.0);
  CHECK(p5.max == 4.5);
  GaugeStats p6 = g.close_period(300);  // zero-length period reports the value itself
  CHECK(p6.average == 1.0);
  CHECK(p6.min == 1.0);
  CHECK(p6.max == 1.0);
}

TEST_CASE("TimeWeightedGauge works at large absolute timestamps and negative values", "[sample_stats]") {
  const std::int64_t day = 86'400'000'000;
  TimeWeightedGauge g(30 * day, -3.0);
  g.set(30 * day + 1, 1.0);
  GaugeStats p = g.close_period(30 * day + 4);  // -3 for 1us, 1 for 3us
  CHECK(p.average == 0.0);
  CHECK(p.min == -3.0);
  CHECK(p.max == 1.0);
}

TEST_CASE("TimeWeightedGauge rejects time going backwards", "[sample_stats]") {
  TimeWeightedGauge g(100, 1.0);
  CHECK_THROWS_AS(g.set(99, 2.0), std::invalid_argument);
  g.set(150, 2.0);
  CHECK_THROWS_AS(g.close_period(149), std::invalid_argument);
  CHECK_THROWS_AS(g.add(120, 1.0), std::invalid_argument);
  CHECK(g.value() == 2.0);
}

TEST_CASE("TimeWeightedGauge does not drift over a day of irregular changes", "[sample_stats]") {
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
  TimeWeightedGauge g(0, 0.0);
  std::uint64_t exact_units = 0;
  double naive = 0.0;
  std::int64_t t = 0;
  double value = 0.0;
  while (true) {
    const std::int64_t dt = 1 + static_cast<std::int64_t>(next() % 172'800);
    const std::int64_t until = std::min(t + dt, day);
    const auto units = static_cast<std::uint64_t>(std::ldexp(value, 20));
    exact_units += units * static_cast<std::uint64_t>(until - t);
    naive += value * static_cast<double>(until - t);
    t = until;
    if (t == day) break;
    value = std::ldexp(static_cast<double>(next() % (1u << 20)), -20);
    g.set(t, value);
  }
  const GaugeStats p = g.close_period(day);
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
