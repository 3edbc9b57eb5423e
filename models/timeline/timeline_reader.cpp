#include "models/timeline/timeline_reader.hpp"

#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

TimelineEntryConfig read_timeline_entry(const nlohmann::json& e, const std::string& p) {
  TimelineEntryConfig entry{
      SimTime::zero() + read_duration(e["at"], append_pointer(p, "at")), e["action"].get<std::string>(), {}};
  for (auto it = e.begin(); it != e.end(); ++it) {
    if (it.key() != "at") entry.record[it.key()] = *it;
  }
  return entry;
}

}  // namespace fleetsim
