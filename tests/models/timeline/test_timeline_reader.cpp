// A timeline entry read without a World: its time, its action and the record its TimelineAction event carries.

#include <catch2/catch.hpp>

#include "models/timeline/timeline_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

TEST_CASE("a timeline entry's time, action and record", "[timeline][reader]") {
  TimelineEntryConfig e = read_timeline_entry(
      {{"at", "1h30m"}, {"action", "updateService"}, {"service", "web"}, {"desiredCount", 4}}, "/timeline/0");
  CHECK(e.at == SimTime::zero() + Duration::seconds(5400));
  CHECK(e.action == "updateService");
  // Every field but `at`, in key order.
  CHECK(e.record.dump() == R"({"action":"updateService","desiredCount":4,"service":"web"})");
  CHECK(read_timeline_entry({{"at", 0}, {"action", "x"}}, "/timeline/0").at == SimTime::zero());
}

TEST_CASE("a timeline entry with a bad time is a located error", "[timeline][reader]") {
  Diagnostic e = error_of([] { read_timeline_entry({{"at", "soon"}, {"action", "x"}}, "/timeline/3"); });
  CHECK(e.pointer == "/timeline/3/at");
}

}  // namespace
}  // namespace fleetsim
