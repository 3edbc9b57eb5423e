// An azOutage entry read without a World: zone, start and duration, and what is refused.

#include <catch2/catch.hpp>

#include "models/faults/az_outage_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

const std::vector<std::string> kZones = {"us-east-1a", "us-east-1b"};

// The diagnostic reading `entry` throws.
Diagnostic error_reading(const nlohmann::json& entry) {
  return error_of([&] { read_az_outage(entry, "/timeline/2", kZones); });
}

TEST_CASE("an outage's zone, start and duration", "[faults][reader]") {
  AzOutageConfig o =
      read_az_outage({{"at", "2h"}, {"action", "azOutage"}, {"availabilityZone", "us-east-1b"}, {"duration", "30m"}},
                     "/timeline/0", kZones);
  CHECK(o.zone == "us-east-1b");
  CHECK(o.start == SimTime::zero() + Duration::seconds(7200));
  CHECK(o.duration == Duration::seconds(1800));
}

TEST_CASE("what the outage reader refuses, and where", "[faults][reader]") {
  Diagnostic e = error_reading({{"at", "2h"}, {"availabilityZone", "us-east-1c"}, {"duration", "30m"}});
  CHECK(e.pointer == "/timeline/2/availabilityZone");
  CHECK(e.message.find("among simulation.availabilityZones") != std::string::npos);
  e = error_reading({{"at", "2h"}, {"availabilityZone", "us-east-1a"}, {"duration", 0}});
  CHECK(e.pointer == "/timeline/2/duration");
  CHECK(e.message == "expected a duration longer than zero");
}

}  // namespace
}  // namespace fleetsim
