#pragma once
/// The pending-event set used by the engine: a radix heap over event times.

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/event_entry.hpp"

namespace fleetsim {

/// A monotone priority queue of events in bucket order, ordered like `fires_before`.
///
/// Why a radix heap: virtual time never goes back, so no entry is ever pushed earlier than the
/// last one popped. A radix heap exploits that. It keeps entries in 65 buckets by the highest bit in
/// which their time differs from the last popped time (`last_`): bucket 0 holds entries at exactly
/// `last_`, bucket b the entries whose time first differs from it in bit b-1. A push is an append. When
/// bucket 0 runs dry, the lowest non-empty bucket holds the minimum; `last_` becomes that minimum and
/// that bucket's entries are redistributed, each to a strictly lower bucket. So an entry moves at most
/// 64 times in its life whatever the distribution of delays (heavy tails and bimodal mixes cannot
/// make it degrade, unlike a calendar queue whose bucket width must fit the delays), and in practice a
/// few times. Every access is an append or a sequential scan, so a million pending events cost
/// streaming memory traffic instead of a binary heap's cache miss per level.
///
/// Ties: bucket 0 is served first in, first out and kept sorted by tag. The engine pushes entries
/// in increasing tag order, so it is always sorted already; a push out of order (which the
/// conformance tests make) marks it for a sort before the next pop.
///
/// Precondition (the engine's own rule, checked there): a pushed entry's time is not earlier than
/// the time of the last entry popped.
class RadixEventSet {
 public:
  /// True when no entry is pending.
  bool empty() const { return size_ == 0; }
  /// Number of pending entries.
  std::size_t size() const { return size_; }
  /// Present for interface parity; buckets grow as entries move between them.
  void reserve(std::size_t) {}

  /// The earliest entry; the set must not be empty.
  const EventEntry& top() const {
    if (head_ < buckets_[0].size()) {
      if (!front_sorted_) sort_front();
      return buckets_[0][head_];
    }
    if (!min_known_) find_min();
    return buckets_[min_bucket_][min_index_];
  }

  /// Adds an entry; its time must not be earlier than the last popped entry's.
  void push(EventEntry e) {
    const std::size_t b = bucket_of(e.time);
    std::vector<EventEntry>& bucket = buckets_[b];
    if (b == 0) {
      if (head_ == bucket.size()) {
        bucket.clear();  // all popped: start over rather than grow through a long instant
        head_ = 0;
      } else if (fires_before(e, bucket.back())) {
        front_sorted_ = false;
      }
    } else {
      occupied_ |= std::uint64_t{1} << (b - 1);
      // Keep a known minimum known: a later time or an equal time with a larger tag cannot beat it.
      if (min_known_ && fires_before(e, buckets_[min_bucket_][min_index_])) {
        min_bucket_ = b;
        min_index_ = bucket.size();
      }
    }
    bucket.push_back(e);
    ++size_;
  }

  /// Removes and returns the earliest entry; the set must not be empty.
  EventEntry pop() {
    if (head_ == buckets_[0].size()) refill_front();
    if (!front_sorted_) sort_front();
    EventEntry e = buckets_[0][head_++];
    --size_;
    return e;
  }

 private:
  // Times as unsigned keys in the same order (the sign bit flipped), so bucket arithmetic is on bits.
  static std::uint64_t key(std::int64_t time) {
    return static_cast<std::uint64_t>(time) ^ (std::uint64_t{1} << 63);
  }

  std::size_t bucket_of(std::int64_t time) const {
    const std::uint64_t diff = key(time) ^ last_;
    return diff == 0 ? 0 : static_cast<std::size_t>(std::bit_width(diff));
  }

  // Locates the earliest entry: it is in the lowest occupied bucket, because bucket numbers grow with
  // time for every time not earlier than last_.
  void find_min() const {
    const std::size_t b = static_cast<std::size_t>(std::countr_zero(occupied_)) + 1;
    const std::vector<EventEntry>& bucket = buckets_[b];
    std::size_t best = 0;
    for (std::size_t i = 1; i < bucket.size(); ++i) {
      if (fires_before(bucket[i], bucket[best])) best = i;
    }
    min_bucket_ = b;
    min_index_ = best;
    min_known_ = true;
  }

  // Bucket 0 is exhausted: advance last_ to the minimum and spread its bucket one level down or more.
  void refill_front() {
    if (!min_known_) find_min();
    std::vector<EventEntry>& source = buckets_[min_bucket_];
    last_ = key(source[min_index_].time);
    buckets_[0].clear();
    head_ = 0;
    for (const EventEntry& e : source) {
      const std::size_t b = bucket_of(e.time);
      buckets_[b].push_back(e);
      if (b != 0) occupied_ |= std::uint64_t{1} << (b - 1);
    }
    // Entries of one time sit in one bucket in push order, so this is sorted unless pushes were not.
    front_sorted_ = std::is_sorted(buckets_[0].begin(), buckets_[0].end(), fires_before);
    source.clear();
    occupied_ &= ~(std::uint64_t{1} << (min_bucket_ - 1));
    min_known_ = false;
  }

  void sort_front() const {
    std::sort(buckets_[0].begin() + static_cast<std::ptrdiff_t>(head_), buckets_[0].end(), fires_before);
    front_sorted_ = true;
  }

  // Mutable: top() is logically const but may sort the front or remember where the minimum is.
  mutable std::array<std::vector<EventEntry>, 65> buckets_;
  std::size_t head_ = 0;           // next entry of bucket 0 to pop
  std::uint64_t occupied_ = 0;     // bit b-1 set when bucket b (1..64) is non-empty
  std::uint64_t last_ = 0;         // key of the last popped time (at first the earliest time there is)
  std::size_t size_ = 0;
  mutable bool front_sorted_ = true;
  mutable bool min_known_ = false;
  mutable std::size_t min_bucket_ = 0;
  mutable std::size_t min_index_ = 0;
};

}  // namespace fleetsim
