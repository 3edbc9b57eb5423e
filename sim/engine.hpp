#pragma once
/// The discrete-event engine: virtual time, scheduling, cancellation and dispatch.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine_limit.hpp"
#include "sim/event_entry.hpp"
#include "sim/radix_event_set.hpp"
#include "sim/slot_pool.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// Names a scheduled event so it can be cancelled; a default-constructed id names nothing.
struct EventId {
  std::uint64_t tag = 0;  ///< the entry's tag; sequence 0 is never issued
  /// True when this id names an event that was scheduled (it may have fired since).
  explicit operator bool() const { return tag != 0; }
};

/// The engine over a pending-event set `Queue` (RadixEventSet in production, ReferenceEventSet in tests).
///
/// An event is a plain function pointer, a context pointer and a 64-bit payload: no allocation and
/// no std::function per event. Model state lives in the models. The records live in a SlotPool whose
/// handles are the entries' tags: a handle's generation is the scheduling sequence number. Cancellation
/// marks the record and the entry is dropped when it reaches the top, so cancelling never scans.
template <class Queue>
class BasicEngine {
 public:
  /// What an event runs: `fn(ctx, payload)`.
  using Handler = void (*)(void* ctx, std::uint64_t payload);

  /// The current virtual time.
  SimTime now() const { return now_; }
  /// Events dispatched so far (cancelled ones excluded).
  std::uint64_t events_processed() const { return processed_; }
  /// Events scheduled and not yet dispatched or cancelled.
  std::size_t pending() const { return live_; }
  /// Stops a run that would dispatch more than `limit` events (EngineLimit): the guard against a scenario whose
  /// event count, only known while running, would take hours or exhaust memory.
  void set_event_limit(std::uint64_t limit) { event_limit_ = limit; }
  /// The event limit (no limit: the largest uint64).
  std::uint64_t event_limit() const { return event_limit_; }

  /// Schedules `fn(ctx, payload)` at `at`, which must not be in the past.
  EventId schedule_at(SimTime at, Handler fn, void* ctx, std::uint64_t payload) {
    if (at < now_) throw EngineLimit("event scheduled in the past");
    std::uint64_t tag = records_.acquire(Record{fn, ctx, payload}).bits();
    queue_.push(EventEntry{at.us(), tag});
    ++live_;
    return EventId{tag};
  }

  /// Schedules `fn(ctx, payload)` after `delay` (which must not be negative).
  EventId schedule_after(Duration delay, Handler fn, void* ctx, std::uint64_t payload) {
    return schedule_at(after(delay), fn, ctx, payload);
  }

  /// Schedules `obj->Method(payload)` at `at`: the usual way for a model to set a timer.
  template <auto Method, class T>
  EventId schedule_at(SimTime at, T* obj, std::uint64_t payload = 0) {
    return schedule_at(at, &trampoline<Method, T>, obj, payload);
  }

  /// Schedules `obj->Method(payload)` after `delay`.
  template <auto Method, class T>
  EventId schedule_after(Duration delay, T* obj, std::uint64_t payload = 0) {
    return schedule_at(after(delay), &trampoline<Method, T>, obj, payload);
  }

  /// Cancels the event `id` if it has not fired; a no-op otherwise. Resets `id`.
  void cancel(EventId& id) {
    if (!id) return;
    Record* r = records_.find(SlotHandle::from_bits(id.tag));
    if (r != nullptr && r->fn != nullptr) {
      r->fn = nullptr;
      --live_;
    }
    id = EventId{};
  }

  /// Dispatches every event at or before `end` in order, then sets the clock to `end`.
  void run_until(SimTime end) {
    while (std::optional<EventEntry> next = queue_.pop_not_after(end.us())) {
      const EventEntry e = *next;
      // Events of one instant are popped back to back: start loading a later one's record now, so
      // its cache miss overlaps this handler instead of stalling the next iteration.
      if (const EventEntry* later = queue_.upcoming(kPrefetchAhead)) __builtin_prefetch(&records_[later->slot()]);
      Record r = records_.take(e.slot());
      if (r.fn == nullptr) continue;  // cancelled
      --live_;
      now_ = SimTime::from_micros(e.time);
      if (processed_ == event_limit_) throw EngineLimit("more than " + std::to_string(event_limit_) + " events");
      ++processed_;
      r.fn(r.ctx, r.payload);
    }
    if (end > now_) now_ = end;
  }

  /// The time of the earliest pending entry (cancelled ones included), or SimTime::never().
  SimTime next_time() const { return queue_.empty() ? SimTime::never() : SimTime::from_micros(queue_.top().time); }

 private:
  // How many events ahead run_until prefetches a record: about one handler's worth of work covers a
  // main-memory miss (bench/bench_event_set engine_hold at 10^6 pending).
  static constexpr std::size_t kPrefetchAhead = 2;

  struct Record {
    Handler fn = nullptr;
    void* ctx = nullptr;
    std::uint64_t payload = 0;
  };
  // The pool's handles are the entries' tags: same split between slot and sequence.
  static_assert(EventEntry::kSlotBits == SlotHandle::kIndexBits);
  static_assert(EventEntry::kMaxSequence == SlotHandle::kMaxGeneration);

  // now + delay, refusing delays that would overflow virtual time.
  SimTime after(Duration delay) const {
    if (delay.us() > SimTime::never().us() - now_.us())
      throw EngineLimit("event scheduled beyond the end of representable time");
    return now_ + delay;
  }

  template <auto Method, class T>
  static void trampoline(void* ctx, std::uint64_t payload) {
    (static_cast<T*>(ctx)->*Method)(payload);
  }

  Queue queue_;
  SlotPool<Record> records_{"pending events"};
  SimTime now_ = SimTime::zero();
  std::uint64_t processed_ = 0;
  std::uint64_t event_limit_ = ~std::uint64_t{0};
  std::size_t live_ = 0;
};

/// The engine every model uses.
using Engine = BasicEngine<RadixEventSet>;

}  // namespace fleetsim
