// Conformance suite for the pending-event sets: RadixEventSet must behave exactly like ReferenceEventSet
// under the engine's rule (no push earlier than the last pop).

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "sim/event_entry.hpp"
#include "sim/radix_event_set.hpp"
#include "sim/reference_event_set.hpp"
#include "tests/support/xorshift.hpp"

using fleetsim::testing::XorShift64;

using fleetsim::EventEntry;
using fleetsim::RadixEventSet;
using fleetsim::ReferenceEventSet;

namespace {

// A local generator so the operation sequence is the same on every platform and library.
EventEntry entry(std::int64_t time, std::uint64_t sequence, std::uint32_t slot = 0) {
  return EventEntry{time, (sequence << EventEntry::kSlotBits) | slot};
}

template <class Set>
std::vector<EventEntry> drain(Set& set) {
  std::vector<EventEntry> out;
  while (!set.empty()) out.push_back(set.pop());
  return out;
}

bool same(const EventEntry& a, const EventEntry& b) { return a.time == b.time && a.tag == b.tag; }

}  // namespace

TEST_CASE("fires_before orders by time, then by tag", "[event_set]") {
  CHECK(fleetsim::fires_before(entry(1, 9), entry(2, 1)));
  CHECK_FALSE(fleetsim::fires_before(entry(2, 1), entry(1, 9)));
  CHECK(fleetsim::fires_before(entry(5, 1), entry(5, 2)));
  CHECK_FALSE(fleetsim::fires_before(entry(5, 2), entry(5, 1)));
  CHECK_FALSE(fleetsim::fires_before(entry(5, 2), entry(5, 2)));
  // The sequence dominates the slot, whatever the slot values.
  CHECK(fleetsim::fires_before(entry(5, 1, EventEntry::kSlotMask), entry(5, 2, 0)));
  EventEntry e = entry(7, 12345, 678);
  CHECK(e.sequence() == 12345);
  CHECK(e.slot() == 678);
}

TEMPLATE_TEST_CASE("event set starts empty and tracks its size", "[event_set]", RadixEventSet, ReferenceEventSet) {
  TestType set;
  set.reserve(16);
  CHECK(set.empty());
  CHECK(set.size() == 0);
  set.push(entry(10, 1));
  set.push(entry(5, 2));
  CHECK_FALSE(set.empty());
  CHECK(set.size() == 2);
  CHECK(set.top().time == 5);
  CHECK(set.pop().time == 5);
  CHECK(set.size() == 1);
  CHECK(set.pop().time == 10);
  CHECK(set.empty());
}

TEMPLATE_TEST_CASE("event set pops by time, then by scheduling order", "[event_set]", RadixEventSet,
                   ReferenceEventSet) {
  TestType set;
  // Sequence numbers deliberately disagree with time order and slots disagree with sequence order.
  set.push(entry(30, 1, 7));
  set.push(entry(10, 5, 1));
  set.push(entry(20, 2, 3));
  set.push(entry(10, 3, 9));
  set.push(entry(10, 4, 0));
  set.push(entry(0, 6, 2));
  std::vector<EventEntry> got = drain(set);
  std::vector<EventEntry> want = {entry(0, 6, 2),  entry(10, 3, 9), entry(10, 4, 0),
                                  entry(10, 5, 1), entry(20, 2, 3), entry(30, 1, 7)};
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CHECK(got[i].time == want[i].time);
    CHECK(got[i].tag == want[i].tag);
  }
}

TEMPLATE_TEST_CASE("equal times pop in scheduling order even when pushed in reverse", "[event_set]", RadixEventSet,
                   ReferenceEventSet) {
  TestType set;
  for (std::uint64_t seq = 1000; seq >= 1; --seq) set.push(entry(42, seq, static_cast<std::uint32_t>(seq % 17)));
  for (std::uint64_t seq = 1; seq <= 1000; ++seq) {
    EventEntry e = set.pop();
    REQUIRE(e.time == 42);
    REQUIRE(e.sequence() == seq);
  }
  CHECK(set.empty());
}

TEMPLATE_TEST_CASE("event set handles extreme times", "[event_set]", RadixEventSet, ReferenceEventSet) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  TestType set;
  set.push(entry(kMax, 1));
  set.push(entry(0, 2));
  set.push(entry(kMin, 3));
  set.push(entry(kMax, EventEntry::kMaxSequence, EventEntry::kSlotMask));
  CHECK(set.pop().time == kMin);
  CHECK(set.pop().time == 0);
  CHECK(set.pop().sequence() == 1);
  EventEntry last = set.pop();
  CHECK(last.sequence() == EventEntry::kMaxSequence);
  CHECK(last.slot() == EventEntry::kSlotMask);
}

TEMPLATE_TEST_CASE("event set sorts a large random batch", "[event_set]", RadixEventSet, ReferenceEventSet) {
  XorShift64 rng{0x9E3779B97F4A7C15ULL};
  TestType set;
  constexpr std::uint64_t kCount = 20000;
  for (std::uint64_t seq = 1; seq <= kCount; ++seq) {
    set.push(entry(static_cast<std::int64_t>(rng.below(5000)), seq, static_cast<std::uint32_t>(rng.below(1 << 24))));
  }
  std::vector<EventEntry> out = drain(set);
  REQUIRE(out.size() == kCount);
  for (std::size_t i = 1; i < out.size(); ++i) REQUIRE(fleetsim::fires_before(out[i - 1], out[i]));
}

