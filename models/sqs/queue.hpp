#pragma once
/// An SQS standard queue (CreateQueue shape): messages sent by producers, received by workers with
/// long polling, hidden for the visibility timeout while in flight, deleted when processed, and
/// visible again when the timeout expires first (the worker died or was too slow).

#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "models/api/message_queue.hpp"
#include "models/api/metric_source.hpp"
#include "models/api/run_context.hpp"
#include "sim/metrics/metric_store.hpp"

namespace fleetsim {

/// CreateQueue attributes fleetsim simulates.
struct QueueConfig {
  std::string name;                                     ///< QueueName
  Duration visibility_timeout = Duration::seconds(30);  ///< VisibilityTimeout (SQS default 30 s)
};

/// Message counts for summary.json; conservation: sent == deleted + visible + in_flight.
struct QueueTotals {
  std::uint64_t sent = 0;
  std::uint64_t received = 0;  ///< receives, redeliveries included
  std::uint64_t deleted = 0;
  std::uint64_t redelivered = 0;  ///< visibility timeouts that made a message visible again
};

/// One queue. Producers reach it as a RequestSink (a workload's `queue` target), workers as a MessageQueue.
class Queue : public MessageQueue, public PeriodListener {
 public:
  /// A queue on `ctx` writing AWS/SQS metrics with dimension QueueName.
  Queue(RunContext& ctx, QueueConfig config);
  Queue(const Queue&) = delete;
  Queue& operator=(const Queue&) = delete;

  /// SendMessage: a message needing `request.cpu_ms` of processing becomes visible now.
  void on_request(const RequestSpec& request) override;
  void receive(MessageConsumer& consumer, int max_messages) override;
  void cancel_receive(MessageConsumer& consumer) override;
  void delete_message(std::uint64_t receipt) override;
  double take_offered_cpu_ms() override { return std::exchange(offered_cpu_ms_, 0.0); }
  void on_period_end(SimTime end, Duration period) override;

  /// The queue's name.
  const std::string& name() const { return config_.name; }
  /// ApproximateNumberOfMessagesVisible, exactly.
  std::size_t visible() const { return visible_.size(); }
  /// ApproximateNumberOfMessagesNotVisible (in flight), exactly.
  std::size_t in_flight() const { return in_flight_.size(); }
  std::size_t approximate_messages(bool in_flight) const override {
    return visible() + (in_flight ? this->in_flight() : 0);
  }
  /// ApproximateAgeOfOldestMessage now, in seconds (0 when the queue is empty).
  double oldest_age_s(SimTime now) const;
  /// Counts since the start.
  const QueueTotals& totals() const { return totals_; }
  /// The largest ApproximateAgeOfOldestMessage sampled at a metric period end, seconds.
  double peak_age_s() const { return peak_age_s_; }
  /// The time-averaged number of visible messages, read by CloudWatch.
  const MetricSource& visible_source() const { return visible_source_; }
  /// ApproximateAgeOfOldestMessage as CloudWatch reads it.
  const MetricSource& age_source() const { return age_source_; }
  /// summary.json's entry for this queue.
  nlohmann::ordered_json summary() const;

 private:
  struct Message {
    SimTime sent;
    std::uint64_t id;
    double cpu_ms;
    int receive_count = 0;
  };
  struct InFlight {
    Message message;
    EventId timer;
  };
  /// Age-of-oldest sampled when CloudWatch reads the metric: a point value, not an average.
  class AgeSource : public MetricSource {
   public:
    explicit AgeSource(const Queue& q) : queue_(q) {}
    MetricTotals totals(SimTime now) const override { return {now, queue_.oldest_age_s(now), 0}; }
    std::optional<Datapoint> datapoint(const MetricTotals&, const MetricTotals& to) const override {
      return Datapoint{to.amount, 1};
    }

   private:
    const Queue& queue_;
  };

  using Key = std::pair<std::int64_t, std::uint64_t>;  // (sent us, id): oldest first, ties in send order
  static Key key_of(const Message& m) { return {m.sent.us(), m.id}; }
  void deliver(MessageConsumer& consumer, int max_messages);
  void hand_to_waiters();
  void on_visibility_timeout(std::uint64_t receipt);
  void set_gauges();

  RunContext& ctx_;
  QueueConfig config_;
  std::map<Key, Message> visible_;
  std::map<std::uint64_t, InFlight> in_flight_;           // by receipt handle
  std::set<Key> counted_for_age_;                         // not deleted, received fewer than 3 times
  std::deque<std::pair<MessageConsumer*, int>> waiters_;  // long polls in arrival order
  std::uint64_t next_id_ = 0;
  std::uint64_t next_receipt_ = 1;
  QueueTotals totals_;
  double peak_age_s_ = 0;
  QueueTotals before_window_;  // counts left out of summary.json by simulation.warmup
  double offered_cpu_ms_ = 0;
  GaugeId visible_gauge_, not_visible_gauge_;
  DistributionId age_metric_;
  CounterId sent_metric_, deleted_metric_;
  TimeAverageSource visible_source_;
  AgeSource age_source_{*this};
};

}  // namespace fleetsim
