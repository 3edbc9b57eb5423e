#pragma once
/// An ALB target group: registered targets, health checks, routing, draining, timeouts, and the
/// per-group CloudWatch metrics.

#include <deque>
#include <string>
#include <vector>

#include "models/alb/zone_nodes.hpp"
#include "models/api/load_balancing.hpp"
#include "models/api/metric_source.hpp"
#include "models/api/request_path.hpp"
#include "models/api/request_totals.hpp"
#include "models/api/run_context.hpp"
#include "sim/random/distribution.hpp"
#include "sim/slot_pool.hpp"

namespace fleetsim {

/// `load_balancing.algorithm.type`.
enum class RoutingAlgorithm { kRoundRobin, kLeastOutstandingRequests, kWeightedRandom };

/// Health check settings (CreateTargetGroup fields; defaults from aws-facts §7 "Health check defaults").
struct HealthCheckConfig {
  bool enabled = true;
  Duration interval = Duration::seconds(30);
  Duration timeout = Duration::seconds(5);
  int healthy_threshold = 5;
  int unhealthy_threshold = 2;
  /// Passes a new target needs: 1 per the ALB guide ("must pass one health check"); the ECS
  /// best-practices guide implies HealthyThresholdCount (aws-facts §7 "Initial health", a conflict).
  int initial_healthy_threshold = 1;
  /// CPU a health check costs the app, ms at one vCPU; it queues behind requests like one.
  double cpu_ms = 1;
};

/// What a target group needs from the scenario.
struct TargetGroupConfig {
  std::string name;
  std::string load_balancer;  ///< for metric dimensions
  std::string target_type = "instance";
  RoutingAlgorithm algorithm = RoutingAlgorithm::kRoundRobin;
  HealthCheckConfig health;
  Duration deregistration_delay = Duration::seconds(300);  ///< aws-facts §7 "Deregistration delay"
  Duration slow_start = Duration::seconds(0);              ///< 0: off (aws-facts §7 "Slow start")
  std::vector<std::string> source_security_groups;         ///< the load balancer's SecurityGroups
  /// The load balancer's Availability Zones: one node each (empty: one node).
  std::vector<std::string> availability_zones;
  /// load_balancing.cross_zone.enabled: on for an ALB unless the target group turns it off (aws-facts §7).
  bool cross_zone = true;
  /// RegisterTargets until the target is registered and its checks start, seconds (catalogue alb).
  Distribution registration_s = Distribution::constant(0);
  /// The load balancer's idle_timeout.timeout_seconds: its keep-alive connections to a target close this long
  /// after their last use, and a draining target is done only once they have (ALB-UG "Deregistration delay").
  Duration idle_timeout = Duration::seconds(60);
  /// How long the ALB tries to connect to a target that does not answer before it returns 504.
  Duration connect_timeout = Duration::seconds(10);
};

/// A target group (CreateTargetGroup shape) as it routes requests.
///
/// Targets and requests in flight live in slot pools (no allocation per request once warm); a
/// handle kept in a timer payload or a deadline goes stale when its slot is reused. Timeouts are one
/// FIFO per distinct timeout value: deadlines enter in arrival order, so only the head needs a timer.
/// Notifications to a target's owner go through zero-delay events, never from inside a callback of
/// the target itself.
/// It is also the source of its RequestCountPerTarget datapoints for CloudWatch alarms.
class TargetGroup : public TargetGroupPort, public ServingObserver, public PeriodListener, public MetricSource {
 public:
  /// A group recording into `totals` (shared by every load balancer of the run).
  TargetGroup(RunContext& ctx, TargetGroupConfig config, RequestTotals& totals);

  /// A request forwarded by a listener now; `extra_latency_ms` is the load balancer's own latency and
  /// `client`, uniform in [0, 1), picks the load balancer node the client reached.
  void route(const RequestSpec& request, double extra_latency_ms, double client);

  TargetHandle register_target(ServingTarget* target, const TargetInfo& info, TargetOwner* owner) override;
  void deregister_target(TargetHandle handle) override;
  const std::string& name() const override { return config_.name; }
  const std::string& target_type() const override { return config_.target_type; }
  const std::vector<std::string>& source_security_groups() const override { return config_.source_security_groups; }
  const std::string& load_balancer() const override { return config_.load_balancer; }
  const QuantileSketch& run_latency() const override { return run_latency_; }
  double take_offered_cpu_ms() override;

  void on_served(std::uint32_t token) override;
  void on_dropped(std::uint32_t token) override;
  void on_period_end(SimTime end, Duration period) override;
  MetricTotals totals(SimTime now) const override { return {now, routed_, healthy_area_.integral(now)}; }
  std::optional<Datapoint> datapoint(const MetricTotals& from, const MetricTotals& to) const override;

