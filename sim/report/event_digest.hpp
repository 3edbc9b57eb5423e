#pragma once
/// What the report takes from events.jsonl: marks on the time axis (scaling decisions, alarm
/// transitions, timeline actions, Spot warnings), shaded spans (deployments, zone outages) and step
/// series rebuilt from state changes (instances by type and purchase option, alarms in ALARM).

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sim/report/metric_table.hpp"

namespace fleetsim {

/// A moment worth a line on every chart.
struct Mark {
  double t = 0;
  std::string kind;   ///< "scaling", "capacity", "alarm", "decision", "action", "spot"
  std::string label;  ///< short: "web 4 → 5"
  std::string text;   ///< the event's reason, or its fields
};

/// An interval worth shading on every chart.
struct Span {
  double from = 0;
  double to = 0;
  std::string kind;   ///< "deployment" or "fault"
  std::string label;  ///< "web: web:2 FAILED"
};

/// The report's view of events.jsonl.
struct EventDigest {
  std::vector<Mark> marks;  ///< in time order
  std::vector<Span> spans;  ///< in order of their start
  /// Running instances per "type purchase-option" ("m5.xlarge on-demand"), as steps.
  std::map<std::string, std::vector<Point>> instances;
  /// Per alarm, 1 while in ALARM and 0 otherwise, as steps.
  std::map<std::string, std::vector<Point>> alarms;
};

/// Reads `dir`/events.jsonl (absent: an empty digest); spans still open at `duration_s` end there.
/// Throws ReportError naming FILE:LINE for a line that is not a JSON object with `t` and `type`.
EventDigest read_event_digest(const std::filesystem::path& dir, double duration_s);

}  // namespace fleetsim
