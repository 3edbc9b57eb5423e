#include "models/cloudwatch/alarm_evaluation.hpp"

#include <algorithm>

namespace fleetsim {

const char* alarm_state_name(AlarmState state) {
  switch (state) {
    case AlarmState::kOk:
      return "OK";
    case AlarmState::kAlarm:
      return "ALARM";
    case AlarmState::kInsufficientData:
      break;
  }
  return "INSUFFICIENT_DATA";
}

bool breaches(Comparison comparison, double value, double threshold) {
  switch (comparison) {
    case Comparison::kGreaterOrEqual:
      return value >= threshold;
    case Comparison::kGreater:
      return value > threshold;
    case Comparison::kLess:
      return value < threshold;
    case Comparison::kLessOrEqual:
      return value <= threshold;
  }
  return false;
}

AlarmVerdict evaluate_alarm(const AlarmRule& rule, const std::vector<std::optional<double>>& range,
                            AlarmState current) {
  const int n = rule.evaluation_periods, m = rule.datapoints_to_alarm;
  AlarmVerdict out{current, {}};
  int real = 0;
  for (const auto& v : range) real += v.has_value();
  if (real >= n) {
    // The newest N real points; older extra points of the range are not needed.
    int breaching = 0;
    for (auto it = range.rbegin(); it != range.rend() && static_cast<int>(out.values.size()) < n; ++it) {
      if (!*it) continue;
      out.values.insert(out.values.begin(), **it);
      breaching += breaches(rule.comparison, **it, rule.threshold);
    }
    out.state = breaching >= m ? AlarmState::kAlarm : AlarmState::kOk;
    return out;
  }
  int breaching = 0;
  for (const auto& v : range) {
    if (!v) continue;
    out.values.push_back(*v);
    breaching += breaches(rule.comparison, *v, rule.threshold);
  }
  const int fill = n - real;
  switch (rule.missing) {
    case MissingData::kBreaching:
      out.state = breaching + fill >= m ? AlarmState::kAlarm : AlarmState::kOk;
      return out;
    case MissingData::kNotBreaching:
      out.state = breaching >= m ? AlarmState::kAlarm : AlarmState::kOk;
      return out;
    case MissingData::kIgnore:
    case MissingData::kMissing:
      break;
  }
  if (real == 0) {
    if (rule.missing == MissingData::kMissing) out.state = AlarmState::kInsufficientData;
    return out;
  }
  if (breaching >= m) {
    out.state = AlarmState::kAlarm;
  } else if (breaching + fill < m) {
    out.state = AlarmState::kOk;  // not even breaching fills could alarm
  } else if (rule.missing == MissingData::kMissing) {
    // Premature-alarm rule (aws-facts §2), over the newest N periods: age counts back from the
    // newest period, which is 1.
    int size = static_cast<int>(range.size());
    int first = std::max(0, size - n);
    int oldest = first;
    while (oldest < size && !(range[oldest] && breaches(rule.comparison, *range[oldest], rule.threshold))) ++oldest;
    bool newer_ok = true;
    for (int j = oldest + 1; j < size; ++j)
      newer_ok = newer_ok && (!range[j] || breaches(rule.comparison, *range[j], rule.threshold));
    if (oldest < size && size - oldest >= m && newer_ok) out.state = AlarmState::kAlarm;
  }
  return out;
}

}  // namespace fleetsim
