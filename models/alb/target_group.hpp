#pragma once
/// An ALB target group: registered targets, routing, timeouts and the per-group CloudWatch metrics.

#include <deque>
#include <string>
#include <vector>

#include "models/api/load_balancing.hpp"
#include "models/api/request_path.hpp"
#include "models/api/request_totals.hpp"
#include "models/api/run_context.hpp"

namespace fleetsim {

/// `load_balancing.algorithm.type`.
enum class RoutingAlgorithm { kRoundRobin, kLeastOutstandingRequests, kWeightedRandom };

/// What a target group needs from the scenario.
struct TargetGroupConfig {
  std::string name;
  std::string load_balancer;      ///< for metric dimensions
  std::string target_type = "instance";
  RoutingAlgorithm algorithm = RoutingAlgorithm::kRoundRobin;
};

/// A target group (CreateTargetGroup shape) as it routes requests.
///
/// Requests in flight live in a slot pool (no allocation per request once warm). Timeouts are one
/// FIFO per distinct timeout value: deadlines enter in arrival order, so only the head needs a timer.
class TargetGroup : public TargetGroupPort, public ServingObserver, public PeriodListener {
 public:
  /// A group recording into `totals` (shared by every load balancer of the run).
  TargetGroup(RunContext& ctx, TargetGroupConfig config, RequestTotals& totals);

  /// A request forwarded by a listener now; `extra_latency_ms` is the load balancer's own latency.
  void route(const RequestSpec& request, double extra_latency_ms);

  TargetHandle register_target(ServingTarget* target, const TargetInfo& info) override;
  void set_ready(TargetHandle handle, bool ready) override;
  void deregister_target(TargetHandle handle) override;
  const std::string& name() const override { return config_.name; }
  const std::string& target_type() const override { return config_.target_type; }
  const QuantileSketch& run_latency() const override { return run_latency_; }
  double take_offered_cpu_ms() override;

  void on_served(std::uint32_t token) override;
  void on_dropped(std::uint32_t token) override;
  void on_period_end(SimTime end, Duration period) override;

  /// The group's settings.
  const TargetGroupConfig& config() const { return config_; }

 private:
  struct Target {
    ServingTarget* serving = nullptr;
    TargetInfo info;
    bool registered = false;
    std::uint32_t ready_pos = UINT32_MAX;  // index in ready_, or UINT32_MAX
  };
  struct InFlight {
    SimTime arrival;
    double extra_latency_ms;
    std::uint32_t serial;
    bool answered;
  };
  struct Deadline {
    SimTime at;
    std::uint32_t token;
    std::uint32_t serial;
  };
  struct TimeoutQueue {
    Duration timeout;
    std::deque<Deadline> deadlines;
    EventId timer;
  };

  std::uint32_t pick_target();
  void remove_ready(Target& t);
  std::uint32_t allocate_slot(double extra_latency_ms);
  void answer(std::uint32_t token, double latency_ms);
  void release_slot(std::uint32_t token);
  bool waiting_for_answer(const Deadline& d) const;
  void enqueue_deadline(std::uint32_t token, Duration timeout);
  void arm(std::size_t queue);
  void on_timeout(std::uint64_t queue);
  void emit_health(const Target& t, const char* from, const char* to, const char* reason);

  RunContext& ctx_;
  TargetGroupConfig config_;
  RequestTotals& totals_;
  Rng routing_rng_;
  std::vector<Target> targets_;
  std::vector<std::uint32_t> free_targets_;
  std::vector<std::uint32_t> ready_;
  std::uint64_t round_robin_ = 0;
  std::vector<InFlight> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint32_t next_serial_ = 0;
  std::vector<TimeoutQueue> timeouts_;
  double offered_cpu_ms_ = 0;
  double period_requests_ = 0;
  std::uint32_t registered_count_ = 0;
  QuantileSketch run_latency_;

  CounterId request_count_, per_target_, elb_5xx_, elb_502_, elb_503_, elb_504_, target_5xx_;
  DistributionId response_time_;
  GaugeId healthy_, unhealthy_;
};

}  // namespace fleetsim
