#include "models/sqs/queue.hpp"

#include <algorithm>

namespace fleetsim {

namespace {
// ApproximateAgeOfOldestMessage leaves out a message received this many times without being deleted:
// SQS moves it to the back of the queue and reports the next-oldest (SQS developer guide, "Available
// CloudWatch metrics for Amazon SQS"), so one poison message does not pin the metric.
constexpr int kAgeReceiveLimit = 3;
// ReceiveMessage returns at most 10 messages per call (MaxNumberOfMessages 1-10).
constexpr int kMaxPerReceive = 10;
}  // namespace

Queue::Queue(RunContext& ctx, QueueConfig config) : ctx_(ctx), config_(std::move(config)) {
  std::string dims = make_dimensions({{"QueueName", config_.name}});
  visible_gauge_ = ctx.metrics.add_gauge({"AWS/SQS", "ApproximateNumberOfMessagesVisible", dims});
  not_visible_gauge_ = ctx.metrics.add_gauge({"AWS/SQS", "ApproximateNumberOfMessagesNotVisible", dims});
  age_metric_ = ctx.metrics.add_distribution({"AWS/SQS", "ApproximateAgeOfOldestMessage", dims});
  // SQS publishes zeros for an active queue (aws-facts §2 "SQS metrics"), so empty periods are written.
  sent_metric_ = ctx.metrics.add_counter({"AWS/SQS", "NumberOfMessagesSent", dims}, true);
  deleted_metric_ = ctx.metrics.add_counter({"AWS/SQS", "NumberOfMessagesDeleted", dims}, true);
  ctx.metrics.add_listener(this);
  // simulation.warmup: counts restart, except that messages still queued or in flight then are counted in the
  // window (as sent in it), so that sent == deleted + visible + inFlight holds there too.
  ctx.on_window_open([this](SimTime) {
    before_window_ = {totals_.deleted, totals_.received, totals_.deleted, totals_.redelivered};
    peak_age_s_ = 0;
  });
}

void Queue::on_request(const RequestSpec& request) {
  Message m{ctx_.engine.now(), next_id_++, request.cpu_ms};
  ++totals_.sent;
  offered_cpu_ms_ += request.cpu_ms;
  ctx_.metrics.count(sent_metric_);
  counted_for_age_.insert(key_of(m));
  visible_.emplace(key_of(m), m);
  visible_source_.add(ctx_.engine.now(), 1);
  hand_to_waiters();
  set_gauges();
}

void Queue::receive(MessageConsumer& consumer, int max_messages) {
  max_messages = std::clamp(max_messages, 1, kMaxPerReceive);
  if (visible_.empty()) {
    // Long polling: the call waits and returns as soon as a message is visible. An empty return at the
    // end of WaitTimeSeconds would be re-issued at once by the worker, which changes nothing simulated.
    waiters_.emplace_back(&consumer, max_messages);
    return;
  }
  deliver(consumer, max_messages);
  set_gauges();
}

void Queue::cancel_receive(MessageConsumer& consumer) {
  waiters_.erase(std::remove_if(waiters_.begin(), waiters_.end(), [&](const auto& w) { return w.first == &consumer; }),
                 waiters_.end());
}

void Queue::deliver(MessageConsumer& consumer, int max_messages) {
  SimTime now = ctx_.engine.now();
  std::vector<ReceivedMessage> batch;
  // Oldest first: a standard queue promises no order, but its best effort is close to FIFO.
  while (!visible_.empty() && static_cast<int>(batch.size()) < max_messages) {
    Message m = visible_.begin()->second;
    visible_.erase(visible_.begin());
    if (++m.receive_count == kAgeReceiveLimit) counted_for_age_.erase(key_of(m));
    std::uint64_t receipt = next_receipt_++;
    EventId timer =
        ctx_.engine.schedule_after<&Queue::on_visibility_timeout>(config_.visibility_timeout, this, receipt);
    in_flight_.emplace(receipt, InFlight{m, timer});
    batch.push_back(ReceivedMessage{receipt, m.cpu_ms});
  }
  totals_.received += batch.size();
  visible_source_.add(now, -static_cast<double>(batch.size()));
  consumer.on_messages(batch);
}

void Queue::hand_to_waiters() {
  while (!visible_.empty() && !waiters_.empty()) {
    auto [consumer, max_messages] = waiters_.front();
    waiters_.pop_front();
    deliver(*consumer, max_messages);
  }
}

void Queue::delete_message(std::uint64_t receipt) {
  auto it = in_flight_.find(receipt);
  // The visibility timeout expired first: the handle is stale and the message stays in the queue.
  if (it == in_flight_.end()) return;
  ctx_.engine.cancel(it->second.timer);
  counted_for_age_.erase(key_of(it->second.message));
  in_flight_.erase(it);
  ++totals_.deleted;
  ctx_.metrics.count(deleted_metric_);
  set_gauges();
}

void Queue::on_visibility_timeout(std::uint64_t receipt) {
  auto it = in_flight_.find(receipt);
  Message m = it->second.message;
  in_flight_.erase(it);
  ++totals_.redelivered;
  visible_.emplace(key_of(m), m);
  visible_source_.add(ctx_.engine.now(), 1);
  hand_to_waiters();
  set_gauges();
}

void Queue::set_gauges() {
  SimTime now = ctx_.engine.now();
  ctx_.metrics.set(visible_gauge_, now, static_cast<double>(visible_.size()));
  ctx_.metrics.set(not_visible_gauge_, now, static_cast<double>(in_flight_.size()));
}

double Queue::oldest_age_s(SimTime now) const {
  if (counted_for_age_.empty()) return 0;
  return static_cast<double>(now.us() - counted_for_age_.begin()->first) / 1e6;
}

void Queue::on_period_end(SimTime end, Duration) {
  // SQS reports the age once per minute, as a point value.
  double age = oldest_age_s(end);
  ctx_.metrics.observe(age_metric_, age);
  peak_age_s_ = std::max(peak_age_s_, age);
}

nlohmann::ordered_json Queue::summary() const {
  return {{"sent", totals_.sent - before_window_.sent},
          {"received", totals_.received - before_window_.received},
          {"deleted", totals_.deleted - before_window_.deleted},
          {"redelivered", totals_.redelivered - before_window_.redelivered},
          {"visible", visible_.size()},
          {"inFlight", in_flight_.size()},
          {"peakAgeOfOldestMessage_s", peak_age_s_}};
}

}  // namespace fleetsim
