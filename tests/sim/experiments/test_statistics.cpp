// Known answers for the sweep statistics: published Student-t table values, hand-computed means,
// standard deviations, intervals and paired differences.

#include <catch2/catch.hpp>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "sim/experiments/statistics.hpp"

using namespace fleetsim::experiments;

TEST_CASE("t quantiles match the published two-sided 95 % table", "[statistics]") {
  // t(0.975, df) as printed in every statistics table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), three decimals.
  const std::vector<std::pair<int, double>> table = {
      {1, 12.706}, {2, 4.303},  {3, 3.182},  {4, 2.776},  {5, 2.571},  {6, 2.447},  {7, 2.365},
      {8, 2.306},  {9, 2.262},  {10, 2.228}, {11, 2.201}, {12, 2.179}, {13, 2.160}, {14, 2.145},
      {15, 2.131}, {16, 2.120}, {17, 2.110}, {18, 2.101}, {19, 2.093}, {20, 2.086}, {21, 2.080},
      {22, 2.074}, {23, 2.069}, {24, 2.064}, {25, 2.060}, {26, 2.056}, {27, 2.052}, {28, 2.048},
      {29, 2.045}, {30, 2.042}, {40, 2.021}, {60, 2.000}, {120, 1.980}};
  for (const auto& [df, expected] : table) {
    INFO("df = " << df);
    CHECK(student_t_quantile(0.975, df) == Approx(expected).margin(0.0005));
  }
}

TEST_CASE("t quantiles agree with closed forms and other table columns", "[statistics]") {
  const double pi = 3.141592653589793;
  // df = 1 is Cauchy: tan(pi (p - 1/2)); df = 2: (2p - 1) sqrt(2 / (1 - (2p - 1)^2)).
  for (double p : {0.6, 0.9, 0.975, 0.995}) {
    INFO("p = " << p);
    CHECK(student_t_quantile(p, 1) == Approx(std::tan(pi * (p - 0.5))).epsilon(1e-12));
    double a = 2 * p - 1;
    CHECK(student_t_quantile(p, 2) == Approx(a * std::sqrt(2 / (1 - a * a))).epsilon(1e-12));
  }
  // Other columns of the same table: one-sided 95 % and 99.5 %.
  CHECK(student_t_quantile(0.95, 10) == Approx(1.812).margin(0.0005));
  CHECK(student_t_quantile(0.995, 10) == Approx(3.169).margin(0.0005));
  CHECK(student_t_quantile(0.95, 120) == Approx(1.658).margin(0.0005));
  // More digits where they are published: R's qt(0.975, df).
  CHECK(student_t_quantile(0.975, 9) == Approx(2.262157163).epsilon(1e-9));
  CHECK(student_t_quantile(0.975, 30) == Approx(2.042272456).epsilon(1e-9));
}

TEST_CASE("the t distribution's two-sided mass is 0 at 0 and grows to 1 (rounding to 1 far out)", "[statistics]") {
  for (int df : {1, 2, 3, 7, 30, 121}) {
    CHECK(student_t_two_sided_mass(0, df) == 0);
    double previous = 0;
    for (double t = 0.25; t < 8; t *= 1.5) {
      double m = student_t_two_sided_mass(t, df);
      CHECK(m >= previous);
      CHECK(m <= 1);
      previous = m;
    }
    CHECK(student_t_two_sided_mass(1, df) < student_t_two_sided_mass(2, df));
  }
}

TEST_CASE("mean, standard deviation and interval of a small sample, by hand", "[statistics]") {
  // 10, 12, 14: mean 12, sd sqrt((4 + 0 + 4) / 2) = 2, half-width 4.302653 * 2 / sqrt(3) = 4.968275.
  Estimate e = estimate({10, 12, 14});
  CHECK(e.n == 3);
  CHECK(e.mean == 12);
  CHECK(e.sd == 2);
  CHECK(e.has_interval);
  CHECK(e.ci_low == Approx(7.031725).margin(1e-6));
  CHECK(e.ci_high == Approx(16.968275).margin(1e-6));

  Estimate one = estimate({5});
  CHECK(one.n == 1);
  CHECK(one.mean == 5);
  CHECK_FALSE(one.has_interval);
  CHECK(one.ci_low == 5);
  CHECK(one.ci_high == 5);
  CHECK(estimate({}).n == 0);
}

TEST_CASE("paired differences use only seeds both runs completed", "[statistics]") {
  // Variant 11, 14, 15 against baseline 10, 12, 14 on the same seeds: differences 1, 2, 1, mean 4/3,
  // sd sqrt(1/3), half-width 4.302653 * sqrt(1/3) / sqrt(3) = 1.434218. The baseline alone has sd 2: the
  // pairing removes the noise the two configurations share.
  Estimate d = paired_difference({11.0, 14.0, 15.0, std::nullopt}, {10.0, 12.0, 14.0, 9.0});
  CHECK(d.n == 3);
  CHECK(d.mean == Approx(4.0 / 3));
  CHECK(d.sd == Approx(std::sqrt(1.0 / 3)));
  CHECK(d.ci_low == Approx(4.0 / 3 - 1.434218).margin(1e-6));
  CHECK(d.ci_high == Approx(4.0 / 3 + 1.434218).margin(1e-6));

  Estimate same = paired_difference({3.0, 4.0}, {3.0, 4.0});
  CHECK(same.mean == 0);
  CHECK(same.ci_low == 0);
  CHECK(same.ci_high == 0);
}
