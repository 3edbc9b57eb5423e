// Conformance suite for the pending-event sets: QuadHeap must behave exactly like ReferenceEventSet.

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/event_entry.hpp"
#include "sim/quad_heap.hpp"
#include "sim/reference_event_set.hpp"

#include "tests/support/xorshift.hpp"

using fleetsim::testing::XorShift64;

using fleetsim::EventEntry;
using fleetsim::QuadHeap;
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

TEMPLATE_TEST_CASE("event set starts empty and tracks its size", "[event_set]", QuadHeap, ReferenceEventSet) {
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

TEMPLATE_TEST_CASE("event set pops by time, then by scheduling order", "[event_set]", QuadHeap,
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

TEMPLATE_TEST_CASE("equal times pop in scheduling order even when pushed in reverse", "[event_set]", QuadHeap,
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

TEMPLATE_TEST_CASE("event set handles extreme times", "[event_set]", QuadHeap, ReferenceEventSet) {
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

TEMPLATE_TEST_CASE("event set sorts a large random batch", "[event_set]", QuadHeap, ReferenceEventSet) {
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

TEST_CASE("QuadHeap and ReferenceEventSet pop identical sequences under random operations", "[event_set]") {
  // Many equal times (a range of 64 microseconds) so the tie-break is exercised constantly; sizes
  // grow and shrink so every fill level of the last heap node is visited.
  XorShift64 rng{0x2545F4914F6CDD1DULL};
  QuadHeap heap;
  ReferenceEventSet reference;
  std::uint64_t sequence = 0;
  std::int64_t floor = 0;  // like an engine clock: pushes are never earlier than the last pop
  std::size_t pops = 0;
  std::size_t max_size = 0;
  for (int op = 0; op < 100000; ++op) {
    // Bias toward pushes in the first half and toward pops in the second so the size really varies.
    std::uint64_t push_weight = op < 50000 ? 6 : 4;
    bool do_push = reference.empty() || rng.below(10) < push_weight;
    if (do_push) {
      std::int64_t time = floor + static_cast<std::int64_t>(rng.below(64));
      EventEntry e = entry(time, ++sequence, static_cast<std::uint32_t>(rng.below(1 << 24)));
      heap.push(e);
      reference.push(e);
    } else {
      REQUIRE(same(heap.top(), reference.top()));
      EventEntry a = heap.pop();
      EventEntry b = reference.pop();
      REQUIRE(same(a, b));
      floor = a.time;
      ++pops;
    }
    REQUIRE(heap.size() == reference.size());
    if (heap.size() > max_size) max_size = heap.size();
  }
  while (!reference.empty()) {
    REQUIRE(same(heap.pop(), reference.pop()));
    ++pops;
  }
  CHECK(heap.empty());
  CHECK(pops == sequence);
  // The run must actually have built a deep heap, or it proves little.
  CHECK(max_size > 5000);
}

TEST_CASE("QuadHeap matches the reference when pushes may be earlier than the last pop", "[event_set]") {
  XorShift64 rng{12345};
  QuadHeap heap;
  ReferenceEventSet reference;
  std::uint64_t sequence = 0;
  for (int op = 0; op < 100000; ++op) {
    if (reference.empty() || rng.below(2) == 0) {
      EventEntry e = entry(static_cast<std::int64_t>(rng.below(16)) - 8, ++sequence);
      heap.push(e);
      reference.push(e);
    } else {
      REQUIRE(same(heap.pop(), reference.pop()));
    }
  }
  REQUIRE(heap.size() == reference.size());
  while (!reference.empty()) REQUIRE(same(heap.pop(), reference.pop()));
}

TEMPLATE_TEST_CASE("event sets copy, move and refill", "[event_set]", QuadHeap, ReferenceEventSet) {
  TestType set;
  for (std::uint64_t seq = 1; seq <= 100; ++seq) set.push(entry(static_cast<std::int64_t>((seq * 37) % 11), seq));
  TestType copy = set;
  TestType moved = std::move(set);
  if constexpr (std::is_same_v<TestType, QuadHeap>) {
    // std::vector's move constructor leaves the source empty; the heap must read that as empty.
    CHECK(set.empty());  // NOLINT(bugprone-use-after-move)
    CHECK(set.size() == 0);
  }
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
  // Drained to empty and refilled: the padding below the root must survive.
  copy.push(entry(9, 200));
  copy.push(entry(4, 201));
  CHECK(copy.top().time == 4);
  CHECK(copy.size() == 2);
}
