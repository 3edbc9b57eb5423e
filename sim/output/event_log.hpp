#pragma once
/// events.jsonl: state changes, one JSON object a line, in time order.

#include <nlohmann/json.hpp>
#include <ostream>

#include "sim/time.hpp"

namespace fleetsim {

/// Streams events to a file (or nowhere when events are switched off).
class EventLog {
 public:
  /// Writes to `out`, or discards everything when `out` is null.
  explicit EventLog(std::ostream* out) : out_(out) {}
  /// False when events are not written, so callers can skip building them.
  bool enabled() const { return out_ != nullptr; }
  /// Writes `{"t": <seconds>, "type": type, ...fields}`; fields keep their insertion order.
  void emit(SimTime t, const char* type, const nlohmann::ordered_json& fields);
  /// Events written so far.
  std::uint64_t count() const { return count_; }

 private:
  std::ostream* out_;
  std::uint64_t count_ = 0;
};

}  // namespace fleetsim
