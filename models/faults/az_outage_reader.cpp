#include "models/faults/az_outage_reader.hpp"

#include <algorithm>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

AzOutageConfig read_az_outage(const nlohmann::json& entry, const std::string& p,
                              const std::vector<std::string>& zones) {
  std::string zone = entry["availabilityZone"].get<std::string>();
  if (std::find(zones.begin(), zones.end(), zone) == zones.end()) {
    throw ScenarioError(append_pointer(p, "availabilityZone"),
                        no_such_name("Availability Zone", zone, zones) + " among simulation.availabilityZones");
  }
  Duration duration = read_duration(entry["duration"], append_pointer(p, "duration"));
  if (duration <= Duration{})
    throw ScenarioError(append_pointer(p, "duration"), "expected a duration longer than zero");
  SimTime start = SimTime::zero() + read_duration(entry["at"], append_pointer(p, "at"));
  return {std::move(zone), start, duration};
}

}  // namespace fleetsim
