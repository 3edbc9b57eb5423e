// Conformance suite for the engine, run over both pending-event sets.

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "sim/engine.hpp"
#include "sim/reference_event_set.hpp"
#include "tests/support/xorshift.hpp"

using fleetsim::testing::XorShift64;

using fleetsim::BasicEngine;
using fleetsim::Duration;
using fleetsim::EngineLimit;
using fleetsim::EventId;
using fleetsim::RadixEventSet;
using fleetsim::ReferenceEventSet;
using fleetsim::SimTime;

namespace {

SimTime at(std::int64_t us) { return SimTime::from_micros(us); }

struct Fired {
  std::int64_t time;
  std::uint64_t payload;
  bool operator==(const Fired&) const = default;
};

// Records what ran and when; the context of every plain-function event in these tests.
template <class Engine>
struct Log {
  Engine* engine = nullptr;
  std::vector<Fired> fired;

  static void record(void* ctx, std::uint64_t payload) {
    auto* self = static_cast<Log*>(ctx);
    self->fired.push_back(Fired{self->engine->now().us(), payload});
  }
};

template <class Engine>
std::vector<std::uint64_t> payloads(const Log<Engine>& log) {
  std::vector<std::uint64_t> out;
  for (const Fired& f : log.fired) out.push_back(f.payload);
  return out;
}

// A model with timers set through the member-function form of schedule_at/schedule_after.
template <class Engine>
struct Ticker {
  Engine* engine = nullptr;
  std::vector<Fired> ticks;
  int remaining = 0;

  void tick(std::uint64_t payload) {
    ticks.push_back(Fired{engine->now().us(), payload});
    if (--remaining > 0) engine->template schedule_after<&Ticker::tick>(Duration::micros(250), this, payload + 1);
  }
};

// Random model for the differential test: each event logs itself and may schedule follow-ups
// (some at the same instant) or cancel a random pending event.
template <class Engine>
struct Churn {
  Engine* engine = nullptr;
  XorShift64 rng{0xD1B54A32D192ED03ULL};
  std::vector<Fired> fired;
  std::vector<EventId> ids;
  std::uint64_t next_payload = 0;
  std::int64_t last_now = 0;
  bool went_back = false;

  static void handle(void* ctx, std::uint64_t payload) {
    auto* self = static_cast<Churn*>(ctx);
    std::int64_t now = self->engine->now().us();
    if (now < self->last_now) self->went_back = true;
    self->last_now = now;
    self->fired.push_back(Fired{now, payload});
    std::uint64_t children = self->rng.below(4);  // mean 1.5: the population grows until the cap
    for (std::uint64_t i = 0; i < children; ++i)
      self->spawn(Duration::micros(static_cast<std::int64_t>(self->rng.below(4)) * 10));
    if (self->rng.below(8) == 0 && !self->ids.empty()) {
      std::size_t k = static_cast<std::size_t>(self->rng.below(self->ids.size()));
      self->engine->cancel(self->ids[k]);
    }
  }

  void spawn(Duration delay) {
    if (next_payload >= 20000) return;
    ids.push_back(engine->schedule_after(delay, &Churn::handle, this, next_payload++));
  }
};

}  // namespace

TEMPLATE_TEST_CASE("engine runs events by time, then by scheduling order", "[engine]", BasicEngine<RadixEventSet>,
                   BasicEngine<ReferenceEventSet>) {
  TestType engine;
  Log<TestType> log{&engine, {}};
  engine.schedule_at(at(30), &Log<TestType>::record, &log, 1);
  engine.schedule_at(at(10), &Log<TestType>::record, &log, 2);
  engine.schedule_at(at(20), &Log<TestType>::record, &log, 3);
  engine.schedule_at(at(10), &Log<TestType>::record, &log, 4);
  engine.schedule_at(at(10), &Log<TestType>::record, &log, 5);
  CHECK(engine.pending() == 5);
  CHECK(engine.next_time() == at(10));
  engine.run_until(at(100));
  std::vector<Fired> want = {{10, 2}, {10, 4}, {10, 5}, {20, 3}, {30, 1}};
  CHECK(log.fired == want);
  CHECK(engine.events_processed() == 5);
  CHECK(engine.pending() == 0);
  CHECK(engine.next_time() == SimTime::never());
}

