/// The SQS queue: long polling answers as soon as a message arrives, a received message stays hidden
/// for the visibility timeout and comes back when it expires, deletion is final, a stale receipt
/// deletes nothing, and metric math over its backlog evaluates as CloudWatch does.

#include <catch2/catch.hpp>

#include "models/cloudwatch/metric_math.hpp"
#include "models/sqs/queue.hpp"

using namespace fleetsim;

namespace {

struct Harness {
  Engine engine;
  MetricStore metrics{{}};
  EventLog events{nullptr};
  RunContext ctx{engine, 1, metrics, events, SimTime::zero() + Duration::seconds(3600)};
  Queue queue{ctx, QueueConfig{"jobs", Duration::seconds(30)}};
};

// Remembers what each receive call returned and when.
struct Recorder : MessageConsumer {
  Engine* engine = nullptr;
  std::vector<std::pair<SimTime, std::vector<ReceivedMessage>>> calls;
  void on_messages(const std::vector<ReceivedMessage>& messages) override {
    calls.emplace_back(engine->now(), messages);
  }
};

void send_one(void* ctx, std::uint64_t cpu_ms) {
  static_cast<Queue*>(ctx)->on_request(RequestSpec{static_cast<double>(cpu_ms), Duration::seconds(60)});
}

}  // namespace

TEST_CASE("a long poll returns the moment a message is sent", "[sqs]") {
  Harness h;
  Recorder r;
  r.engine = &h.engine;
  h.queue.receive(r, 10);
  CHECK(r.calls.empty());
  h.engine.schedule_at(SimTime::zero() + Duration::seconds(7), &send_one, &h.queue, 250);
  h.engine.run_until(SimTime::zero() + Duration::seconds(8));
  REQUIRE(r.calls.size() == 1);
  CHECK(r.calls[0].first == SimTime::zero() + Duration::seconds(7));
  REQUIRE(r.calls[0].second.size() == 1);
  CHECK(r.calls[0].second[0].cpu_ms == 250);
  CHECK(h.queue.visible() == 0);
  CHECK(h.queue.in_flight() == 1);
}

TEST_CASE("a receive takes at most 10 messages, oldest first", "[sqs]") {
  Harness h;
  for (std::uint64_t i = 0; i < 12; ++i)
    h.engine.schedule_at(SimTime::zero() + Duration::seconds(static_cast<std::int64_t>(i)), &send_one, &h.queue, i);
  h.engine.run_until(SimTime::zero() + Duration::seconds(20));
  CHECK(h.queue.oldest_age_s(h.engine.now()) == Approx(20));
  Recorder r;
  r.engine = &h.engine;
  h.queue.receive(r, 50);
  REQUIRE(r.calls.size() == 1);
  REQUIRE(r.calls[0].second.size() == 10);
  CHECK(r.calls[0].second[0].cpu_ms == 0);
  CHECK(r.calls[0].second[9].cpu_ms == 9);
  CHECK(h.queue.visible() == 2);
}

TEST_CASE("an undeleted message becomes visible again after the visibility timeout", "[sqs]") {
  Harness h;
  h.queue.on_request(RequestSpec{100, Duration::seconds(60)});
  Recorder first;
  first.engine = &h.engine;
  h.queue.receive(first, 1);
  REQUIRE(first.calls.size() == 1);
  std::uint64_t stale = first.calls[0].second[0].receipt;
  h.engine.run_until(SimTime::zero() + Duration::seconds(29));
  CHECK(h.queue.visible() == 0);
  h.engine.run_until(SimTime::zero() + Duration::seconds(30));
  CHECK(h.queue.visible() == 1);
  CHECK(h.queue.totals().redelivered == 1);
  // A second worker receives it; the first one's late delete must not remove it.
  Recorder second;
  second.engine = &h.engine;
  h.queue.receive(second, 1);
  REQUIRE(second.calls.size() == 1);
  h.queue.delete_message(stale);
  CHECK(h.queue.in_flight() == 1);
  CHECK(h.queue.totals().deleted == 0);
  h.queue.delete_message(second.calls[0].second[0].receipt);
  CHECK(h.queue.in_flight() == 0);
  CHECK(h.queue.totals().deleted == 1);
  // Deleted for good: no timeout brings it back.
  h.engine.run_until(SimTime::zero() + Duration::seconds(600));
  CHECK(h.queue.visible() == 0);
  CHECK(h.queue.totals().sent == h.queue.totals().deleted);
}

TEST_CASE("a cancelled long poll receives nothing", "[sqs]") {
  Harness h;
  Recorder gone, waiting;
  gone.engine = waiting.engine = &h.engine;
  h.queue.receive(gone, 1);
  h.queue.receive(waiting, 1);
  h.queue.cancel_receive(gone);
  h.queue.on_request(RequestSpec{1, Duration::seconds(60)});
  CHECK(gone.calls.empty());
  CHECK(waiting.calls.size() == 1);
}

TEST_CASE("metric math: arithmetic over ids, division by zero gives no datapoint, unknown names are refused",
          "[cloudwatch][metric-math]") {
  std::string error;
  auto backlog = MetricExpression::parse("m1 / m2", {"m1", "m2"}, error);
  REQUIRE(backlog);
  CHECK(*backlog->evaluate({150, 10}) == Approx(15));
  CHECK(!backlog->evaluate({150, 0}));
  auto mixed = MetricExpression::parse("-(m1 + 2) * m2 - 1 / 4", {"m1", "m2"}, error);
  REQUIRE(mixed);
  CHECK(*mixed->evaluate({1, 3}) == Approx(-9.25));
  CHECK(!MetricExpression::parse("m1 / m3", {"m1", "m2"}, error));
  CHECK(error.find("\"m3\"") != std::string::npos);
  CHECK(!MetricExpression::parse("SUM(METRICS())", {"m1"}, error));
  CHECK(error.find("not supported") != std::string::npos);
  CHECK(!MetricExpression::parse("m1 /", {"m1"}, error));
  CHECK(!MetricExpression::parse("(m1", {"m1"}, error));
}
