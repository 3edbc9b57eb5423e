#pragma once
/// CloudWatch alarms as other models see them: what an alarm tells its actions, and how a model
/// (Application Auto Scaling's target tracking) creates alarms of its own.

#include <optional>
#include <string>
#include <vector>

#include "sim/time.hpp"

namespace fleetsim {

/// CloudWatch alarm states.
enum class AlarmState { kInsufficientData, kOk, kAlarm };

/// The name CloudWatch gives a state ("INSUFFICIENT_DATA").
const char* alarm_state_name(AlarmState state);

/// What an alarm passes to the action it invokes.
struct AlarmNotice {
  std::string alarm;                  ///< the alarm's name
  AlarmState state;                   ///< the state that invoked the action
  double threshold = 0;               ///< the alarm's threshold
  std::vector<double> recent_values;  ///< the real datapoints the evaluation used, oldest first
};

/// Something an alarm invokes (AlarmActions / OKActions): a scaling policy.
class AlarmAction {
 public:
  virtual ~AlarmAction() = default;
  /// The alarm entered, or stays in, the state the action is attached to.
  virtual void on_alarm(const AlarmNotice& notice) = 0;
};

/// PutMetricAlarm's comparison operators fleetsim evaluates.
enum class Comparison { kGreaterOrEqual, kGreater, kLess, kLessOrEqual };

/// TreatMissingData.
enum class MissingData { kMissing, kNotBreaching, kBreaching, kIgnore };

/// One MetricStat query of a metric math alarm.
struct MetricStatInput {
  std::string id;                              ///< the Id the expression names it by
  std::string name_space, metric, dimensions;  ///< the metric, as MetricSource keys name it
  std::string statistic = "Average";           ///< its Stat
};

/// A PutMetricAlarm request, resolved.
struct AlarmSpec {
  std::string name;
  std::string name_space, metric,
      dimensions;                            ///< the metric, as MetricSource keys name it (unless `expression` is set)
  std::string expression;                    ///< metric math over `math_inputs`; "" for a single metric
  std::vector<MetricStatInput> math_inputs;  ///< the MetricStat queries `expression` names
  Duration resolution = Duration::seconds(60);  ///< datapoint resolution of the metric (60 s, or 20 s high resolution)
  std::string statistic = "Average";            ///< Statistic or ExtendedStatistic ("p99")
  Duration period = Duration::seconds(60);
  int evaluation_periods = 1;
  int datapoints_to_alarm = 1;
  Comparison comparison = Comparison::kGreater;
  double threshold = 0;
  MissingData missing = MissingData::kMissing;
  std::vector<AlarmAction*> alarm_actions;
  std::vector<AlarmAction*> ok_actions;
  std::vector<AlarmAction*> insufficient_data_actions;
};

/// A metric's latest datapoint as alarms see it: the end of its interval and its statistic, or no value when
/// CloudWatch has none for that interval (no task running, no request flowing).
struct MetricReading {
  SimTime end;                  ///< the end of the datapoint's interval
  std::optional<double> value;  ///< nothing: the datapoint is missing
};

/// The name CloudWatch is provided under, as the AlarmHost.
inline constexpr const char* kCloudWatch = "cloudwatch";

/// CloudWatch as a model that creates alarms sees it.
class AlarmHost {
 public:
  virtual ~AlarmHost() = default;
  /// True when a metric of that name and dimensions has a datapoint source.
  virtual bool has_metric(const std::string& name_space, const std::string& metric,
                          const std::string& dimensions) const = 0;
  /// Why CloudWatch would refuse metric math `expression` over `ids`, or nothing when it evaluates it.
  virtual std::optional<std::string> check_expression(const std::string& expression,
                                                      const std::vector<std::string>& ids) const = 0;
  /// Creates an alarm (its metrics must exist, its expression pass check_expression). Returns a handle for state
  /// queries.
  virtual std::size_t put_metric_alarm(AlarmSpec spec) = 0;
  /// The current state of alarm `handle`.
  virtual AlarmState state(std::size_t handle) const = 0;
  /// Asks CloudWatch to keep a metric's 60-s datapoints for a model that reads them itself (GetMetricData), as
  /// alarms see them (the metric must exist). Returns a handle for latest().
  virtual std::size_t watch_metric(const std::string& name_space, const std::string& metric,
                                   const std::string& dimensions) = 0;
  /// The latest datapoint of watched metric `handle` visible at `now` (past its publication delay), under
  /// `statistic` ("Average", "Sum", ...).
  virtual MetricReading latest(std::size_t handle, const std::string& statistic, SimTime now) const = 0;
};

}  // namespace fleetsim