TEMPLATE_TEST_CASE("many events at one instant run in scheduling order despite slot reuse", "[engine]",
                   BasicEngine<RadixEventSet>, BasicEngine<ReferenceEventSet>) {
  TestType engine;
  Log<TestType> log{&engine, {}};
  // Fire and free a batch of slots first so the next batch reuses them in reverse (LIFO) order.
  for (std::uint64_t i = 0; i < 64; ++i) engine.schedule_at(at(1), &Log<TestType>::record, &log, 1000 + i);
  engine.run_until(at(1));
  log.fired.clear();
  for (std::uint64_t i = 0; i < 300; ++i) engine.schedule_at(at(5), &Log<TestType>::record, &log, i);
  engine.run_until(at(5));
  REQUIRE(log.fired.size() == 300);
  for (std::uint64_t i = 0; i < 300; ++i) REQUIRE(log.fired[i] == Fired{5, i});
}

TEMPLATE_TEST_CASE("cancelled events never run and pending() counts live events", "[engine]",
                   BasicEngine<RadixEventSet>, BasicEngine<ReferenceEventSet>) {
  TestType engine;
  Log<TestType> log{&engine, {}};
  EventId a = engine.schedule_at(at(10), &Log<TestType>::record, &log, 1);
  EventId b = engine.schedule_at(at(20), &Log<TestType>::record, &log, 2);
  EventId c = engine.schedule_at(at(30), &Log<TestType>::record, &log, 3);
  CHECK(static_cast<bool>(a));
  CHECK(engine.pending() == 3);

  EventId b_copy = b;
  engine.cancel(b);
  CHECK_FALSE(static_cast<bool>(b));  // cancel resets the id
  CHECK(engine.pending() == 2);
  engine.cancel(b);       // the reset id names nothing
  engine.cancel(b_copy);  // a second cancel through another copy must not count again
  CHECK(engine.pending() == 2);

  EventId none;
  CHECK_FALSE(static_cast<bool>(none));
  engine.cancel(none);
  CHECK(engine.pending() == 2);

  engine.run_until(at(15));
  CHECK(payloads(log) == std::vector<std::uint64_t>{1});
  CHECK(engine.pending() == 1);
  engine.cancel(a);  // after firing: a no-op
  CHECK(engine.pending() == 1);

  engine.run_until(at(100));
  CHECK(payloads(log) == std::vector<std::uint64_t>{1, 3});
  CHECK(engine.events_processed() == 2);
  CHECK(engine.pending() == 0);
  engine.cancel(c);
  CHECK(engine.pending() == 0);
}

TEMPLATE_TEST_CASE("cancelling a fired event does not cancel the event that reuses its slot", "[engine]",
                   BasicEngine<RadixEventSet>, BasicEngine<ReferenceEventSet>) {
  TestType engine;
  Log<TestType> log{&engine, {}};
  EventId old_id = engine.schedule_at(at(1), &Log<TestType>::record, &log, 1);
  engine.run_until(at(1));
  EventId new_id = engine.schedule_at(at(2), &Log<TestType>::record, &log, 2);
  // Same slot, different sequence.
  CHECK((old_id.tag & fleetsim::EventEntry::kSlotMask) == (new_id.tag & fleetsim::EventEntry::kSlotMask));
  CHECK(old_id.tag != new_id.tag);
  engine.cancel(old_id);
  CHECK(engine.pending() == 1);
  engine.run_until(at(10));
  CHECK(payloads(log) == std::vector<std::uint64_t>{1, 2});
}

