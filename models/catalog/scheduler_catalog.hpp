#pragma once
/// Catalogue defaults of the ECS service scheduler: when a task counts as healthy, the deployment
/// circuit breaker's floor, the restart back-off of failing tasks and the placement retry cadence.

#include <nlohmann/json.hpp>

#include "sim/scenario/shape.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// ECS service-scheduler values a scenario may override under `catalog.ecs`.
struct SchedulerCatalog {
  /// A task without a load balancer or container health check counts as healthy this long after
  /// RUNNING (aws-facts §8 "When a task counts as healthy", [DOC]).
  Duration healthy_after_running = Duration::seconds(40);
  /// Circuit-breaker threshold floor: 3 in the current API reference, 10 in the 2023 developer guide
  /// (aws-facts §8 "Circuit breaker threshold", [DOC] version conflict); the ceiling 200 is fixed.
  int circuit_breaker_min_threshold = 3;
  /// Restart throttling (aws-facts §8 "Service throttle logic", [DOC]): tasks that keep failing are
  /// retried with a growing back-off up to 15 minutes. The curve is undocumented [UNVERIFIED]: the
  /// first `restart_free_failures` consecutive failures are retried at once, then the wait starts at
  /// `restart_backoff_initial` and doubles up to `restart_backoff_max`.
  int restart_free_failures = 2;
  Duration restart_backoff_initial = Duration::seconds(30);
  Duration restart_backoff_max = Duration::seconds(900);
  /// How long the scheduler waits before trying again after a task could not be placed. ECS does not
  /// document its retry cadence [UNVERIFIED].
  Duration placement_retry = Duration::seconds(30);

  /// The wait before the next launch after `consecutive_failures` failed tasks in a row.
  Duration restart_backoff(int consecutive_failures) const;
  /// The circuit breaker's failure threshold for `desired_count` tasks.
  int circuit_breaker_threshold(int desired_count) const;

  /// The shape of `catalog.ecs`.
  static const Shape* section_shape(ShapeSet& shapes);
  /// Applies a validated `catalog.ecs`.
  void apply_overrides(const nlohmann::json& section);
  /// As `fleetsim catalog` prints it.
  nlohmann::ordered_json to_json() const;
};

}  // namespace fleetsim
