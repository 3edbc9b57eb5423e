#pragma once
/// The polling side of a queue-worker task: `pollers` loops, each receiving one message with long
/// polling, processing it on the task's CPU (the same processor sharing as requests) and deleting it.

#include <cstdint>
#include <vector>

#include "models/api/message_queue.hpp"
#include "models/serving/task_server.hpp"

namespace fleetsim {

/// The receive loops of one task.
class QueueWorker : public ServingObserver {
 public:
  /// Loops of a task serving through `server`; call start() when the app is ready.
  QueueWorker(MessageQueue& queue, TaskServer& server, int pollers);
  QueueWorker(const QueueWorker&) = delete;
  QueueWorker& operator=(const QueueWorker&) = delete;
  /// Every loop issues its first receive.
  void start();
  /// The app stops polling (SIGTERM or death): waiting receives are abandoned. Messages in progress
  /// are deleted only if they still finish; the others reappear when their visibility timeout expires.
  void stop();

  void on_served(std::uint32_t poller) override;
  void on_dropped(std::uint32_t) override {}

 private:
  /// One receive loop, a consumer of its own so the queue can hand it a message.
  struct Poller : MessageConsumer {
    QueueWorker* worker = nullptr;
    std::uint32_t index = 0;
    std::uint64_t receipt = 0;
    void on_messages(const std::vector<ReceivedMessage>& messages) override;
  };

  MessageQueue& queue_;
  TaskServer& server_;
  std::vector<Poller> pollers_;
  bool polling_ = false;
};

}  // namespace fleetsim