namespace {
template <class Engine>
struct Canceller {
  Engine* engine = nullptr;
  EventId victim;
  std::vector<std::uint64_t> ran;
  static void kill(void* ctx, std::uint64_t payload) {
    auto* self = static_cast<Canceller*>(ctx);
    self->ran.push_back(payload);
    self->engine->cancel(self->victim);
  }
  static void note(void* ctx, std::uint64_t payload) { static_cast<Canceller*>(ctx)->ran.push_back(payload); }
};
}  // namespace

TEMPLATE_TEST_CASE("a handler can cancel another event at the same instant", "[engine]", BasicEngine<RadixEventSet>,
                   BasicEngine<ReferenceEventSet>) {
  TestType engine;
  Canceller<TestType> model{&engine, {}, {}};
  engine.schedule_at(at(7), &Canceller<TestType>::kill, &model, 1);
  model.victim = engine.schedule_at(at(7), &Canceller<TestType>::note, &model, 2);
  engine.schedule_at(at(7), &Canceller<TestType>::note, &model, 3);
  engine.run_until(at(7));
  CHECK(model.ran == std::vector<std::uint64_t>{1, 3});
  CHECK(engine.events_processed() == 2);
  CHECK(engine.pending() == 0);
}

TEMPLATE_TEST_CASE("scheduling in the past throws EngineLimit and changes nothing", "[engine]",
                   BasicEngine<RadixEventSet>, BasicEngine<ReferenceEventSet>) {
  TestType engine;
  Log<TestType> log{&engine, {}};
  engine.run_until(at(100));
  CHECK_THROWS_AS(engine.schedule_at(at(99), &Log<TestType>::record, &log, 1), EngineLimit);
  CHECK_THROWS_AS(engine.schedule_after(Duration::micros(-1), &Log<TestType>::record, &log, 2), EngineLimit);
  CHECK(engine.pending() == 0);
  // Exactly now is allowed.
  CHECK_NOTHROW(engine.schedule_at(at(100), &Log<TestType>::record, &log, 3));
  CHECK_NOTHROW(engine.schedule_after(Duration::micros(0), &Log<TestType>::record, &log, 4));
  CHECK(engine.pending() == 2);
  engine.run_until(at(100));
  CHECK(log.fired == std::vector<Fired>{{100, 3}, {100, 4}});
}

TEMPLATE_TEST_CASE("run_until runs events exactly at the end and leaves the clock there", "[engine]",
                   BasicEngine<RadixEventSet>, BasicEngine<ReferenceEventSet>) {
  TestType engine;
  Log<TestType> log{&engine, {}};
  CHECK(engine.now() == SimTime::zero());
  engine.run_until(at(50));  // nothing pending: the clock still advances
  CHECK(engine.now() == at(50));

  engine.schedule_at(at(1000), &Log<TestType>::record, &log, 1);
  engine.schedule_at(at(1001), &Log<TestType>::record, &log, 2);
  engine.run_until(at(1000));
  CHECK(log.fired == std::vector<Fired>{{1000, 1}});
  CHECK(engine.now() == at(1000));
  CHECK(engine.pending() == 1);
  CHECK(engine.next_time() == at(1001));

  engine.run_until(at(500));  // an earlier end never moves the clock back
  CHECK(engine.now() == at(1000));
  CHECK(engine.pending() == 1);

  engine.run_until(at(5000));
  CHECK(log.fired == std::vector<Fired>{{1000, 1}, {1001, 2}});
  CHECK(engine.now() == at(5000));
}

namespace {
// Each event at t=10 schedules another event at the same instant; it must run after the current
// one and after the events that were already waiting at that instant.
template <class Engine>
struct SameInstant {
  Engine* engine = nullptr;
  std::vector<std::uint64_t> ran;
  static void handle(void* ctx, std::uint64_t payload) {
    auto* self = static_cast<SameInstant*>(ctx);
    self->ran.push_back(payload);
    if (payload < 10) self->engine->schedule_at(self->engine->now(), &SameInstant::handle, self, payload + 100);
    if (payload == 100) self->engine->schedule_after(Duration::micros(0), &SameInstant::handle, self, 200);
    if (payload == 1) self->engine->schedule_after(Duration::micros(5), &SameInstant::handle, self, 300);
  }
};
}  // namespace

