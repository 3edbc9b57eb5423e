#pragma once
/// events.jsonl: state changes, one JSON object a line, in time order.

#include <nlohmann/json.hpp>
#include <ostream>

#include "sim/output/lifecycle_trace.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// Streams events to a file and to timeline.json's trace (either may be absent).
class EventLog {
 public:
  /// Writes to `out` and hands every event to `trace`; a null one is skipped.
  explicit EventLog(std::ostream* out, LifecycleTrace* trace = nullptr) : out_(out), trace_(trace) {}
  /// False when events go nowhere, so callers can skip building them.
  bool enabled() const { return out_ != nullptr || trace_ != nullptr; }
  /// Writes `{"t": <seconds>, "type": type, ...fields}`; fields keep their insertion order.
  void emit(SimTime t, const char* type, const nlohmann::ordered_json& fields);
  /// Events written so far.
  std::uint64_t count() const { return count_; }

 private:
  std::ostream* out_;
  LifecycleTrace* trace_;
  std::uint64_t count_ = 0;
};

}  // namespace fleetsim
