#pragma once
/// The pure reader of the `alarms` section: validated PutMetricAlarm entries in, alarm specs out, no World.
/// Whether a metric exists and which scaling policies there are it asks an AlarmLookup, so errors keep their
/// order and pointers; problems are thrown as ScenarioError at the pointer they concern.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/api/alarms.hpp"

namespace fleetsim {

/// The rest of the run as the alarm reader sees it: the wiring answers from the World, tests from a table.
class AlarmLookup {
 public:
  virtual ~AlarmLookup() = default;
  /// True when CloudWatch has a datapoint source for that metric.
  virtual bool has_metric(const std::string& name_space, const std::string& metric,
                          const std::string& dimensions) const = 0;
  /// The scaling policies alarms may invoke, by name, sorted.
  virtual std::vector<std::string> policies() const = 0;
};

/// One alarm as read: the spec without its actions, and the policies each kind of action names.
struct AlarmEntry {
  AlarmSpec spec;                                      ///< every field but the action pointers
  std::vector<std::string> alarm_actions;              ///< policy names invoked in ALARM
  std::vector<std::string> ok_actions;                 ///< ... on entering OK
  std::vector<std::string> insufficient_data_actions;  ///< ... on entering INSUFFICIENT_DATA
};

/// The alarms section: each alarm once, on a metric `lookup` has, its actions among `lookup`'s policies (SNS and
/// EC2 actions, and every action of an alarm with ActionsEnabled false, are dropped).
std::vector<AlarmEntry> read_alarms(const nlohmann::json& section, const AlarmLookup& lookup);

}  // namespace fleetsim
