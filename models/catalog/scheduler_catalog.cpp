#include "models/catalog/scheduler_catalog.hpp"

#include <algorithm>

namespace fleetsim {

Duration SchedulerCatalog::restart_backoff(int consecutive_failures) const {
  int throttled = consecutive_failures - restart_free_failures;
  if (throttled <= 0) return Duration::micros(0);
  Duration wait = restart_backoff_initial;
  for (int i = 1; i < throttled && wait < restart_backoff_max; ++i) wait = wait * 2;
  return std::min(wait, restart_backoff_max);
}

int SchedulerCatalog::circuit_breaker_threshold(int desired_count) const {
  // "0.5 * desired task count", at least the floor, at most 200 (aws-facts §8 "Circuit breaker
  // threshold"); half of an odd count is rounded up, so 5 tasks need 3 failures, not 2.
  return std::clamp((desired_count + 1) / 2, circuit_breaker_min_threshold, 200);
}

const Shape* SchedulerCatalog::section_shape(ShapeSet& s) {
  Shape& e = s.object("the ecs catalogue entry", "ECS service scheduler defaults.");
  e.field("healthyAfterRunningSeconds", s.number(0, 3600),
          "a task with no load balancer counts as healthy this long after RUNNING")
      .field("circuitBreakerMinimumThreshold", s.integer(1, 200),
             "circuit breaker threshold floor (3 in the current API reference, 10 in the 2023 guide)")
      .field("restartFreeFailures", s.integer(0, 1000),
             "consecutive task failures retried at once before throttling starts")
      .field("restartBackoffInitialSeconds", s.number(0, 86400),
             "first restart back-off once throttling starts, seconds")
      .field("restartBackoffMaxSeconds", s.number(0, 86400), "restart back-off ceiling, seconds (AWS: 15 minutes)")
      .field("placementRetrySeconds", s.number(0.001, 3600),
             "wait before the scheduler retries after a task could not be placed");
  return &e;
}

void SchedulerCatalog::apply_overrides(const nlohmann::json& e) {
  auto seconds = [&](const char* key, Duration& out) {
    if (e.contains(key)) out = Duration::from_seconds(e[key].get<double>());
  };
  seconds("healthyAfterRunningSeconds", healthy_after_running);
  circuit_breaker_min_threshold = e.value("circuitBreakerMinimumThreshold", circuit_breaker_min_threshold);
  restart_free_failures = e.value("restartFreeFailures", restart_free_failures);
  seconds("restartBackoffInitialSeconds", restart_backoff_initial);
  seconds("restartBackoffMaxSeconds", restart_backoff_max);
  seconds("placementRetrySeconds", placement_retry);
}

nlohmann::ordered_json SchedulerCatalog::to_json() const {
  return {{"healthyAfterRunningSeconds", healthy_after_running.seconds_f()},
          {"circuitBreakerMinimumThreshold", circuit_breaker_min_threshold},
          {"restartFreeFailures", restart_free_failures},
          {"restartBackoffInitialSeconds", restart_backoff_initial.seconds_f()},
          {"restartBackoffMaxSeconds", restart_backoff_max.seconds_f()},
          {"placementRetrySeconds", placement_retry.seconds_f()}};
}

}  // namespace fleetsim
