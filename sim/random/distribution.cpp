#include "sim/random/distribution.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <utility>

#include "sim/random/detmath.hpp"
#include "sim/random/exponential.hpp"

namespace fleetsim {
namespace {

// Shortest round-trip form: unique for a given double, so describe() and error texts
// are byte-identical everywhere (printf/iostream depend on locale and libc).
std::string format_number(double x) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, result.ptr);
}

[[noreturn]] void fail(const std::string& field, const std::string& expected, double got) {
  throw std::invalid_argument("\"" + field + "\": expected " + expected + " (got " + format_number(got) + ")");
}

void require_finite(const char* field, double x) {
  if (!std::isfinite(x)) {
    fail(field, "a finite number", x);
  }
}

void require_positive(const char* field, double x) {
  if (!(x > 0.0) || !std::isfinite(x)) {
    fail(field, "a finite number > 0", x);
  }
}

void require_non_negative(const char* field, double x) {
  if (!(x >= 0.0) || !std::isfinite(x)) {
    fail(field, "a finite number >= 0", x);
  }
}

constexpr double kSqrtTwoPi = 0x1.40d931ff62705p+1;

// Mills ratio Q(a) / phi(a) of the standard normal, for -10 <= a <= 5.
double mills_ratio(double a) {
  if (a >= 0.75) {
    // Laplace's continued fraction a + 1/(a + 2/(a + 3/(a + ...))), evaluated backwards
    // from a fixed depth; depth 1000 is converged to full double precision for a >= 0.75.
    double t = a;
    for (int k = 1000; k >= 1; --k) {
      t = a + static_cast<double>(k) / t;
    }
    return 1.0 / t;
  }
  // Q(a)/phi(a) = 1/(2 phi(a)) - sum_n a^(2n+1) / (1*3*...*(2n+1)); all terms share a's sign,
  // so the sum has no cancellation, and the final difference loses under half a digit for a < 0.75.
  const double a2 = a * a;
  double term = a;
  double sum = a;
  for (int n = 1; n < 2000; ++n) {
    term *= a2 / static_cast<double>(2 * n + 1);
    sum += term;
    if (static_cast<double>(n) > a2 && std::fabs(term) <= 1e-18 * std::fabs(sum)) {
      break;
    }
  }
  return 0.5 * kSqrtTwoPi * detmath::exp(0.5 * a2) - sum;
}

double sample_truncated_normal(double mean, double stddev, double a, double lambda, Rng& rng) {
  if (stddev == 0.0) {
    return mean;
  }
  if (a <= 0.0) {
    // mean >= 0: plain rejection accepts at least half of the draws
    for (;;) {
      const double x = mean + stddev * sample_standard_normal(rng);
      if (x >= 0.0) {
        return x;
      }
    }
  }
  // mean < 0: plain rejection could need millions of draws (a = 5 accepts 1 in 3.5e6), so use
  // Robert's (1995) translated-exponential proposal, which accepts over 3/4 of draws for any a > 0.
  for (;;) {
    const double z = a - detmath::log(rng.next_open01()) / lambda;
    const double d = z - lambda;
    if (rng.next_open01() <= detmath::exp(-0.5 * d * d)) {
      const double x = mean + stddev * z;
      if (x >= 0.0) {  // rounding in mean + stddev*z can dip just below 0
        return x;
      }
    }
  }
}

// Marsaglia & Tsang (2000) for shape >= 1; d = shape - 1/3, c = 1/sqrt(9d).
double sample_gamma_unit(double d, double c, Rng& rng) {
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = sample_standard_normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.next_open01();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) {  // cheap squeeze, avoids the logs most of the time
      return d * v;
    }
    if (detmath::log(u) < 0.5 * x2 + d * (1.0 - v + detmath::log(v))) {
      return d * v;
    }
  }
}

}  // namespace

double sample_standard_normal(Rng& rng) {
  for (;;) {
    const double u = 2.0 * rng.next_double() - 1.0;
    const double v = 2.0 * rng.next_double() - 1.0;
    const double s = u * u + v * v;
    if (s < 1.0 && s > 0.0) {
      return u * std::sqrt(-2.0 * detmath::log(s) / s);
    }
  }
}

Distribution Distribution::constant(double value) {
  require_finite("value", value);
  return Distribution(Kind::kConstant, value, 0.0);
}

Distribution Distribution::exponential(double mean) {
  require_positive("mean", mean);
  return Distribution(Kind::kExponential, mean, 0.0);
}

Distribution Distribution::uniform(double min, double max) {
  require_finite("min", min);
  require_finite("max", max);
  if (!(max >= min)) {
    fail("max", "a number >= \"min\" (" + format_number(min) + ")", max);
  }
  if (!std::isfinite(max - min)) {
    fail("max", "max - min to be a finite number", max);
  }
  return Distribution(Kind::kUniform, min, max);
}

Distribution Distribution::normal(double mean, double stddev) {
  require_finite("mean", mean);
  require_non_negative("stddev", stddev);
  if (mean < -5.0 * stddev) {
    fail("mean",
         "a number >= -5 * \"stddev\" (" + format_number(-5.0 * stddev) + "), since the normal is truncated at 0",
         mean);
  }
  Distribution d(Kind::kNormal, mean, stddev);
  if (stddev > 0.0) {
    const double a = -mean / stddev;
    d.d0_ = a;
    d.d1_ = 0.5 * (a + std::sqrt(a * a + 4.0));  // Robert's optimal exponential rate
  }
  return d;
}

