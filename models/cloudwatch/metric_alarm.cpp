#include "models/cloudwatch/metric_alarm.hpp"

#include "models/api/event_bus.hpp"
#include "sim/output/number_format.hpp"

namespace fleetsim {

namespace {
const char* comparison_text(Comparison c) {
  switch (c) {
    case Comparison::kGreaterOrEqual:
      return "greater than or equal to";
    case Comparison::kGreater:
      return "greater than";
    case Comparison::kLess:
      return "less than";
    case Comparison::kLessOrEqual:
      return "less than or equal to";
  }
  return "";
}
const char* missing_text(MissingData m) {
  switch (m) {
    case MissingData::kBreaching:
      return "breaching";
    case MissingData::kNotBreaching:
      return "not breaching";
    case MissingData::kIgnore:
      return "ignore";
    case MissingData::kMissing:
      break;
  }
  return "missing";
}
}  // namespace

MetricAlarm::MetricAlarm(RunContext& ctx, AlarmSpec spec, Statistic statistic, const PeriodValues& series,
                         int range_extra)
    : ctx_(ctx),
      spec_(std::move(spec)),
      statistic_(statistic),
      series_(series),
      range_extra_(range_extra),
      rule_{spec_.evaluation_periods, spec_.datapoints_to_alarm, spec_.comparison, spec_.threshold, spec_.missing} {}

Duration MetricAlarm::cadence() const {
  return spec_.period < Duration::seconds(60) ? Duration::seconds(10) : Duration::seconds(60);
}

void MetricAlarm::evaluate(SimTime now) {
  // Periods are aligned to the start of the simulation; the newest is the last one that has ended.
  const std::int64_t p = spec_.period.us();
  SimTime newest = SimTime::from_micros(now.us() / p * p);
  std::vector<std::optional<double>> range;
  for (int k = spec_.evaluation_periods + range_extra_ - 1; k >= 0; --k) {
    SimTime end = newest - spec_.period * k;
    if (end <= SimTime::zero()) continue;
    range.push_back(series_.period_value(end, spec_.period, statistic_, now));
  }
  AlarmVerdict verdict = evaluate_alarm(rule_, range, state_);
  if (verdict.state != state_) {
    if (ctx_.events.enabled()) {
      ctx_.events.emit(now, "AlarmStateChange",
                       {{"alarm", spec_.name},
                        {"from", alarm_state_name(state_)},
                        {"to", alarm_state_name(verdict.state)},
                        {"reason", reason(verdict)}});
    }
    // CloudWatch user guide, "Alarm events and EventBridge": detail-type "CloudWatch Alarm State Change".
    publish_event(ctx_, [&](const EventBus& bus) {
      return BusEvent{"aws.cloudwatch",
                      "CloudWatch Alarm State Change",
                      nlohmann::json::array({bus.arn("cloudwatch", "alarm:" + spec_.name)}),
                      {{"alarmName", spec_.name},
                       {"state", {{"value", alarm_state_name(verdict.state)}, {"reason", reason(verdict)}}},
                       {"previousState", {{"value", alarm_state_name(state_)}}}}};
    });
    state_ = verdict.state;
    switch (state_) {
      case AlarmState::kAlarm:
        invoke(spec_.alarm_actions, verdict);
        break;
      case AlarmState::kOk:
        invoke(spec_.ok_actions, verdict);
        break;
      case AlarmState::kInsufficientData:
        invoke(spec_.insufficient_data_actions, verdict);
        break;
    }
  } else if (state_ == AlarmState::kAlarm && now - last_invoked_ >= Duration::seconds(60)) {
    // Auto Scaling actions are re-invoked every minute while the alarm stays in ALARM (aws-facts §2 "Actions").
    invoke(spec_.alarm_actions, verdict);
  }
}

void MetricAlarm::invoke(const std::vector<AlarmAction*>& actions, const AlarmVerdict& verdict) {
  last_invoked_ = ctx_.engine.now();
  AlarmNotice notice{spec_.name, state_, spec_.threshold, verdict.values};
  for (AlarmAction* a : actions) a->on_alarm(notice);
}

std::string MetricAlarm::reason(const AlarmVerdict& verdict) const {
  if (verdict.state == AlarmState::kInsufficientData) return "Insufficient Data: no datapoints in the evaluation range";
  std::string values;
  int breaching = 0;
  for (double v : verdict.values) {
    values += (values.empty() ? "" : ", ") + format_number(v);
    breaching += breaches(spec_.comparison, v, spec_.threshold);
  }
  std::string text = "Threshold Crossed: " + std::to_string(breaching) + " of " +
                     std::to_string(verdict.values.size()) + " datapoints [" + values + "] were " +
                     comparison_text(spec_.comparison) + " the threshold (" + format_number(spec_.threshold) +
                     ") (minimum " + std::to_string(spec_.datapoints_to_alarm) + " of " +
                     std::to_string(spec_.evaluation_periods) + " to alarm)";
  int missing = spec_.evaluation_periods - static_cast<int>(verdict.values.size());
  if (missing > 0)
    text += "; " + std::to_string(missing) + " missing datapoints treated as " + missing_text(spec_.missing);
  return text;
}

}  // namespace fleetsim
