#include "models/workload/rate_pattern.hpp"

#include <algorithm>
#include <limits>

#include "sim/random/detmath.hpp"

namespace fleetsim {

namespace {
constexpr double kDay = 86400;
constexpr double kTwoPi = 6.283185307179586476925286766559;
// Window over which a diurnal bound is taken: short enough that thinning accepts ~99% of candidates.
constexpr double kDiurnalWindow = 300;
constexpr double kForever = std::numeric_limits<double>::infinity();
}  // namespace

RatePattern RatePattern::constant(double rate) { return steps({0}, {rate}); }

RatePattern RatePattern::steps(std::vector<double> starts, std::vector<double> rates) {
  RatePattern p;
  p.kind_ = Kind::kSteps;
  p.starts_ = std::move(starts);
  p.rates_ = std::move(rates);
  return p;
}

RatePattern RatePattern::diurnal(double mean, double amplitude, double peak_s) {
  RatePattern p;
  p.kind_ = Kind::kDiurnal;
  p.a_ = mean;
  p.b_ = amplitude;
  p.c_ = peak_s;
  return p;
}

RatePattern RatePattern::ramp(double from, double to, double start, double duration) {
  RatePattern p;
  p.kind_ = Kind::kRamp;
  p.a_ = from;
  p.b_ = to;
  p.c_ = start;
  p.d_ = duration;
  return p;
}

RatePattern RatePattern::spike(double base, double peak, double at, double duration) {
  if (at <= 0) return steps({0, duration}, {peak, base});
  return steps({0, at, at + duration}, {base, peak, base});
}

double RatePattern::rate_at(double t) const {
  switch (kind_) {
    case Kind::kSteps: {
      auto it = std::upper_bound(starts_.begin(), starts_.end(), t);
      if (it == starts_.begin()) return 0;
      return rates_[static_cast<std::size_t>(it - starts_.begin()) - 1];
    }
    case Kind::kDiurnal:
      return a_ * (1 + b_ * detmath::cos(kTwoPi * (t - c_) / kDay));
    case Kind::kRamp:
      if (t <= c_) return a_;
      if (t >= c_ + d_ || d_ <= 0) return b_;
      return a_ + (b_ - a_) * (t - c_) / d_;
  }
  return 0;
}

RateBound RatePattern::bound_from(double t) const {
  switch (kind_) {
    case Kind::kSteps: {
      auto it = std::upper_bound(starts_.begin(), starts_.end(), t);
      double until = it == starts_.end() ? kForever : *it;
      double rate = it == starts_.begin() ? 0 : rates_[static_cast<std::size_t>(it - starts_.begin()) - 1];
      return {rate, until, rate};
    }
    case Kind::kDiurnal: {
      // |d rate/dt| <= mean x amplitude x 2 pi / day, so over a window the rate exceeds the larger
      // endpoint by at most that slope times half the window.
      double until = t + kDiurnalWindow;
      double slope = a_ * b_ * kTwoPi / kDay;
      double lo = rate_at(t), hi = rate_at(until);
      if (lo > hi) std::swap(lo, hi);
      return {hi + slope * kDiurnalWindow / 2, until, std::max(0.0, lo - slope * kDiurnalWindow / 2)};
    }
    case Kind::kRamp: {
      if (t < c_) return {a_, c_, a_};
      if (t >= c_ + d_) return {b_, kForever, b_};
      double until = c_ + d_;
      double now = rate_at(t);
      return {std::max(now, b_), until, std::min(now, b_)};  // linear: the extremes are at the ends
    }
  }
  return {0, kForever, 0};
}

double RatePattern::mean_over(double horizon) const {
  // Midpoint rule on a fine grid: only for reporting, never for sampling.
  const int n = 10000;
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += rate_at((i + 0.5) * horizon / n);
  return sum / n;
}

}  // namespace fleetsim