TEMPLATE_TEST_CASE("events scheduled from a handler at the same time run after the current one", "[engine]",
                   BasicEngine<RadixEventSet>, BasicEngine<ReferenceEventSet>) {
  TestType engine;
  SameInstant<TestType> model{&engine, {}};
  engine.schedule_at(at(10), &SameInstant<TestType>::handle, &model, 0);
  engine.schedule_at(at(10), &SameInstant<TestType>::handle, &model, 1);
  engine.schedule_at(at(12), &SameInstant<TestType>::handle, &model, 50);
  engine.run_until(at(100));
  // 300 is at 15: after 50 at 12. 200 comes from 100, which is the first same-instant follow-up.
  CHECK(model.ran == std::vector<std::uint64_t>{0, 1, 100, 101, 200, 50, 300});
  CHECK(engine.events_processed() == 7);
}

TEMPLATE_TEST_CASE("member-function timers via schedule_at<&T::method>", "[engine]", BasicEngine<RadixEventSet>,
                   BasicEngine<ReferenceEventSet>) {
  TestType engine;
  Ticker<TestType> ticker{&engine, {}, 4};
  EventId id = engine.template schedule_at<&Ticker<TestType>::tick>(at(1000), &ticker, 7);
  CHECK(static_cast<bool>(id));
  engine.run_until(at(10000));
  std::vector<Fired> want = {{1000, 7}, {1250, 8}, {1500, 9}, {1750, 10}};
  CHECK(ticker.ticks == want);

  // The default payload is zero, and the member form can be cancelled like any other.
  Ticker<TestType> other{&engine, {}, 1};
  EventId dead = engine.template schedule_after<&Ticker<TestType>::tick>(Duration::micros(5), &other);
  engine.template schedule_at<&Ticker<TestType>::tick>(at(10010), &other);
  engine.cancel(dead);
  engine.run_until(at(20000));
  CHECK(other.ticks == std::vector<Fired>{{10010, 0}});
}

TEMPLATE_TEST_CASE("time never goes back under random churn", "[engine]", BasicEngine<RadixEventSet>,
                   BasicEngine<ReferenceEventSet>) {
  TestType engine;
  Churn<TestType> model;
  model.engine = &engine;
  for (int i = 0; i < 50; ++i) model.spawn(Duration::micros(static_cast<std::int64_t>(model.rng.below(100))));
  std::int64_t end = 0;
  while (engine.pending() > 0) {
    end += 37;
    engine.run_until(at(end));
    REQUIRE(engine.now() == at(end));
  }
  CHECK_FALSE(model.went_back);
  CHECK(model.fired.size() > 1000);
  CHECK(engine.events_processed() == model.fired.size());
  for (std::size_t i = 1; i < model.fired.size(); ++i) REQUIRE(model.fired[i - 1].time <= model.fired[i].time);
}

TEST_CASE("engine over RadixEventSet and over ReferenceEventSet produce identical histories", "[engine]") {
  BasicEngine<RadixEventSet> fast;
  BasicEngine<ReferenceEventSet> slow;
  Churn<BasicEngine<RadixEventSet>> a;
  Churn<BasicEngine<ReferenceEventSet>> b;
  a.engine = &fast;
  b.engine = &slow;
  for (int i = 0; i < 50; ++i) {
    a.spawn(Duration::micros(static_cast<std::int64_t>(a.rng.below(100))));
    b.spawn(Duration::micros(static_cast<std::int64_t>(b.rng.below(100))));
  }
  fast.run_until(SimTime::from_micros(1000000000));
  slow.run_until(SimTime::from_micros(1000000000));
  REQUIRE(a.fired.size() > 1000);
  CHECK(a.fired == b.fired);
  CHECK(fast.events_processed() == slow.events_processed());
  CHECK(fast.pending() == 0);
  CHECK(slow.pending() == 0);
}
