#pragma once
/// The hold model shared by the event-set benchmark and the CI guard: its generator and the sets it drives.

#include <cmath>
#include <cstdint>
#include <memory>
#include <queue>
#include <vector>

#include "bench/hold_draws.hpp"
#include "sim/engine.hpp"
#include "sim/event_entry.hpp"
#include "sim/radix_event_set.hpp"
#include "sim/time.hpp"

namespace fleetsim::bench {

/// The 24-byte event most simulators queue: time, sequence for ties, and what to run.
struct PlainEvent {
  std::int64_t time;     ///< microseconds
  std::uint64_t seq;     ///< scheduling order
  std::uint32_t target;  ///< the entity the event is for
  std::uint32_t kind;    ///< what to do
};
static_assert(sizeof(PlainEvent) == 24);

/// Max-heap comparator that makes std::priority_queue a min-queue on (time, seq).
struct PlainLater {
  /// True when `a` fires after `b`.
  bool operator()(const PlainEvent& a, const PlainEvent& b) const {
    return a.time > b.time || (a.time == b.time && a.seq > b.seq);
  }
};

/// fires_before inverted, for std::priority_queue of EventEntry.
struct EntryLater {
  /// True when `a` fires after `b`.
  bool operator()(const EventEntry& a, const EventEntry& b) const { return fires_before(b, a); }
};

/// An event set of ours (RadixEventSet) behind the hold-model interface.
template <class Queue>
class EntrySet {
 public:
  /// Reserves room for `n` entries.
  explicit EntrySet(std::size_t n) { set_.reserve(n); }
  /// Adds an entry; the tag mimics the engine's (sequence, slot) packing.
  void push(std::int64_t time, std::uint64_t seq) {
    set_.push(EventEntry{time, (seq << EventEntry::kSlotBits) | (seq & EventEntry::kSlotMask)});
  }
  /// Removes the earliest entry and returns its time.
  std::int64_t pop() { return set_.pop().time; }

 private:
  Queue set_;
};

/// Our radix heap.
using RadixSet = EntrySet<RadixEventSet>;

/// std::priority_queue over the same 16-byte EventEntry.
class StdEntrySet {
 public:
  /// Reserves room for `n` entries.
  explicit StdEntrySet(std::size_t n) : set_(EntryLater{}, reserved(n)) {}
  /// Adds an entry.
  void push(std::int64_t time, std::uint64_t seq) {
    set_.push(EventEntry{time, (seq << EventEntry::kSlotBits) | (seq & EventEntry::kSlotMask)});
  }
  /// Removes the earliest entry and returns its time.
  std::int64_t pop() {
    std::int64_t t = set_.top().time;
    set_.pop();
    return t;
  }

 private:
  static std::vector<EventEntry> reserved(std::size_t n) {
    std::vector<EventEntry> v;
    v.reserve(n);
    return v;
  }
  std::priority_queue<EventEntry, std::vector<EventEntry>, EntryLater> set_;
};

/// std::priority_queue over the common 24-byte event with a two-field compare.
class StdPlainSet {
 public:
  /// Reserves room for `n` entries.
  explicit StdPlainSet(std::size_t n) : set_(PlainLater{}, reserved(n)) {}
  /// Adds an event.
  void push(std::int64_t time, std::uint64_t seq) {
    set_.push(PlainEvent{time, seq, static_cast<std::uint32_t>(seq), 1});
  }
  /// Removes the earliest event and returns its time.
  std::int64_t pop() {
    std::int64_t t = set_.top().time;
    set_.pop();
    return t;
  }

 private:
  static std::vector<PlainEvent> reserved(std::size_t n) {
    std::vector<PlainEvent> v;
    v.reserve(n);
    return v;
  }
  std::priority_queue<PlainEvent, std::vector<PlainEvent>, PlainLater> set_;
};

/// The classic hold-model increment: exponential with mean kMeanIncrementUs.
struct ExponentialIncrement {
  /// One increment in microseconds.
  static std::int64_t draw(FastRng& rng) { return exp_increment(rng); }
};

/// A heavy-tailed increment: Pareto with shape 1.1 (infinite variance) and scale 100 us, so most
/// gaps are short and a few reach years. Bucketed queues whose width is tuned to the typical gap
/// degrade on it.
struct ParetoIncrement {
  /// One increment in microseconds.
  static std::int64_t draw(FastRng& rng) { return static_cast<std::int64_t>(100.0 * std::pow(rng.unit(), -1.0 / 1.1)); }
};

/// A bimodal increment: 90 % exponential with mean 100 us, 10 % exponential with mean one hour, like
/// request completions mixed with hourly schedules. A calendar queue's width fits neither mode.
struct BimodalIncrement {
  /// One increment in microseconds.
  static std::int64_t draw(FastRng& rng) { return exp_increment(rng, rng.next() % 10 == 0 ? 3.6e9 : 100.0); }
};

/// The hold model on a bare set: `pending` entries; each step pops the earliest and pushes its
/// successor, `Increment::draw` later.
template <class Set, class Increment = ExponentialIncrement>
class HoldModel {
 public:
  /// Prefills `pending` entries at increments from zero.
  HoldModel(std::size_t pending, std::uint64_t seed) : set_(pending + 1), rng_(seed) {
    for (std::size_t i = 0; i < pending; ++i) set_.push(Increment::draw(rng_), ++seq_);
  }
  /// One hold operation.
  void step() {
    std::int64_t t = set_.pop();
    set_.push(t + Increment::draw(rng_), ++seq_);
  }

 private:
  Set set_;
  FastRng rng_;
  std::uint64_t seq_ = 0;
};

/// The hold model through the whole engine: every event reschedules itself with schedule_after.
class EngineHold {
 public:
  /// Schedules `pending` self-rescheduling events at exponential times from zero.
  EngineHold(std::size_t pending, std::uint64_t seed) : rng_(seed) {
    for (std::size_t i = 0; i < pending; ++i) {
      engine_.schedule_at(SimTime::from_micros(exp_increment(rng_)), &EngineHold::fire, this, i);
    }
  }
  EngineHold(const EngineHold&) = delete;
  EngineHold& operator=(const EngineHold&) = delete;

  /// Runs the events of the next kStep of virtual time (about kStep / 1 ms x pending events), the
  /// way a simulation runs: run_until an end time, no look at the next event first.
  void step() { engine_.run_until(engine_.now() + kStep); }
  /// Events dispatched so far.
  std::uint64_t processed() const { return engine_.events_processed(); }

 private:
  static void fire(void* ctx, std::uint64_t payload) {
    auto* self = static_cast<EngineHold*>(ctx);
    self->engine_.schedule_after(Duration::micros(exp_increment(self->rng_)), &EngineHold::fire, self, payload);
  }

  static constexpr Duration kStep = Duration::micros(64);

  Engine engine_;
  FastRng rng_;
};

}  // namespace fleetsim::bench
