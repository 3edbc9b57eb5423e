#pragma once

// Random variates for model parameters (inter-arrival times, service times, sizes...).
//
// A Distribution is a plain value (copyable, comparable, no virtual calls) so a
// scenario can hold it by value. Every sampler is built from Rng and detmath only,
// so a given Rng state always yields the same bits on every platform. The number of
// draws one sample() consumes varies with rejection sampling; that is fine because
// each model owns its own named stream (see stream_seed.hpp).

#include <string>
#include <vector>

#include "sim/random/rng.hpp"

namespace fleetsim {

/// A standard normal variate by the Marsaglia polar method; the pair's second value is discarded, never cached.
double sample_standard_normal(Rng& rng);

/// A validated probability distribution over doubles; build it with the static factories.
class Distribution {
 public:
  /// Which family a Distribution belongs to.
  enum class Kind { kConstant, kExponential, kUniform, kNormal, kLognormal, kGamma, kEmpirical };

  /// Always `value` (any finite number); consumes no random draws.
  static Distribution constant(double value);
  /// Exponential with the given mean (> 0).
  static Distribution exponential(double mean);
  /// Uniform on [min, max] with finite min <= max; min == max is allowed and behaves like constant(min).
  static Distribution uniform(double min, double max);
  /// Normal(mean, stddev) truncated to [0, inf); rejects mean < -5 * stddev as almost surely a mistake.
  static Distribution normal(double mean, double stddev);
  /// Log-normal whose own mean (> 0) and standard deviation (>= 0) are given, not those of its logarithm.
  static Distribution lognormal(double mean, double stddev);
  /// Gamma with shape k > 0 and scale theta > 0 (mean k * theta).
  static Distribution gamma(double shape, double scale);
  /// Picks one of `values` (non-empty, all finite) with equal probability; duplicates weight a value.
  static Distribution empirical(std::vector<double> values);

  /// Draws one value; the same Rng state always gives the same bits.
  [[nodiscard]] double sample(Rng& rng) const;

  /// The exact mean of the distribution as sampled (for normal: of the truncated distribution).
  [[nodiscard]] double mean() const;

  /// A one-line human-readable form, e.g. "exponential(mean=2.5)"; numbers in shortest round-trip form.
  [[nodiscard]] std::string describe() const;

  /// The family of this distribution.
  [[nodiscard]] Kind kind() const { return kind_; }

  /// Equal when the family and all parameters are equal.
  bool operator==(const Distribution& other) const = default;

 private:
  Distribution(Kind kind, double p0, double p1) : kind_(kind), p0_(p0), p1_(p1) {}

  Kind kind_;
  double p0_;                   // first user parameter (value / mean / min / shape)
  double p1_;                   // second user parameter (max / stddev / scale), else 0
  double d0_ = 0.0;             // derived: lognormal mu, gamma d, normal truncation point -mean/stddev
  double d1_ = 0.0;             // derived: lognormal sigma, gamma c, normal Robert rate lambda
  std::vector<double> values_;  // empirical only
};

}  // namespace fleetsim
