#include "models/serving/queue_worker.hpp"

namespace fleetsim {

QueueWorker::QueueWorker(MessageQueue& queue, TaskServer& server, int pollers)
    : queue_(queue), server_(server), pollers_(pollers) {
  for (std::size_t i = 0; i < pollers_.size(); ++i) {
    pollers_[i].worker = this;
    pollers_[i].index = static_cast<std::uint32_t>(i);
  }
}

void QueueWorker::start() {
  polling_ = true;
  // One message per receive: a loop processes what it holds before asking again, so a larger batch
  // would only hide messages from idle loops of other tasks.
  for (Poller& p : pollers_) queue_.receive(p, 1);
}

// Called when the task stops. Destruction does not cancel: a task is destroyed only after it stopped,
// or when the whole world is torn down (queues possibly first).
void QueueWorker::stop() {
  if (!polling_) return;
  polling_ = false;
  for (Poller& p : pollers_) queue_.cancel_receive(p);
}

void QueueWorker::Poller::on_messages(const std::vector<ReceivedMessage>& messages) {
  receipt = messages.front().receipt;
  worker->server_.admit(index, messages.front().cpu_ms, worker);
}

void QueueWorker::on_served(std::uint32_t poller) {
  Poller& p = pollers_[poller];
  queue_.delete_message(p.receipt);
  if (polling_) queue_.receive(p, 1);
}

}  // namespace fleetsim
