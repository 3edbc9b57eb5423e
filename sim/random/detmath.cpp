#include "sim/random/detmath.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace fleetsim::detmath {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ln 2 split so that k * kLn2Hi is exact for |k| < 2^21 (kLn2Hi has 32 significant bits).
constexpr double kLn2Hi = 0x1.62e42fee00000p-1;
constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
constexpr double kInvLn2 = 0x1.71547652b82fep+0;

// pi/2 in four pieces; the first three have 33 significant bits so that n * piece is exact
// for n < 2^20, which is what keeps the reduction exact up to kTrigMaxArgument.
constexpr double kPio2Part1 = 0x1.921fb54400000p+0;
constexpr double kPio2Part2 = 0x1.0b4611a600000p-34;
constexpr double kPio2Part3 = 0x1.3198a2e000000p-69;
constexpr double kPio2Part4 = 0x1.b839a252049c1p-104;
constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;

constexpr double kSqrtHalf = 0x1.6a09e667f3bcdp-1;

// An exact sum: hi + lo == a + b with hi = fl(a + b), whatever the magnitudes.
struct DoubleDouble {
  double hi;
  double lo;
};

DoubleDouble two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  const double err = (a - (s - bb)) + (b - bb);
  return {s, err};
}

// Veltkamp splitting; the product of the halves is exact because FP contraction is off.
DoubleDouble split(double a) {
  const double c = 134217729.0 * a;  // 2^27 + 1
  const double hi = c - (c - a);
  return {hi, a - hi};
}

// An exact product: hi + lo == a * b (barring overflow of the split).
DoubleDouble two_prod(double a, double b) {
  const double p = a * b;
  const DoubleDouble as = split(a);
  const DoubleDouble bs = split(b);
  const double err = ((as.hi * bs.hi - p) + as.hi * bs.lo + as.lo * bs.hi) + as.lo * bs.lo;
  return {p, err};
}

// 2^k for k in the normal exponent range, built from bits so no rounding can happen.
double pow2(int k) { return std::bit_cast<double>(static_cast<std::uint64_t>(k + 1023) << 52); }

// y * 2^k with a single final rounding, for k in [-1500, 2046].
double scale(double y, int k) {
  if (k > 1023) {
    return y * 0x1p1023 * pow2(k - 1023);
  }
  if (k < -1022) {
    return y * pow2(k + 512) * 0x1p-512;
  }
  return y * pow2(k);
}

// log of a positive finite (possibly subnormal) x as an unevaluated sum hi + lo.
DoubleDouble log_dd(double x) {
  int e = 0;
  std::uint64_t bits = std::bit_cast<std::uint64_t>(x);
  if ((bits >> 52) == 0) {  // subnormal: scale into the normal range exactly
    bits = std::bit_cast<std::uint64_t>(x * 0x1p54);
    e = -54;
  }
  e += static_cast<int>(bits >> 52) - 1022;
  // m in [0.5, 1): same mantissa, exponent field of 0.5
  double m = std::bit_cast<double>((bits & 0x000fffffffffffffULL) | 0x3fe0000000000000ULL);
  if (m < kSqrtHalf) {
    m *= 2.0;
    e -= 1;
  }
  // m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(s) with s = (m-1)/(m+1), |s| <= 0.1716
  const double f = m - 1.0;  // exact (Sterbenz)
  const DoubleDouble d = two_sum(1.0, m);
  const double s_hi = f / d.hi;
  const DoubleDouble p = two_prod(s_hi, d.hi);
  const double s_lo = (((f - p.hi) - p.lo) - s_hi * d.lo) / d.hi;
  const double s2 = s_hi * s_hi;
  // 2 atanh(s) - 2s = 2 s^3 (1/3 + s^2/5 + ...); truncation after s^23 is below 1e-19 relative
  const double poly =
      0x1.5555555555555p-1 +
      s2 * (0x1.999999999999ap-2 +
            s2 * (0x1.2492492492492p-2 +
                  s2 * (0x1.c71c71c71c71cp-3 +
                        s2 * (0x1.745d1745d1746p-3 +
                              s2 * (0x1.3b13b13b13b14p-3 +
                                    s2 * (0x1.1111111111111p-3 +
                                          s2 * (0x1.e1e1e1e1e1e1ep-4 +
                                                s2 * (0x1.af286bca1af28p-4 +
                                                      s2 * (0x1.8618618618618p-4 + s2 * 0x1.642c8590b2164p-4)))))))));
  const double tail = s_hi * s2 * poly;
  const double ed = static_cast<double>(e);
  const DoubleDouble big = two_sum(ed * kLn2Hi, 2.0 * s_hi);
  const double lo = big.lo + ((ed * kLn2Lo + 2.0 * s_lo) + tail);
  return two_sum(big.hi, lo);
}

// e^(x + tail) where |tail| is tiny compared to 1; x must be finite.
double exp_dd(double x, double tail) {
  if (x > 710.0) {
    return kInf;
  }
  if (x < -746.0) {
    return 0.0;
  }
  const double fk = std::floor(x * kInvLn2 + 0.5);
  const int k = static_cast<int>(fk);
  const double a = x - fk * kLn2Hi;  // exact: both terms are within a factor 2 of each other
  const DoubleDouble r = two_sum(a, tail - fk * kLn2Lo);
  const double rh = r.hi;
  // e^r - 1 by Taylor series; |r| <= 0.35 so 14 terms leave an error below 1e-17
  const double q =
      rh +
      rh * rh *
          (0x1p-1 +
           rh * (0x1.5555555555555p-3 +
                 rh * (0x1.5555555555555p-5 +
                       rh * (0x1.1111111111111p-7 +
                             rh * (0x1.6c16c16c16c17p-10 +
                                   rh * (0x1.a01a01a01a01ap-13 +
                                         rh * (0x1.a01a01a01a01ap-16 +
                                               rh * (0x1.71de3a556c734p-19 +
                                                     rh * (0x1.27e4fb7789f5cp-22 +
                                                           rh * (0x1.ae64567f544e4p-26 +
                                                                 rh * (0x1.1eed8eff8d898p-29 +
                                                                       rh * (0x1.6124613a86d09p-33 +
                                                                             rh * (0x1.93974a8c07c9dp-37)))))))))))));
  const double y = 1.0 + (q + r.lo * (1.0 + q));
  return scale(y, k);
}

