#pragma once
/// Targets and a harness for target group tests: a target that answers every request a fixed time after it
/// arrives, a run context, and a request sender for engine events.

#include <memory>
#include <vector>

#include "models/alb/target_group.hpp"

namespace fleetsim::testing {

/// A target that answers every request (and health check) a fixed time after it arrives.
struct SlowTarget : ServingTarget, TargetOwner {
  Engine* engine = nullptr;
  Duration service_time;
  std::vector<std::int64_t> served_at;  // arrival times of requests (not probes) handed to it
  std::uint32_t in_flight = 0;
  SimTime drained_at = SimTime::zero();
  bool drained = false;
  SimTime healthy_at = SimTime::zero();  // when the group first called it healthy
  bool healthy = false;
  struct Pending {
    SlowTarget* self;
    std::uint32_t token;
    ServingObserver* observer;
  };
  std::vector<std::unique_ptr<Pending>> pending;

  ProbeAnswer probe_answer() const override { return ProbeAnswer::kHealthy; }
  void serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) override {
    if (cpu_ms > 1) served_at.push_back(engine->now().us());  // health checks cost 1 ms
    ++in_flight;
    pending.push_back(std::make_unique<Pending>(Pending{this, token, observer}));
    engine->schedule_after(service_time, &SlowTarget::finish, pending.back().get(), 0);
  }
  static void finish(void* ctx, std::uint64_t) {
    auto* p = static_cast<Pending*>(ctx);
    --p->self->in_flight;
    p->observer->on_served(p->token);
  }
  std::uint32_t outstanding() const override { return in_flight; }
  void on_target_healthy(const std::string&) override {
    if (!healthy) healthy_at = engine->now();
    healthy = true;
  }
  void on_target_unhealthy(const std::string&, const std::string&) override {}
  void on_target_drained() override {
    drained = true;
    drained_at = engine->now();
  }
};

/// An engine, metrics and events for one target group.
struct Harness {
  Engine engine;
  MetricStore metrics{{}};
  EventLog events{nullptr};
  RunContext ctx{engine, 1, metrics, events, SimTime::zero() + Duration::seconds(3600)};
  RequestTotals totals;
};

/// A target group "tg" of ip targets, checks on, AWS's defaults otherwise.
inline TargetGroupConfig ip_group() {
  TargetGroupConfig c;
  c.name = "tg";
  c.target_type = "ip";
  return c;
}

/// Deregisters `handle` from `group` at a time of the run; must outlive the run.
struct Deregistration {
  TargetGroup* group;
  TargetHandle handle;
  /// Schedules it on `engine` at `when`.
  void at(Engine& engine, SimTime when) {
    engine.schedule_at(
        when,
        [](void* c, std::uint64_t) {
          auto* d = static_cast<Deregistration*>(c);
          d->group->deregister_target(d->handle);
        },
        this, 0);
  }
};

/// An engine callback: `ctx`, a TargetGroup, routes a 50 ms request with a 60 s timeout.
inline void send(void* ctx, std::uint64_t) {
  static_cast<TargetGroup*>(ctx)->route(RequestSpec{50, Duration::seconds(60)}, 0, 0.0);
}

}  // namespace fleetsim::testing
