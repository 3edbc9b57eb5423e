#pragma once
/// How a task serves requests: processor sharing over its vCPUs, with an optional concurrency cap.

#include <cstdint>
#include <deque>
#include <vector>

#include "models/api/container_instances.hpp"
#include "models/api/request_path.hpp"
#include "sim/engine.hpp"

namespace fleetsim {

/// Told when the number of vCPUs a task keeps busy changes.
class BusyListener {
 public:
  virtual ~BusyListener() = default;
  /// Busy vCPUs changed by `delta` at `now`.
  virtual void on_busy_change(SimTime now, double delta) = 0;
};

/// A task's CPU as the spec's request-level model defines it: with `c` vCPUs and `n` requests in
/// progress each gets min(1, c/n) vCPU; beyond `max_concurrency` requests wait in FIFO.
///
/// All requests in progress advance at the same rate, so the server keeps one virtual clock V
/// (microseconds of work each of them has received since V = 0) and a min-heap of the V at which
/// each finishes. An arrival or a completion is O(log n), and there is one timer per task: the
/// earliest finish.
class TaskServer : public CpuConsumer {
 public:
  /// A server on `engine` with `vcpus` and at most `max_concurrency` requests in progress (0: no cap).
  TaskServer(Engine& engine, double vcpus, std::uint32_t max_concurrency, BusyListener* listener);
  ~TaskServer() override;
  /// Shares the host's CPU through `host` (EC2): the server reports its demand as ticket `ticket`.
  void share_cpu(CpuHost* host, std::uint32_t ticket);
  TaskServer(const TaskServer&) = delete;
  TaskServer& operator=(const TaskServer&) = delete;

  /// Accepts request `token` needing `cpu_ms` at one vCPU; the outcome goes to `observer`.
  void admit(std::uint32_t token, double cpu_ms, ServingObserver* observer);
  /// Drops every request in progress or waiting (the task stopped): each observer hears on_dropped.
  void drop_all();
  /// Changes the vCPUs available (EC2 hosts lend idle CPU).
  void set_vcpus(double vcpus) override;
  /// Requests in progress or waiting.
  std::uint32_t outstanding() const { return static_cast<std::uint32_t>(active_.size() + waiting_.size()); }
  /// vCPUs kept busy now: min(n, c).
  double busy_vcpus() const;
  /// CPU used since the server started, up to `now` (not before the last change), in vCPU-microseconds:
  /// what the container's cgroup counts (cAdvisor's usage), read when sampled instead of followed.
  double cpu_used_us(SimTime now) const {
    return cpu_us_ + busy_vcpus() * static_cast<double>((now - busy_since_).us());
  }

 private:
  struct Job {
    double finish_v;  // V at which the job has received all its work
    std::uint32_t token;
    ServingObserver* observer;
  };
  struct Waiting {
    double work_us;
    std::uint32_t token;
    ServingObserver* observer;
  };
  static bool later(const Job& a, const Job& b) {
    return a.finish_v > b.finish_v || (a.finish_v == b.finish_v && a.token > b.token);
  }

  double rate() const;
  void advance();
  void start_job(double work_us, std::uint32_t token, ServingObserver* observer);
  void reschedule(double busy_before);
  void report_demand();
  void on_finish(std::uint64_t);

  Engine& engine_;
  double vcpus_;
  std::uint32_t max_concurrency_;
  BusyListener* listener_;
  std::vector<Job> active_;  // min-heap on finish_v via `later`
  std::deque<Waiting> waiting_;
  double v_ = 0;
  SimTime last_ = SimTime::zero();
  EventId timer_;
  CpuHost* host_ = nullptr;
  std::uint32_t host_ticket_ = 0;
  std::uint32_t reported_active_ = 0;
  double cpu_us_ = 0;                     // vCPU-microseconds used until busy_since_
  SimTime busy_since_ = SimTime::zero();  // when the busy vCPUs last changed
};

}  // namespace fleetsim