// sin on the reduced argument rh + rl, |rh| <= ~pi/4; Taylor to r^19 is below 1e-21 relative.
double sin_kernel(double rh, double rl) {
  const double r2 = rh * rh;
  const double p =
      r2 * (-0x1.5555555555555p-3 +
            r2 * (0x1.1111111111111p-7 +
                  r2 * (-0x1.a01a01a01a01ap-13 +
                        r2 * (0x1.71de3a556c734p-19 +
                              r2 * (-0x1.ae64567f544e4p-26 +
                                    r2 * (0x1.6124613a86d09p-33 +
                                          r2 * (-0x1.ae7f3e733b81fp-41 +
                                                r2 * (0x1.952c77030ad4ap-49 + r2 * (-0x1.2f49b46814157p-57)))))))));
  return rh + (rh * p + rl * (1.0 - 0.5 * r2));
}

// cos on the reduced argument rh + rl, |rh| <= ~pi/4; Taylor to r^20.
double cos_kernel(double rh, double rl) {
  const double r2 = rh * rh;
  const double c =
      r2 * r2 *
      (0x1.5555555555555p-5 +
       r2 * (-0x1.6c16c16c16c17p-10 +
             r2 * (0x1.a01a01a01a01ap-16 +
                   r2 * (-0x1.27e4fb7789f5cp-22 +
                         r2 * (0x1.1eed8eff8d898p-29 +
                               r2 * (-0x1.93974a8c07c9dp-37 +
                                     r2 * (0x1.ae7f3e733b81fp-45 +
                                           r2 * (-0x1.6827863b97d97p-53 + r2 * (0x1.e542ba4020225p-62)))))))));
  return 1.0 - (0.5 * r2 - (c - rh * rl));
}

// x = n * pi/2 + (rh + rl) for |x| <= kTrigMaxArgument; returns n mod 4.
int reduce_pio2(double x, double& rh, double& rl) {
  const double fn = std::floor(x * kTwoOverPi + 0.5);
  const double t = x - fn * kPio2Part1;  // exact
  const DoubleDouble a = two_sum(t, -(fn * kPio2Part2));
  const DoubleDouble b = two_sum(a.hi, -(fn * kPio2Part3));
  const double lo = (a.lo + b.lo) - fn * kPio2Part4;
  const DoubleDouble r = two_sum(b.hi, lo);
  rh = r.hi;
  rl = r.lo;
  // C++20 integers are two's complement, so & 3 is the non-negative residue mod 4
  return static_cast<int>(static_cast<std::int64_t>(fn) & 3);
}

}  // namespace

double log(double x) {
  if (x != x) {
    return x;
  }
  if (x == 0.0) {
    return -kInf;
  }
  if (x < 0.0) {
    return kNaN;
  }
  if (x == kInf) {
    return kInf;
  }
  return log_dd(x).hi;
}

double exp(double x) {
  if (x != x) {
    return x;
  }
  return exp_dd(x, 0.0);
}

double sin(double x) {
  if (!(std::fabs(x) <= kTrigMaxArgument)) {
    return kNaN;
  }
  if (std::fabs(x) < 0x1p-27) {
    return x;  // x^3/6 is below half an ulp of x; also keeps the sign of -0
  }
  double rh = 0.0;
  double rl = 0.0;
  switch (reduce_pio2(x, rh, rl)) {
    case 0:
      return sin_kernel(rh, rl);
    case 1:
      return cos_kernel(rh, rl);
    case 2:
      return -sin_kernel(rh, rl);
    default:
      return -cos_kernel(rh, rl);
  }
}

double cos(double x) {
  if (!(std::fabs(x) <= kTrigMaxArgument)) {
    return kNaN;
  }
  if (std::fabs(x) < 0x1p-27) {
    return 1.0;  // x^2/2 is below half an ulp of 1
  }
  double rh = 0.0;
  double rl = 0.0;
  switch (reduce_pio2(x, rh, rl)) {
    case 0:
      return cos_kernel(rh, rl);
    case 1:
      return -sin_kernel(rh, rl);
    case 2:
      return -cos_kernel(rh, rl);
    default:
      return sin_kernel(rh, rl);
  }
}

double pow(double x, double y) {
  if (y == 0.0) {
    return 1.0;
  }
  if (x != x || y != y || x < 0.0) {
    return kNaN;
  }
  if (x == 1.0) {
    return 1.0;
  }
  if (x == 0.0) {
    return y > 0.0 ? 0.0 : kInf;
  }
  if (x == kInf) {
    return y > 0.0 ? kInf : 0.0;
  }
  if (std::fabs(y) == kInf) {
    return ((x > 1.0) == (y > 0.0)) ? kInf : 0.0;
  }
  const DoubleDouble l = log_dd(x);
  const double t = y * l.hi;
  if (t > 710.0) {
    return kInf;
  }
  if (t < -746.0) {
    return 0.0;
  }
  // here |y| < 746 / |log x| <= ~3.4e18, so the Veltkamp split of y cannot overflow
  const DoubleDouble p = two_prod(y, l.hi);
  return exp_dd(p.hi, p.lo + y * l.lo);
}

}  // namespace fleetsim::detmath