  /// The group's settings.
  const TargetGroupConfig& config() const { return config_; }

 private:
  enum class State { kUnused, kInitial, kHealthy, kUnhealthy, kDraining };
  static constexpr std::uint32_t kNone = UINT32_MAX;

  struct Target {
    ServingTarget* serving = nullptr;
    TargetOwner* owner = nullptr;
    TargetInfo info;
    State state = State::kUnused;
    int passes = 0, failures = 0;   // consecutive health check results
    std::uint32_t outstanding = 0;  // routed requests not yet answered
    std::uint32_t set_pos = kNone;  // index in healthy_ or unhealthy_
    SimTime healthy_since;
    SimTime last_used;    // a request of it last routed or answered: its connections idle since
    bool used = false;    // false: the ALB never opened a connection to it
    SimTime drain_until;  // the deregistration delay's end
    bool slow_start = false;
    std::string reason;  // of the last health change, for the owner
    EventId check_timer, probe_timer, drain_timer;
    std::uint32_t probe_token = kNone;
  };
  struct InFlight {
    SimTime arrival;
    double extra_latency_ms;
    SlotHandle target;  // stale once the target has drained and its slot was released
    bool answered;
    bool probe;
    bool unreachable = false;               // never handed to the target: nothing will answer or drop it
    std::uint32_t node = ZoneNodes::kNone;  // the load balancer node that sent it (none: fail-open)
  };
  struct Deadline {
    SimTime at;
    SlotHandle request;  // stale once the request's slot was released
  };
  struct TimeoutQueue {
    Duration timeout;
    std::deque<Deadline> deadlines;
    EventId timer;
  };

  // A target's timer payload: its handle, so a timer of a target since drained finds nothing.
  std::uint64_t pack(std::uint32_t index) const { return targets_.handle(index).bits(); }
  Target* unpack(std::uint64_t payload) { return targets_.find(SlotHandle::from_bits(payload)); }
  static std::uint32_t index_of(std::uint64_t payload) { return SlotHandle::from_bits(payload).index(); }

  // Routing.
  std::uint32_t pick_target(std::uint32_t node);
  double slow_start_weight(Target& t);
  bool accept_by_weight(std::uint32_t index);
  void enter_set(std::uint32_t index);
  void leave_set(std::uint32_t index);

  // Requests.
  std::uint32_t allocate_slot(std::uint32_t target, double extra_latency_ms, bool probe);
  void answer(std::uint32_t token, double latency_ms);
  void release_slot(std::uint32_t token);
  bool waiting_for_answer(const Deadline& d) const;
  void enqueue_deadline(std::uint32_t token, Duration timeout);
  void arm(std::size_t queue);
  void on_timeout(std::uint64_t queue);

  // Health.
  void on_registered(std::uint64_t payload);
  void on_check(std::uint64_t payload);
  void on_probe_timeout(std::uint64_t payload);
  void record_check(std::uint32_t index, bool pass, const char* reason);
  void set_state(std::uint32_t index, State to, const char* reason);
  void notify_owner(std::uint64_t payload);

  // Draining.
  void on_drain_timeout(std::uint64_t payload);
  void arm_drain(std::uint32_t index);
  void finish_drain(std::uint32_t index);
  void notify_drained(std::uint64_t payload);

  void emit_health(const Target& t, const char* from, const char* to, const char* reason);

  RunContext& ctx_;
  TargetGroupConfig config_;
  RequestTotals& totals_;
  Rng routing_rng_;
  Rng registration_rng_;
  SlotPool<Target> targets_{"targets in one target group"};
  std::vector<std::uint32_t> healthy_;    // routable
  std::vector<std::uint32_t> unhealthy_;  // routable only when nothing is healthy (fail-open)
  ZoneNodes nodes_;                       // the load balancer's nodes, each routing to healthy targets
  std::uint64_t round_robin_ = 0;         // fail-open turns
  SlotPool<InFlight> slots_{"requests in flight in one target group"};
  std::vector<TimeoutQueue> timeouts_;
  double offered_cpu_ms_ = 0;
  double period_requests_ = 0;
  double routed_ = 0;                // requests routed to a target, whole run
  TimeWeightedSignal healthy_area_;  // healthy targets x microseconds
  QuantileSketch run_latency_;

  CounterId request_count_, per_target_, elb_5xx_, elb_502_, elb_503_, elb_504_, target_5xx_;
  DistributionId response_time_;
  GaugeId healthy_count_, unhealthy_count_;
};

}  // namespace fleetsim
