#pragma once
/// The message path between models: producers (workloads) -> an SQS queue -> workers (tasks).

#include <cstdint>
#include <vector>

#include "models/api/request_path.hpp"

namespace fleetsim {

/// One message as ReceiveMessage hands it out.
struct ReceivedMessage {
  std::uint64_t receipt;  ///< the receipt handle: DeleteMessage takes it
  double cpu_ms;          ///< CPU the message's processing needs at one vCPU (the workload's request.cpuMs)
};

/// A poller waiting on a queue.
class MessageConsumer {
 public:
  virtual ~MessageConsumer() = default;
  /// The receive call returns now with 1 to max messages.
  virtual void on_messages(const std::vector<ReceivedMessage>& messages) = 0;
};

/// A queue: producers send to it as a RequestSink (each request is one SendMessage); workers poll it.
class MessageQueue : public RequestSink {
 public:
  virtual ~MessageQueue() = default;
  /// ReceiveMessage with long polling: answers now when messages are visible, otherwise as soon as
  /// some become visible. At most one call per consumer is outstanding.
  virtual void receive(MessageConsumer& consumer, int max_messages) = 0;
  /// The consumer goes away: its outstanding receive call is abandoned.
  virtual void cancel_receive(MessageConsumer& consumer) = 0;
  /// DeleteMessage. A receipt from an earlier receive of a message that was since received again
  /// deletes nothing.
  virtual void delete_message(std::uint64_t receipt) = 0;
  /// CPU (ms at one vCPU) of the messages sent since the last call: the work offered to the workers,
  /// for the elasticity figures (as a target group's offered requests).
  virtual double take_offered_cpu_ms() = 0;
  /// GetQueueAttributes: ApproximateNumberOfMessages (visible now), or with `in_flight` also
  /// ApproximateNumberOfMessagesNotVisible (received, not deleted), as scalers read them.
  virtual std::size_t approximate_messages(bool in_flight) const = 0;
};

}  // namespace fleetsim
