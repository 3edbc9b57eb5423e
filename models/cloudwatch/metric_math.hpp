#pragma once
/// CloudWatch metric math, the subset fleetsim evaluates: arithmetic (+ - * /, parentheses, unary
/// minus) over the ids of MetricStat queries and numbers, such as the backlog per task "m1 / m2".

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/cloudwatch/metric_series.hpp"

namespace fleetsim {

/// A parsed expression, kept in reverse Polish order.
class MetricExpression {
 public:
  /// Parses `text` whose names must be among `ids`; on failure returns nothing and sets `error`.
  static std::optional<MetricExpression> parse(const std::string& text, const std::vector<std::string>& ids,
                                               std::string& error);
  /// The value with `values[i]` standing for `ids[i]`; nothing on division by zero (CloudWatch drops
  /// such datapoints rather than returning infinity).
  std::optional<double> evaluate(const std::vector<double>& values) const;

 private:
  struct Step {
    enum Kind : std::uint8_t { kNumber, kInput, kAdd, kSubtract, kMultiply, kDivide, kNegate } kind;
    double number = 0;      ///< kNumber
    std::size_t input = 0;  ///< kInput: index into ids
  };
  std::vector<Step> steps_;
  friend class ExpressionParser;
};

/// A metric math series: each input series under its own statistic, combined per period.
class MathSeries : public PeriodValues {
 public:
  /// One MetricStat: a series and its Stat.
  struct Input {
    const MetricSeries* series;
    Statistic statistic;
  };
  /// `expression` over `inputs` (in the order of the ids it was parsed with).
  MathSeries(std::vector<Input> inputs, MetricExpression expression)
      : inputs_(std::move(inputs)), expression_(std::move(expression)) {}
  /// The expression over the inputs' period values; missing when any input is missing. The alarm's
  /// own statistic does not apply: each input has its Stat.
  std::optional<double> period_value(SimTime end, Duration period, const Statistic& statistic,
                                     SimTime now) const override;

 private:
  std::vector<Input> inputs_;
  MetricExpression expression_;
};

}  // namespace fleetsim
