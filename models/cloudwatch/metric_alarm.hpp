#pragma once
/// A CloudWatch metric alarm (PutMetricAlarm): evaluated on a schedule, it changes state, logs
/// AlarmStateChange and invokes its actions.

#include "models/api/alarms.hpp"
#include "models/api/run_context.hpp"
#include "models/cloudwatch/alarm_evaluation.hpp"
#include "models/cloudwatch/metric_series.hpp"

namespace fleetsim {

/// One alarm on one metric series.
class MetricAlarm {
 public:
  /// An alarm in INSUFFICIENT_DATA (CloudWatch's initial state); `range_extra` periods beyond N
  /// form the evaluation range.
  MetricAlarm(RunContext& ctx, AlarmSpec spec, Statistic statistic, const PeriodValues& series, int range_extra);
  /// Evaluates now (a multiple of cadence()).
  void evaluate(SimTime now);
  /// How often CloudWatch evaluates it: every minute, every 10 s for periods under a minute (aws-facts §2).
  Duration cadence() const;
  /// How far back its evaluation range reaches.
  Duration lookback() const { return spec_.period * (spec_.evaluation_periods + range_extra_ + 1); }
  /// The current state.
  AlarmState state() const { return state_; }
  /// The request it was created from.
  const AlarmSpec& spec() const { return spec_; }

 private:
  void invoke(const std::vector<AlarmAction*>& actions, const AlarmVerdict& verdict);
  std::string reason(const AlarmVerdict& verdict) const;

  RunContext& ctx_;
  AlarmSpec spec_;
  Statistic statistic_;
  const PeriodValues& series_;
  int range_extra_;
  AlarmRule rule_;
  AlarmState state_ = AlarmState::kInsufficientData;
  SimTime last_invoked_;
};

}  // namespace fleetsim