Distribution Distribution::lognormal(double mean, double stddev) {
  require_positive("mean", mean);
  require_non_negative("stddev", stddev);
  const double ratio = stddev / mean;
  const double r2 = ratio * ratio;
  // log(1 + r2) without losing a small r2 to the rounding of 1 + r2 (Goldberg's log1p trick)
  const double u = 1.0 + r2;
  const double sigma2 = u == 1.0 ? r2 : detmath::log(u) * r2 / (u - 1.0);
  if (!std::isfinite(sigma2)) {
    fail("stddev", "a number below 1e150 * \"mean\"", stddev);
  }
  Distribution d(Kind::kLognormal, mean, stddev);
  d.d0_ = detmath::log(mean) - 0.5 * sigma2;
  d.d1_ = std::sqrt(sigma2);
  return d;
}

Distribution Distribution::gamma(double shape, double scale) {
  require_positive("shape", shape);
  require_positive("scale", scale);
  Distribution d(Kind::kGamma, shape, scale);
  // shape < 1 samples Gamma(shape + 1) and multiplies by U^(1/shape)
  const double boosted = shape < 1.0 ? shape + 1.0 : shape;
  d.d0_ = boosted - 1.0 / 3.0;
  d.d1_ = 1.0 / std::sqrt(9.0 * d.d0_);
  return d;
}

Distribution Distribution::empirical(std::vector<double> values) {
  if (values.empty()) {
    throw std::invalid_argument("\"values\": expected a non-empty list of numbers");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      fail("values[" + std::to_string(i) + "]", "a finite number", values[i]);
    }
  }
  Distribution d(Kind::kEmpirical, 0.0, 0.0);
  d.values_ = std::move(values);
  return d;
}

double Distribution::sample(Rng& rng) const {
  switch (kind_) {
    case Kind::kConstant:
      return p0_;
    case Kind::kExponential:
      return p0_ * sample_standard_exponential(rng);
    case Kind::kUniform: {
      const double x = p0_ + (p1_ - p0_) * rng.next_double();
      return x > p1_ ? p1_ : x;  // rounding could overshoot max by an ulp
    }
    case Kind::kNormal:
      return sample_truncated_normal(p0_, p1_, d0_, d1_, rng);
    case Kind::kLognormal:
      if (p1_ == 0.0) {
        return p0_;  // exp(log(mean)) need not round back to mean exactly
      }
      return detmath::exp(d0_ + d1_ * sample_standard_normal(rng));
    case Kind::kGamma: {
      const double x = sample_gamma_unit(d0_, d1_, rng);
      if (p0_ < 1.0) {
        return p1_ * x * detmath::exp(detmath::log(rng.next_open01()) / p0_);
      }
      return p1_ * x;
    }
    case Kind::kEmpirical:
      return values_[static_cast<std::size_t>(rng.next_below(values_.size()))];
  }
  return 0.0;  // unreachable: every Kind is handled above
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::kConstant:
    case Kind::kExponential:
    case Kind::kLognormal:
      return p0_;
    case Kind::kUniform:
      return 0.5 * p0_ + 0.5 * p1_;  // (min + max) / 2 could overflow
    case Kind::kNormal:
      // beyond 10 stddev above 0 the truncation moves the mean by < 1e-22 * stddev
      if (p1_ == 0.0 || d0_ < -10.0) {
        return p0_;
      }
      return p0_ + p1_ / mills_ratio(d0_);
    case Kind::kGamma:
      return p0_ * p1_;
    case Kind::kEmpirical: {
      // Neumaier summation: the mean of long lists stays accurate, still in a fixed order
      double sum = 0.0;
      double compensation = 0.0;
      for (const double v : values_) {
        const double t = sum + v;
        compensation += std::fabs(sum) >= std::fabs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
      }
      return (sum + compensation) / static_cast<double>(values_.size());
    }
  }
  return 0.0;  // unreachable: every Kind is handled above
}

std::string Distribution::describe() const {
  switch (kind_) {
    case Kind::kConstant:
      return "constant(value=" + format_number(p0_) + ")";
    case Kind::kExponential:
      return "exponential(mean=" + format_number(p0_) + ")";
    case Kind::kUniform:
      return "uniform(min=" + format_number(p0_) + ", max=" + format_number(p1_) + ")";
    case Kind::kNormal:
      return "normal(mean=" + format_number(p0_) + ", stddev=" + format_number(p1_) + ", truncated at 0)";
    case Kind::kLognormal:
      return "lognormal(mean=" + format_number(p0_) + ", stddev=" + format_number(p1_) + ")";
    case Kind::kGamma:
      return "gamma(shape=" + format_number(p0_) + ", scale=" + format_number(p1_) + ")";
    case Kind::kEmpirical: {
      constexpr std::size_t kShown = 8;
      std::string text = "empirical(" + std::to_string(values_.size()) + " values: ";
      for (std::size_t i = 0; i < values_.size() && i < kShown; ++i) {
        text += (i == 0 ? "" : ", ") + format_number(values_[i]);
      }
      if (values_.size() > kShown) {
        text += ", ...";
      }
      return text + ")";
    }
  }
  return "";  // unreachable: every Kind is handled above
}

}  // namespace fleetsim
