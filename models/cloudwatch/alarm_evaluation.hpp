#pragma once
/// The CloudWatch "M out of N" rule with its missing-data handling, as a pure function so the
/// documented tables can be tested row by row (aws-facts §2; CW-UG AlarmThatSendsEmail.md).

#include <optional>
#include <vector>

#include "models/api/alarms.hpp"

namespace fleetsim {

/// What an evaluation needs of the alarm.
struct AlarmRule {
  int evaluation_periods = 1;   ///< N
  int datapoints_to_alarm = 1;  ///< M
  Comparison comparison = Comparison::kGreater;
  double threshold = 0;
  MissingData missing = MissingData::kMissing;
};

/// True when `value` is on the alarming side of the threshold.
bool breaches(Comparison comparison, double value, double threshold);

/// The result of one evaluation.
struct AlarmVerdict {
  AlarmState state;            ///< the new state (maybe the current one)
  std::vector<double> values;  ///< the real datapoints it used, oldest first
};

/// Evaluates `range` (the period values of the evaluation range, oldest first, nothing where a
/// period has no datapoint) for an alarm now in `current`:
/// - at least N real points: the newest N real points decide, missing data is not consulted;
/// - no real point: `missing` gives INSUFFICIENT_DATA, `ignore` keeps the state, `breaching` ALARM,
///   `notBreaching` OK;
/// - fewer than N: every real point counts and N minus their number are filled as the mode says;
///   `ignore` and `missing` fill nothing and decide only when the outcome no fill could change is
///   clear, else keep the state; `missing` also applies the premature-alarm rule over the newest N
///   periods (the oldest breaching point there is at least M periods old and every newer one
///   breaches or is missing: ALARM, as `- - X - -` does for 3 of 3).
AlarmVerdict evaluate_alarm(const AlarmRule& rule, const std::vector<std::optional<double>>& range, AlarmState current);

}  // namespace fleetsim
