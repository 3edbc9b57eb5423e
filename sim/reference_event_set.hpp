#pragma once
/// A trivially correct pending-event set, kept beside RadixEventSet so one conformance suite checks both.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>

#include "sim/event_entry.hpp"

namespace fleetsim {

/// An ordered set of entries; obviously right, too slow for real runs.
class ReferenceEventSet {
 public:
  /// True when no entry is pending.
  bool empty() const { return items_.empty(); }
  /// Number of pending entries.
  std::size_t size() const { return items_.size(); }
  /// The earliest entry; the set must not be empty.
  const EventEntry& top() const { return *items_.begin(); }
  /// Present for interface parity with RadixEventSet.
  void reserve(std::size_t) {}
  /// Adds an entry.
  void push(EventEntry e) { items_.insert(e); }
  /// Removes and returns the earliest entry; the set must not be empty.
  EventEntry pop() {
    EventEntry e = *items_.begin();
    items_.erase(items_.begin());
    return e;
  }
  /// Removes and returns the earliest entry if it fires at or before `limit`.
  std::optional<EventEntry> pop_not_after(std::int64_t limit) {
    if (items_.empty() || items_.begin()->time > limit) return std::nullopt;
    return pop();
  }
  /// No prefetch hints: nothing here is worth prefetching.
  const EventEntry* upcoming(std::size_t) const { return nullptr; }

 private:
  struct Before {
    bool operator()(const EventEntry& a, const EventEntry& b) const { return fires_before(a, b); }
  };
  std::set<EventEntry, Before> items_;
};

}  // namespace fleetsim
