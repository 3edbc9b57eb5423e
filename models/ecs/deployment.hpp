#pragma once
/// ECS rolling deployments (the `ECS` deployment controller): the configuration a service gives,
/// one deployment's record, and the batch arithmetic that bounds what may start and stop.

#include <cstdint>
#include <string>

#include "sim/time.hpp"

namespace fleetsim {

struct TaskDefinition;

/// CreateService's deploymentConfiguration.
struct DeploymentConfiguration {
  int minimum_healthy_percent = 100;  ///< AWS default for REPLICA services (aws-facts §8)
  int maximum_percent = 200;          ///< AWS default for REPLICA services (aws-facts §8)
  bool circuit_breaker = false;       ///< deploymentCircuitBreaker.enable
  bool rollback = false;              ///< deploymentCircuitBreaker.rollback
};

/// A deployment's rolloutState, as DeploymentStateChange events name it.
enum class RolloutState { kInProgress, kCompleted, kFailed, kRollbackInProgress, kRollbackCompleted };

/// "IN_PROGRESS", "COMPLETED", ...
const char* rollout_state_name(RolloutState s);

/// One deployment of a service: a task definition revision the scheduler rolls out.
struct Deployment {
  std::string id;  ///< "ecs-svc/" and 19 digits, as ECS prints them
  const TaskDefinition* definition = nullptr;
  RolloutState state = RolloutState::kInProgress;
  SimTime created;
  SimTime finished = SimTime::never();
  int failed_tasks = 0;              ///< circuit-breaker count
  int min_healthy_seen = INT32_MAX;  ///< fewest healthy tasks while in progress
  int max_tasks_seen = 0;            ///< most RUNNING + PENDING tasks while in progress

  /// True while the scheduler is still rolling it out.
  bool in_progress() const { return state == RolloutState::kInProgress || state == RolloutState::kRollbackInProgress; }
};

/// What the deployment configuration allows right now (aws-facts §8 "Batch semantics").
struct RolloutBounds {
  int min_healthy = 0;  ///< ceil(minimumHealthyPercent x desired): healthy tasks that must remain
  int max_tasks = 0;    ///< floor(maximumPercent x desired): RUNNING + PENDING tasks allowed

  /// The bounds for `desired` tasks under `config`.
  static RolloutBounds of(const DeploymentConfiguration& config, int desired);
  /// New tasks that may start when `live` tasks are RUNNING or PENDING.
  int may_start(int live) const { return max_tasks > live ? max_tasks - live : 0; }
  /// Healthy tasks that may stop when `healthy` are healthy.
  int may_stop(int healthy) const { return healthy > min_healthy ? healthy - min_healthy : 0; }
};

}  // namespace fleetsim
