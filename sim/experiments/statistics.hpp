#pragma once
/// The statistics of a sweep: sample mean and standard deviation, Student-t intervals over replications,
/// and paired differences against a baseline run on the same seeds (common random numbers).

#include <optional>
#include <vector>

namespace fleetsim::experiments {

/// Arithmetic mean, summed in the given order (so the same values give the same bits); 0 when empty.
double mean(const std::vector<double>& xs);

/// Sample standard deviation (n - 1 in the denominator), two passes; 0 when fewer than two values.
double standard_deviation(const std::vector<double>& xs);

/// P(|T| <= t) for Student's t with `df` >= 1 degrees of freedom and t >= 0.
double student_t_two_sided_mass(double t, int df);

/// The `p`-quantile of Student's t with `df` >= 1 degrees of freedom, for 0.5 <= p < 1
/// (p = 0.975 gives the factor of a two-sided 95 % interval).
double student_t_quantile(double p, int df);

/// A sample's mean, spread and two-sided 95 % Student-t interval for its mean.
struct Estimate {
  int n = 0;                  ///< number of values
  double mean = 0;            ///< their mean
  double sd = 0;              ///< sample standard deviation (0 when n < 2)
  double ci_low = 0;          ///< lower end of the 95 % interval (== mean when n < 2)
  double ci_high = 0;         ///< upper end of the 95 % interval (== mean when n < 2)
  bool has_interval = false;  ///< true when n >= 2, so sd and the interval mean something
};

/// Mean, standard deviation and 95 % interval (mean -+ t(0.975, n-1) sd / sqrt(n)) of `xs`.
Estimate estimate(const std::vector<double>& xs);

/// The estimate of `variant[i] - baseline[i]` over the indices where both are present: the paired
/// difference of two configurations run on the same seeds.
Estimate paired_difference(const std::vector<std::optional<double>>& variant,
                           const std::vector<std::optional<double>>& baseline);

}  // namespace fleetsim::experiments
