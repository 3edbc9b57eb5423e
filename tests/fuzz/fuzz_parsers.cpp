/// libFuzzer target: the small text parsers of the scenario format. The first byte picks one: durations ("1h30m"),
/// schedule expressions (at(), rate(), cron()) with their next run, and UTC date-times. Each either refuses with
/// a message or gives a value that survives its own round trip.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "models/schedule/schedule_expression.hpp"
#include "sim/calendar.hpp"
#include "sim/time.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void duration(const std::string& text) {
  fleetsim::Duration d;
  std::string error;
  if (!fleetsim::parse_duration(text, d, error)) {
    require(!error.empty());
    return;
  }
  // What format_duration writes, parse_duration reads back exactly.
  fleetsim::Duration again;
  require(fleetsim::parse_duration(fleetsim::format_duration(d), again, error));
  require(again.us() == d.us());
}

void schedule(const std::string& text) {
  std::string error;
  const auto expression = fleetsim::ScheduleExpression::parse(text, error);
  if (!expression) {
    require(!error.empty());
    return;
  }
  // A few runs from the default start: strictly increasing, never before the start.
  std::int64_t t = 1767225600;
  for (int i = 0; i < 4; ++i) {
    const auto next = expression->next_after(t, 1767225600);
    if (!next) break;
    require(*next > t);
    t = *next;
  }
}

void date_time(const std::string& text) { (void)fleetsim::parse_utc_date_time(text); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      duration(text);
      break;
    case 1:
      schedule(text);
      break;
    default:
      date_time(text);
      break;
  }
  return 0;
}
