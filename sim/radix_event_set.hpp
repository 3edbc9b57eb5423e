#pragma once
/// The pending-event set used by the engine: a radix heap over event times, sixteen buckets per digit.

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "sim/event_entry.hpp"

namespace fleetsim {

/// A monotone priority queue of events, ordered like `fires_before`.
///
/// Why a radix heap: virtual time never goes back, so no entry is pushed earlier than the current
/// time. A radix heap exploits that. Times are read as sixteen 4-bit digits and compared with a
/// reference time `last_` (never later than any pending entry). An entry goes to the bucket named by
/// the most significant digit in which its time differs from `last_` (its level) and its value in
/// that digit. Every bucket covers one aligned range of times, and bucket number order is time order,
/// so the earliest entry is in the lowest non-empty bucket, found with a bitmap. Level-0 buckets hold
/// one exact time each and are served first in, first out. When the lowest bucket is at a higher
/// level, `last_` moves to its earliest time and its entries spread to lower levels. So a push is an
/// append and an entry moves at most fifteen times whatever the delays (heavy tails and bimodal mixes
/// cannot degrade it, unlike a calendar queue whose bucket width must fit them), in practice once or
/// twice; every access is an append or a sequential scan, so a million pending events cost streaming
/// memory traffic, not a cache miss per heap level.
///
/// Ties: all entries of one time are always in one bucket in push order. The engine pushes in
/// increasing tag order, so they leave in tag order. Pushes out of tag order (the conformance tests
/// make them) switch on a sort of the bucket being served.
///
/// Precondition (the engine's own rule, checked there): a pushed entry is not earlier than the last
/// entry popped, nor than the `limit` of the last `pop_not_after` that returned nothing.
class RadixEventSet {
 public:
  /// True when no entry is pending.
  bool empty() const { return size_ == 0; }
  /// Number of pending entries.
  std::size_t size() const { return size_; }
  /// Present for interface parity; buckets grow as entries move between them.
  void reserve(std::size_t) {}

  /// The earliest entry; the set must not be empty. Never moves `last_`, so any push the
  /// precondition allows stays valid after it.
  const EventEntry& top() const {
    if (head_ < buckets_[front_].size()) {
      if (!in_tag_order_) sort_front();
      return buckets_[front_][head_];
    }
    if (!min_known_) find_min();
    return buckets_[min_bucket_][min_index_];
  }

  /// Adds an entry; see the precondition above.
  void push(EventEntry e) {
    const std::size_t b = bucket_of(key(e.time));
    if (e.tag < last_tag_) in_tag_order_ = false;
    last_tag_ = e.tag;
    if (b != front_) {
      occupied_[b >> 6] |= std::uint64_t{1} << (b & 63);
      // Keep a located minimum right: only an earlier entry can displace it.
      if (min_known_ && fires_before(e, buckets_[min_bucket_][min_index_])) {
        min_bucket_ = b;
        min_index_ = buckets_[b].size();
      }
    }
    buckets_[b].push_back(e);
    ++size_;
  }

  /// Removes and returns the earliest entry; the set must not be empty.
  EventEntry pop() { return *pop_not_after(kNoLimit); }

  /// Removes and returns the earliest entry if it fires at or before `limit`; nothing otherwise.
  /// The engine's loop: one call per event, and no second pass over a bucket to look before taking.
  std::optional<EventEntry> pop_not_after(std::int64_t limit) {
    if (head_ < buckets_[front_].size()) {
      if (last_ > key(limit)) return std::nullopt;  // the front is at last_
    } else if (!advance(key(limit))) {
      return std::nullopt;
    }
    if (!in_tag_order_) sort_front();
    --size_;
    return buckets_[front_][head_++];
  }

  /// The entry `ahead` places after the earliest when it fires at the same time, else null: lets
  /// the engine prefetch what the next events will touch.
  const EventEntry* upcoming(std::size_t ahead) const {
    const std::vector<EventEntry>& front = buckets_[front_];
    return head_ + ahead < front.size() ? &front[head_ + ahead] : nullptr;
  }

 private:
  static constexpr unsigned kDigitBits = 4;
  static constexpr std::size_t kDigits = std::size_t{1} << kDigitBits;
  static constexpr std::size_t kBuckets = 64 / kDigitBits * kDigits;
  static constexpr std::int64_t kNoLimit = std::numeric_limits<std::int64_t>::max();