namespace {

// Runs 100,000 random operations on RadixEventSet and the reference side by side, pushes following
// the engine's rule (never earlier than the last pop, nor than the limit of a pop_not_after that
// returned nothing), each push `delay(rng)` after that floor. Calls top() and pop_not_after at random
// moments too, so pushes land both before and after the set has located its minimum or moved its
// origin. With `descending_tags`, tags shrink with every push (the engine's never do), which
// exercises the sorting of equal times. Returns the largest size reached, so a caller can check the
// run was not trivial.
template <class Delay>
std::size_t check_against_reference(std::uint64_t seed, Delay delay, bool descending_tags = false) {
  XorShift64 rng{seed};
  RadixEventSet fast;
  ReferenceEventSet reference;
  std::uint64_t sequence = descending_tags ? 1000000 : 0;
  std::int64_t floor = 0;
  std::size_t max_size = 0;
  for (int op = 0; op < 100000; ++op) {
    // Bias toward pushes in the first half and toward pops in the second so the size really varies.
    std::uint64_t push_weight = op < 50000 ? 6 : 4;
    std::uint64_t other = rng.below(8);
    if (reference.empty() || rng.below(10) < push_weight) {
      sequence = descending_tags ? sequence - 1 : sequence + 1;
      EventEntry e = entry(floor + delay(rng), sequence, static_cast<std::uint32_t>(rng.below(1 << 24)));
      fast.push(e);
      reference.push(e);
    } else if (other < 2) {
      REQUIRE(same(fast.top(), reference.top()));
    } else if (other < 4) {
      const std::int64_t limit = floor + delay(rng);
      std::optional<EventEntry> a = fast.pop_not_after(limit);
      std::optional<EventEntry> b = reference.pop_not_after(limit);
      REQUIRE(a.has_value() == b.has_value());
      if (a) REQUIRE(same(*a, *b));
      floor = a ? a->time : limit;
    } else {
      EventEntry a = fast.pop();
      EventEntry b = reference.pop();
      REQUIRE(same(a, b));
      floor = a.time;
    }
    REQUIRE(fast.size() == reference.size());
    if (fast.size() > max_size) max_size = fast.size();
  }
  while (!reference.empty()) REQUIRE(same(fast.pop(), reference.pop()));
  CHECK(fast.empty());
  return max_size;
}

}  // namespace

TEST_CASE("RadixEventSet and ReferenceEventSet pop identical sequences under random operations", "[event_set]") {
  SECTION("delays within 64 us: equal times all the time") {
    CHECK(check_against_reference(0x2545F4914F6CDD1DULL,
                                  [](XorShift64& rng) { return static_cast<std::int64_t>(rng.below(64)); }) > 5000);
  }
  SECTION("heavy-tailed delays: Pareto-like, from 1 us to beyond 2^40 us") {
    CHECK(check_against_reference(77, [](XorShift64& rng) {
            // 2^k with k uniform in 0..40, times a uniform factor: every bucket of the radix heap is used.
            return static_cast<std::int64_t>((std::uint64_t{1} << rng.below(41)) + rng.below(1000));
          }) > 5000);
  }
  SECTION("tags pushed in decreasing order: equal times still pop by tag") {
    CHECK(check_against_reference(
              99, [](XorShift64& rng) { return static_cast<std::int64_t>(rng.below(300)); }, true) > 5000);
  }
  SECTION("bimodal delays: zero-delay follow-ups mixed with one-hour timers") {
    CHECK(check_against_reference(4242, [](XorShift64& rng) {
            return rng.below(10) < 9 ? std::int64_t{0}
                                     : std::int64_t{3600000000} + static_cast<std::int64_t>(rng.below(5));
          }) > 5000);
  }
}

TEST_CASE("RadixEventSet accepts a push earlier than the minimum it has located", "[event_set]") {
  // The engine asks for next_time() (top) and may then schedule something sooner than that, at
  // or after the last popped time: the set must not have moved its origin to the minimum.
  RadixEventSet set;
  set.push(entry(100, 1));
  CHECK(set.pop().time == 100);
  set.push(entry(5000, 2));
  set.push(entry(9000, 3));
  CHECK(set.top().time == 5000);
  set.push(entry(100, 4));  // at the last popped time
  set.push(entry(300, 5));
  CHECK(set.top().time == 100);
  CHECK(set.pop().sequence() == 4);
  CHECK(set.top().time == 300);
  CHECK(set.pop().sequence() == 5);
  CHECK(set.pop().sequence() == 2);
  CHECK(set.pop().sequence() == 3);
  CHECK(set.empty());
}

TEMPLATE_TEST_CASE("event sets copy, move and refill", "[event_set]", RadixEventSet, ReferenceEventSet) {
  TestType set;
  for (std::uint64_t seq = 1; seq <= 100; ++seq) set.push(entry(static_cast<std::int64_t>((seq * 37) % 11), seq));
  TestType copy = set;
  TestType moved = std::move(set);
  set = TestType{};  // a moved-from set can be reassigned and used again
  CHECK(set.empty());
  CHECK(set.size() == 0);
  set.push(entry(3, 101));
  CHECK(set.size() == 1);
  CHECK(set.pop().sequence() == 101);
  CHECK(set.empty());
  REQUIRE(copy.size() == 100);
  REQUIRE(moved.size() == 100);
  while (!copy.empty()) REQUIRE(same(copy.pop(), moved.pop()));
  CHECK(moved.empty());
  // Drained to empty and refilled.
  copy.push(entry(19, 200));  // not earlier than the last pop (10)
  copy.push(entry(14, 201));
  CHECK(copy.top().time == 14);
  CHECK(copy.size() == 2);
}
