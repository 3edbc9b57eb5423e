#pragma once
/// The pending-event set used by the engine: an implicit 4-ary min-heap of 16-byte entries.

#include <cstddef>
#include <new>
#include <vector>

#include "sim/event_entry.hpp"

namespace fleetsim {

/// Allocates on 64-byte boundaries so QuadHeap can place each sibling group on one cache line.
template <class T>
struct CacheLineAllocator {
  /// The allocated type.
  using value_type = T;
  /// Line size assumed by the layout; a constant, not std::hardware_destructive_interference_size,
  /// which g++ warns is ABI-unstable.
  static constexpr std::size_t kAlign = 64;

  CacheLineAllocator() = default;
  /// Rebinding constructor required of allocators.
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}
  /// Returns storage for `n` objects aligned to kAlign.
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{kAlign})); }
  /// Releases storage from allocate().
  void deallocate(T* p, std::size_t) { ::operator delete(p, std::align_val_t{kAlign}); }
  /// All instances are interchangeable.
  template <class U>
  bool operator==(const CacheLineAllocator<U>&) const {
    return true;
  }
};

/// A 4-ary min-heap ordered by `fires_before`.
///
/// Why 4-ary: half the depth of a binary heap, and the four children of a node are four 16-byte
/// entries that fill exactly one 64-byte line. That needs the layout below: the storage is
/// 64-byte aligned and the root sits at index 3 (indices 0-2 are padding), so the children of the
/// node at index p are at 4p-8 .. 4p-5, a group starting on a line boundary. At 10^6 pending the
/// heap outgrows the caches and pop() is bound by memory latency, so while it compares the
/// children it prefetches all sixteen grandchildren (four consecutive lines) to overlap the next
/// level's miss with this level's work. Compares are branch-free (see before()). Sifting moves a
/// hole instead of swapping, one store per level.
class QuadHeap {
 public:
  /// True when no entry is pending.
  bool empty() const { return items_.size() <= kRoot; }
  /// Number of pending entries.
  std::size_t size() const { return empty() ? 0 : items_.size() - kRoot; }
  /// The earliest entry; the heap must not be empty.
  const EventEntry& top() const { return items_[kRoot]; }
  /// Reserves room for `n` entries.
  void reserve(std::size_t n) { items_.reserve(n + kRoot); }

  /// Adds an entry.
  void push(EventEntry e) {
    // The padding is added on first use rather than in a constructor, so a default-constructed
    // heap allocates nothing and a moved-from one (whose vector is empty) is still a valid heap.
    if (items_.empty()) items_.resize(kRoot);
    std::size_t hole = items_.size();
    items_.push_back(e);
    EventEntry* a = items_.data();
    while (hole > kRoot) {
      std::size_t parent = (hole >> 2) + 2;
      if (!before(e, a[parent])) break;
      a[hole] = a[parent];
      hole = parent;
    }
    a[hole] = e;
  }

  /// Removes and returns the earliest entry; the heap must not be empty.
  EventEntry pop() {
    EventEntry result = items_[kRoot];
    EventEntry last = items_.back();
    items_.pop_back();
    const std::size_t end = items_.size();
    if (end == kRoot) return result;
    EventEntry* a = items_.data();
    std::size_t hole = kRoot;
    for (;;) {
      std::size_t first = (hole << 2) - 8;
      if (first >= end) break;
      std::size_t best;
      if (first + 4 <= end) {
        std::size_t grand = (first << 2) - 8;
        if (grand + 16 <= end) {
          __builtin_prefetch(a + grand);
          __builtin_prefetch(a + grand + 4);
          __builtin_prefetch(a + grand + 8);
          __builtin_prefetch(a + grand + 12);
        }
        // A tournament of independent compares whose results feed index arithmetic, so the
        // selection compiles to flag-setting instructions rather than hard-to-predict branches.
        std::size_t left = first + (before(a[first + 1], a[first]) ? 1 : 0);
        std::size_t right = first + 2 + (before(a[first + 3], a[first + 2]) ? 1 : 0);
        best = before(a[right], a[left]) ? right : left;
      } else {
        best = first;
        for (std::size_t c = first + 1; c < end; ++c) {
          if (before(a[c], a[best])) best = c;
        }
      }
      if (!before(a[best], last)) break;
      a[hole] = a[best];
      hole = best;
    }
    a[hole] = last;
    return result;
  }

 private:
  // The same order as fires_before, written with non-short-circuit operators so it compiles
  // without branches: children's keys are random, so a branch per compare mispredicts about half
  // the time, which cost 30% of a hold operation even with the whole heap in L1.
  static bool before(const EventEntry& a, const EventEntry& b) {
    return (a.time < b.time) | ((a.time == b.time) & (a.tag < b.tag));
  }

  static constexpr std::size_t kRoot = 3;
  std::vector<EventEntry, CacheLineAllocator<EventEntry>> items_;
};

}  // namespace fleetsim
