#include "sim/output/event_log.hpp"

namespace fleetsim {

void EventLog::emit(SimTime t, const char* type, const nlohmann::ordered_json& fields) {
  if (trace_ != nullptr) trace_->record(t, type, fields);
  if (out_ == nullptr) return;
  // "t" is written as text with exactly microsecond precision rather than through a double.
  *out_ << "{\"t\":" << format_seconds(t) << ",\"type\":\"" << type << '"';
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    *out_ << ",\"" << it.key() << "\":" << it.value().dump();
  }
  *out_ << "}\n";
  ++count_;
}

}  // namespace fleetsim
