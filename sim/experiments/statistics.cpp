#include "sim/experiments/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fleetsim::experiments {

namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;

// atan from + - * / and sqrt only, which IEEE 754 rounds correctly, so it gives the same bits on every
// machine (the libm atan may differ in the last bit, and these numbers end up in comparison.csv).
// Halving the angle (atan x = 2 atan(x / (1 + sqrt(1 + x^2)))) until |x| < 1/32, then the Taylor series.
double deterministic_atan(double x) {
  double scale = 1;
  while (std::fabs(x) >= 1.0 / 32) {
    x = x / (1 + std::sqrt(1 + x * x));
    scale *= 2;
  }
  // |x| < 2^-5: the terms fall by 2^-10 each, so 8 of them reach far below one ulp.
  double x2 = x * x, term = x, sum = 0;
  for (int k = 0; k < 8; ++k) {
    sum += term / (2 * k + 1) * (k % 2 == 0 ? 1 : -1);
    term *= x2;
  }
  return scale * sum;
}

}  // namespace

double mean(const std::vector<double>& xs) {
  if (xs.empty()) return 0;
  double sum = 0;
  for (double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

double standard_deviation(const std::vector<double>& xs) {
  if (xs.size() < 2) return 0;
  double m = mean(xs), squares = 0;
  for (double x : xs) squares += (x - m) * (x - m);
  return std::sqrt(squares / static_cast<double>(xs.size() - 1));
}

// Abramowitz & Stegun 26.7.3 and 26.7.4: for integer degrees of freedom the distribution function is a finite
// series in theta = atan(t / sqrt(df)). Every term is positive, so it is accurate for any df we meet (the
// number of replications), and it needs no incomplete beta function or lgamma from the C library.
double student_t_two_sided_mass(double t, int df) {
  if (df < 1) throw std::invalid_argument("Student t needs at least one degree of freedom");
  if (t <= 0) return 0;
  double nu = df;
  double hyp = std::sqrt(nu + t * t);
  double sin_theta = t / hyp, cos_theta = std::sqrt(nu) / hyp, cos2 = cos_theta * cos_theta;
  if (df % 2 == 0) {
    // sin(theta) [1 + 1/2 cos^2 + (1*3)/(2*4) cos^4 + ... + (1*3...(df-3))/(2*4...(df-2)) cos^(df-2)]
    double term = 1, sum = 1;
    for (int k = 2; k <= df - 2; k += 2) {
      term *= cos2 * (k - 1) / k;
      sum += term;
    }
    return std::min(1.0, sin_theta * sum);  // rounding may overshoot 1 far in the tail
  }
  // (2/pi) [theta + sin(theta) (cos + (2/3) cos^3 + ... + (2*4...(df-3))/(1*3...(df-2)) cos^(df-2))]
  double theta = deterministic_atan(t / std::sqrt(nu));
  double sum = 0;
  if (df > 1) {
    double term = cos_theta;
    sum = term;
    for (int k = 3; k <= df - 2; k += 2) {
      term *= cos2 * (k - 1) / k;
      sum += term;
    }
  }
  return std::min(1.0, 2 / kPi * (theta + sin_theta * sum));
}

double student_t_quantile(double p, int df) {
  if (!(p >= 0.5 && p < 1)) throw std::invalid_argument("Student t quantile needs 0.5 <= p < 1");
  double target = 2 * p - 1;  // P(|T| <= t) at the p-quantile
  double lo = 0, hi = 1;
  while (student_t_two_sided_mass(hi, df) < target) hi *= 2;
  // Bisection to the last representable bit: no tolerance to tune and the same steps everywhere.
  for (int i = 0; i < 200; ++i) {
    double mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    (student_t_two_sided_mass(mid, df) < target ? lo : hi) = mid;
  }
  return hi;
}

Estimate estimate(const std::vector<double>& xs) {
  Estimate e;
  e.n = static_cast<int>(xs.size());
  e.mean = mean(xs);
  e.ci_low = e.ci_high = e.mean;
  if (e.n >= 2) {
    e.sd = standard_deviation(xs);
    double half = student_t_quantile(0.975, e.n - 1) * e.sd / std::sqrt(static_cast<double>(e.n));
    e.ci_low = e.mean - half;
    e.ci_high = e.mean + half;
    e.has_interval = true;
  }
  return e;
}

Estimate paired_difference(const std::vector<std::optional<double>>& variant,
                           const std::vector<std::optional<double>>& baseline) {
  std::vector<double> diffs;
  for (std::size_t i = 0; i < variant.size() && i < baseline.size(); ++i) {
    if (variant[i] && baseline[i]) diffs.push_back(*variant[i] - *baseline[i]);
  }
  return estimate(diffs);
}

}  // namespace fleetsim::experiments
