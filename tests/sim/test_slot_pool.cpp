#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/slot_pool.hpp"

using fleetsim::SlotHandle;
using fleetsim::SlotPool;

TEST_CASE("a slot pool hands out slots in order, then reuses released ones last-in first-out", "[slot_pool]") {
  SlotPool<int> pool("values");
  std::vector<SlotHandle> h;
  for (int i = 0; i < 4; ++i) h.push_back(pool.acquire(10 + i));
  for (std::uint32_t i = 0; i < 4; ++i) {
    CHECK(h[i].index() == i);
    CHECK(h[i].generation() == i + 1);
    CHECK(pool[i] == static_cast<int>(10 + i));
  }
  pool.release(1);
  pool.release(3);
  pool.release(0);
  // The most recently released slot comes back first: 0, then 3, then 1, then a new one.
  CHECK(pool.acquire(20).index() == 0);
  CHECK(pool.acquire(21).index() == 3);
  CHECK(pool.acquire(22).index() == 1);
  SlotHandle fresh = pool.acquire(23);
  CHECK(fresh.index() == 4);
  CHECK(fresh.generation() == 8);
  CHECK(pool.size() == 5);
  CHECK(pool[3] == 21);
}

TEST_CASE("a slot pool detects a stale handle instead of aliasing the slot's new occupant", "[slot_pool]") {
  SlotPool<std::string> pool("names");
  SlotHandle old_handle = pool.acquire("first");
  REQUIRE(pool.find(old_handle) != nullptr);
  CHECK(*pool.find(old_handle) == "first");
  CHECK(pool.take(old_handle.index()) == "first");
  CHECK(pool.find(old_handle) == nullptr);  // released, not yet reused
  CHECK_FALSE(pool.in_use(old_handle.index()));

  SlotHandle new_handle = pool.acquire("second");
  CHECK(new_handle.index() == old_handle.index());  // same slot...
  CHECK(new_handle != old_handle);                  // ...another occupancy
  CHECK(pool.find(old_handle) == nullptr);
  REQUIRE(pool.find(new_handle) != nullptr);
  CHECK(*pool.find(new_handle) == "second");
  CHECK(pool.handle(new_handle.index()) == new_handle);
  CHECK(pool.in_use(new_handle.index()));
}

TEST_CASE("a slot pool finds nothing for a default handle or one of a slot it never made", "[slot_pool]") {
  SlotPool<int> pool("values");
  CHECK(pool.find(SlotHandle{}) == nullptr);
  SlotHandle h = pool.acquire(7);
  pool.release(h.index());
  CHECK(pool.find(SlotHandle{}) == nullptr);  // slot 0 is free, yet a default handle names nothing
  CHECK(pool.find(SlotHandle::from_bits((std::uint64_t{5} << SlotHandle::kIndexBits) | 9)) == nullptr);
  CHECK_FALSE(SlotHandle{});
  CHECK(SlotHandle::from_bits(h.bits()) == h);
}

TEST_CASE("a slot pool grows with its peak occupancy, not with its acquisitions", "[slot_pool]") {
  SlotPool<std::uint64_t> pool("values");
  std::vector<SlotHandle> live;
  for (std::uint64_t round = 0; round < 1000; ++round) {
    // Peak of 100 values at once, 100,000 acquisitions in all.
    for (std::uint64_t i = 0; i < 100; ++i) live.push_back(pool.acquire(round * 100 + i));
    for (SlotHandle h : live) {
      REQUIRE(pool.find(h) != nullptr);
      CHECK(*pool.find(h) == pool[h.index()]);
    }
    for (SlotHandle h : live) pool.release(h.index());
    live.clear();
  }
  CHECK(pool.size() == 100);
  SlotHandle last = pool.acquire(0);
  CHECK(last.generation() == 100001);
  // Values survive growth: the storage moves, the indices do not.
  SlotPool<std::uint64_t> growing("values");
  std::vector<SlotHandle> all;
  for (std::uint64_t i = 0; i < 5000; ++i) all.push_back(growing.acquire(i * 3));
  for (std::uint64_t i = 0; i < 5000; ++i) CHECK(*growing.find(all[i]) == i * 3);
}