  // Times as unsigned keys in the same order (the sign bit flipped), so bucket arithmetic is on bits.
  static std::uint64_t key(std::int64_t time) { return static_cast<std::uint64_t>(time) ^ (std::uint64_t{1} << 63); }

  // Bucket = level * 16 + digit, level the highest differing digit (0 when equal to last_).
  std::size_t bucket_of(std::uint64_t k) const {
    const unsigned level = static_cast<unsigned>(std::bit_width((k ^ last_) | 1) - 1) / kDigitBits;
    return level * kDigits + ((k >> (level * kDigitBits)) & (kDigits - 1));
  }

  // Lowest non-empty bucket other than the front, or kBuckets when there is none.
  std::size_t lowest_occupied() const {
    for (std::size_t w = 0; w < occupied_.size(); ++w) {
      if (occupied_[w] != 0) return w * 64 + static_cast<std::size_t>(std::countr_zero(occupied_[w]));
    }
    return kBuckets;
  }

  // The front bucket is served out: makes the entries at the next pending time the front if that
  // time is not after `limit`. False (and the next time > limit, or the set empty) otherwise; last_
  // never passes limit, so pushes up to it stay valid.
  bool advance(std::uint64_t limit) {
    buckets_[front_].clear();
    head_ = 0;
    const std::size_t b = lowest_occupied();
    if (b == kBuckets) return false;
    if (b < kDigits) {  // an exact time, last_ with its lowest digit replaced: serve it
      const std::uint64_t time = (last_ & ~std::uint64_t{kDigits - 1}) | b;
      if (time > limit) return false;
      last_ = time;
      front_ = b;
    } else {
      // The earliest time in b becomes last_. Every other bucket keeps its place (b was the lowest,
      // and last_ stays inside b's range), and every entry of b moves strictly lower, the earliest
      // ones straight to the front.
      std::vector<EventEntry>& source = buckets_[b];
      std::uint64_t least = key(source.front().time);
      for (const EventEntry& e : source) least = std::min(least, key(e.time));
      if (least > limit) return false;
      last_ = least;
      occupied_[b >> 6] &= ~(std::uint64_t{1} << (b & 63));
      for (const EventEntry& e : source) {
        const std::size_t to = bucket_of(key(e.time));
        buckets_[to].push_back(e);
        occupied_[to >> 6] |= std::uint64_t{1} << (to & 63);
      }
      source.clear();
      front_ = static_cast<std::size_t>(last_ & (kDigits - 1));
    }
    occupied_[front_ >> 6] &= ~(std::uint64_t{1} << (front_ & 63));
    min_known_ = false;
    return true;
  }

  // Locates the earliest entry outside the front: it is in the lowest non-empty bucket.
  void find_min() const {
    const std::size_t b = lowest_occupied();
    const std::vector<EventEntry>& bucket = buckets_[b];
    std::size_t best = 0;
    for (std::size_t i = 1; i < bucket.size(); ++i) {
      if (fires_before(bucket[i], bucket[best])) best = i;
    }
    min_bucket_ = b;
    min_index_ = best;
    min_known_ = true;
  }

  void sort_front() const {
    std::vector<EventEntry>& front = buckets_[front_];
    const auto from = front.begin() + static_cast<std::ptrdiff_t>(head_);
    if (!std::is_sorted(from, front.end(), fires_before)) std::sort(from, front.end(), fires_before);
  }

  // Mutable: top() is logically const but may sort the front or remember where the minimum is.
  mutable std::array<std::vector<EventEntry>, kBuckets> buckets_;
  std::array<std::uint64_t, kBuckets / 64> occupied_{};  // bucket b non-empty; the front's bit stays clear
  std::uint64_t last_ = 0;  // the reference key; the front bucket holds entries at exactly this time
  std::size_t front_ = 0;   // the level-0 bucket being served
  std::size_t head_ = 0;    // entries of the front already popped
  std::size_t size_ = 0;
  std::uint64_t last_tag_ = 0;
  bool in_tag_order_ = true;  // every push so far had a larger tag than the one before
  mutable bool min_known_ = false;
  mutable std::size_t min_bucket_ = 0;
  mutable std::size_t min_index_ = 0;
};

}  // namespace fleetsim
