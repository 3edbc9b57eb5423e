#pragma once
/// Picks the member with the fewest outstanding requests in O(1): members sit in buckets by count.

#include <cstdint>
#include <vector>

namespace fleetsim {

/// A set of members (dense indices) keyed by a small non-negative load.
///
/// Each bucket is an intrusive doubly linked list; a load change moves a member between adjacent
/// buckets, and the lowest non-empty bucket is tracked, so add, remove, change and pick are O(1)
/// amortized, independent of the number of members. Ties go to the member that entered its bucket
/// first, which depends only on the order of events: deterministic.
class LeastLoaded {
 public:
  /// Adds `member` with load `load`; it must not be present.
  void add(std::uint32_t member, std::uint32_t load);
  /// Removes `member` if present.
  void remove(std::uint32_t member);
  /// Changes a present member's load by +1 or -1.
  void change(std::uint32_t member, int delta);
  /// True when `member` is present.
  bool contains(std::uint32_t member) const { return member < nodes_.size() && nodes_[member].present; }
  /// True when no member is present.
  bool empty() const { return size_ == 0; }
  /// The member with the lowest load; the set must not be empty.
  std::uint32_t least();

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  struct Node {
    std::uint32_t prev = kNone, next = kNone, load = 0;
    bool present = false;
  };
  struct Bucket {
    std::uint32_t head = kNone, tail = kNone;
  };
  void link(std::uint32_t member);
  void unlink(std::uint32_t member);

  std::vector<Node> nodes_;
  std::vector<Bucket> buckets_;
  std::uint32_t lowest_ = 0;  // no non-empty bucket is below this
  std::uint32_t size_ = 0;
};

}  // namespace fleetsim
