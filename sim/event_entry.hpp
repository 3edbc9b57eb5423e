#pragma once
/// The 16-byte key of a pending event and the total order on it.

#include <cstdint>

namespace fleetsim {

/// A pending event as the event set stores it: when it fires and a tag that makes the order total.
///
/// Ordering invariant: entries compare by (time, tag). The tag packs the global scheduling sequence
/// number in its high 40 bits and the engine's record slot in its low 24 bits. Sequence numbers are
/// unique and increase with every schedule call, so events at the same microsecond run in the order
/// they were scheduled, whatever the slot, and no two entries are ever equal.
struct EventEntry {
  std::int64_t time;  ///< microseconds since the start
  std::uint64_t tag;  ///< (sequence << kSlotBits) | slot

  static constexpr unsigned kSlotBits = 24;
  static constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSlotBits) - 1;
  static constexpr std::uint64_t kMaxSequence = (std::uint64_t{1} << (64 - kSlotBits)) - 1;

  /// The engine record slot this entry refers to.
  std::uint32_t slot() const { return static_cast<std::uint32_t>(tag & kSlotMask); }
  /// The scheduling sequence number of this entry.
  std::uint64_t sequence() const { return tag >> kSlotBits; }
};

/// True when `a` fires before `b`.
inline bool fires_before(const EventEntry& a, const EventEntry& b) {
  return a.time < b.time || (a.time == b.time && a.tag < b.tag);
}

}  // namespace fleetsim
