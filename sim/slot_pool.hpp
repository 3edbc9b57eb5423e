#pragma once
/// Dense storage with a free list and generation-checked handles: the one slot pool of the core.

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine_limit.hpp"

namespace fleetsim {

/// Names one occupancy of a pool slot: the slot's index in the low 24 bits and, above them, the
/// occupancy's generation (the pool's count of acquisitions when it was handed out, from 1). A
/// generation is never reused within a pool, so a handle kept after its slot was released and taken
/// again no longer matches it. A default-constructed handle names nothing.
class SlotHandle {
 public:
  static constexpr unsigned kIndexBits = 24;  ///< 16.7 million slots per pool
  static constexpr std::uint64_t kIndexMask = (std::uint64_t{1} << kIndexBits) - 1;
  static constexpr std::uint64_t kMaxGeneration = (std::uint64_t{1} << (64 - kIndexBits)) - 1;

  /// A handle naming nothing.
  constexpr SlotHandle() = default;
  /// The handle whose bits() are `bits` (a handle stored as a 64-bit payload or event tag).
  static constexpr SlotHandle from_bits(std::uint64_t bits) { return SlotHandle(bits); }

  /// The slot's index, for users that keep raw indices on their fast paths.
  constexpr std::uint32_t index() const { return static_cast<std::uint32_t>(bits_ & kIndexMask); }
  /// The occupancy's generation: 1 for the pool's first acquisition, then one more per acquisition.
  constexpr std::uint64_t generation() const { return bits_ >> kIndexBits; }
  /// Generation and index packed in one word: (generation << kIndexBits) | index.
  constexpr std::uint64_t bits() const { return bits_; }
  /// True when the handle was handed out by a pool (its slot may have been released since).
  constexpr explicit operator bool() const { return bits_ != 0; }
  /// Same slot, same occupancy.
  friend constexpr bool operator==(SlotHandle a, SlotHandle b) = default;

 private:
  constexpr explicit SlotHandle(std::uint64_t bits) : bits_(bits) {}
  std::uint64_t bits_ = 0;
};

/// Values of type T in a dense vector of slots; released slots go on a free list and are taken again
/// last-in first-out, so which slot a value lands in is a pure function of the order of calls.
///
/// Each slot keeps the handle of its current occupancy beside the value (0 while free): find() checks
/// a handle against it, so a stale handle is detected instead of aliasing the slot's new occupant.
/// Users that know a slot is in use (an index they handed to a callee and get back) read it by index
/// with no check. The pool never clears a released value: release() and take() cost a store and a push.
template <class T>
class SlotPool {
 public:
  /// `noun` names what the slots hold, for the EngineLimit message ("pending events").
  explicit SlotPool(const char* noun) : noun_(noun) {}

  /// Stores `value` in the most recently released slot, or a new one, and returns its handle.
  /// Throws EngineLimit past 16.7 million slots in use or 2^40 acquisitions.
  SlotHandle acquire(T value) {
    if (next_generation_ > SlotHandle::kMaxGeneration) exhausted();
    std::uint32_t index;
    if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
    } else {
      if (slots_.size() > SlotHandle::kIndexMask) full();
      index = static_cast<std::uint32_t>(slots_.size());
      slots_.emplace_back();
    }
    SlotHandle h = SlotHandle::from_bits((next_generation_++ << SlotHandle::kIndexBits) | index);
    slots_[index] = Slot{std::move(value), h.bits()};
    return h;
  }

  /// The value `h` names, or nullptr when it names nothing or its slot was released since.
  T* find(SlotHandle h) { return const_cast<T*>(std::as_const(*this).find(h)); }
  /// The value `h` names, or nullptr when it names nothing or its slot was released since.
  const T* find(SlotHandle h) const {
    if (!h || h.index() >= slots_.size()) return nullptr;
    const Slot& s = slots_[h.index()];
    return s.handle == h.bits() ? &s.value : nullptr;
  }

  /// The value in slot `index`, unchecked: for indices known to be in use.
  T& operator[](std::uint32_t index) { return slots_[index].value; }
  /// The value in slot `index`, unchecked.
  const T& operator[](std::uint32_t index) const { return slots_[index].value; }
  /// The handle of the occupancy of slot `index` (a default handle while the slot is free).
  SlotHandle handle(std::uint32_t index) const { return SlotHandle::from_bits(slots_[index].handle); }
  /// True while slot `index` holds a value.
  bool in_use(std::uint32_t index) const { return slots_[index].handle != 0; }
  /// Slots made so far, in use or free: indices run from 0 to size() - 1.
  std::uint32_t size() const { return static_cast<std::uint32_t>(slots_.size()); }

  /// Frees slot `index` (which must be in use); its handles go stale and it is the next one taken.
  void release(std::uint32_t index) {
    assert(in_use(index));
    slots_[index].handle = 0;
    free_.push_back(index);
  }
  /// Moves the value out of slot `index` and frees the slot.
  T take(std::uint32_t index) {
    T value = std::move(slots_[index].value);
    release(index);
    return value;
  }

 private:
  struct Slot {
    T value{};
    std::uint64_t handle = 0;  // bits of the occupancy's handle; 0 while free
  };

  [[noreturn]] __attribute__((noinline, cold)) void full() const {
    throw EngineLimit("more than 16.7 million " + std::string(noun_));
  }
  [[noreturn]] __attribute__((noinline, cold)) void exhausted() const {
    throw EngineLimit("sequence numbers exhausted for " + std::string(noun_));
  }

  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  std::uint64_t next_generation_ = 1;
  const char* noun_;
};

}  // namespace fleetsim
