#include "models/serving/task_server.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim {

TaskServer::TaskServer(Engine& engine, double vcpus, std::uint32_t max_concurrency, BusyListener* listener)
    : engine_(engine),
      vcpus_(vcpus),
      max_concurrency_(max_concurrency),
      listener_(listener),
      last_(engine.now()),
      busy_since_(engine.now()) {}

TaskServer::~TaskServer() {
  engine_.cancel(timer_);
  if (host_ != nullptr) host_->attach(host_ticket_, nullptr);
}

void TaskServer::share_cpu(CpuHost* host, std::uint32_t ticket) {
  host_ = host;
  host_ticket_ = ticket;
  if (host_ != nullptr) host_->attach(ticket, this);
}

// Called last by every operation that changes the requests in progress: the host may answer with
// set_vcpus, which reschedules this server's timer from a consistent state.
void TaskServer::report_demand() {
  auto active = static_cast<std::uint32_t>(active_.size());
  if (host_ == nullptr || active == reported_active_) return;
  reported_active_ = active;
  host_->demand_changed(host_ticket_, active);
}

double TaskServer::rate() const {
  double n = static_cast<double>(active_.size());
  return n <= vcpus_ ? 1.0 : vcpus_ / n;
}

double TaskServer::busy_vcpus() const { return std::min(static_cast<double>(active_.size()), vcpus_); }

void TaskServer::advance() {
  SimTime now = engine_.now();
  if (!active_.empty()) v_ += static_cast<double>((now - last_).us()) * rate();
  last_ = now;
}

void TaskServer::start_job(double work_us, std::uint32_t token, ServingObserver* observer) {
  active_.push_back(Job{v_ + work_us, token, observer});
  std::push_heap(active_.begin(), active_.end(), later);
}

void TaskServer::admit(std::uint32_t token, double cpu_ms, ServingObserver* observer) {
  advance();
  double busy_before = busy_vcpus();
  double work_us = cpu_ms * 1000.0;
  if (max_concurrency_ != 0 && active_.size() >= max_concurrency_) {
    waiting_.push_back(Waiting{work_us, token, observer});
    return;  // the rate of the jobs in progress is unchanged, and so is the timer
  }
  start_job(work_us, token, observer);
  reschedule(busy_before);
  report_demand();
}

void TaskServer::set_vcpus(double vcpus) {
  advance();
  double busy_before = busy_vcpus();
  vcpus_ = vcpus;
  reschedule(busy_before);
}

void TaskServer::on_finish(std::uint64_t) {
  timer_ = EventId{};
  advance();
  double busy_before = busy_vcpus();
  // The timer was set for the earliest job; rounding the delay up to a whole microsecond means V
  // has reached it, up to floating-point error, which this absorbs.
  v_ = std::max(v_, active_.front().finish_v);
  while (!active_.empty() && active_.front().finish_v <= v_) {
    Job done = active_.front();
    std::pop_heap(active_.begin(), active_.end(), later);
    active_.pop_back();
    done.observer->on_served(done.token);
    while (!waiting_.empty() && (max_concurrency_ == 0 || active_.size() < max_concurrency_)) {
      Waiting w = waiting_.front();
      waiting_.pop_front();
      start_job(w.work_us, w.token, w.observer);
    }
  }
  reschedule(busy_before);
  report_demand();
}

void TaskServer::reschedule(double busy_before) {
  engine_.cancel(timer_);
  if (!active_.empty()) {
    double delay_us = std::ceil((active_.front().finish_v - v_) / rate());
    timer_ = engine_.schedule_after<&TaskServer::on_finish>(
        Duration::micros(static_cast<std::int64_t>(std::max(0.0, delay_us))), this);
  }
  double busy_after = busy_vcpus();
  if (busy_after == busy_before) return;
  // Busy vCPUs change only here, so busy_before held since busy_since_.
  const SimTime now = engine_.now();
  cpu_us_ += busy_before * static_cast<double>((now - busy_since_).us());
  busy_since_ = now;
  if (listener_ != nullptr) listener_->on_busy_change(now, busy_after - busy_before);
}

void TaskServer::drop_all() {
  advance();
  double busy_before = busy_vcpus();
  std::vector<Job> active;
  active.swap(active_);
  std::deque<Waiting> waiting;
  waiting.swap(waiting_);
  // Deterministic order: by finish, then arrival order for the waiting ones.
  std::sort(active.begin(), active.end(), [](const Job& a, const Job& b) { return later(b, a); });
  for (const Job& j : active) j.observer->on_dropped(j.token);
  for (const Waiting& w : waiting) w.observer->on_dropped(w.token);
  reschedule(busy_before);
  report_demand();
}

}  // namespace fleetsim
