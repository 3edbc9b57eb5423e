#pragma once
/// Where a task runs: the capacity side of ECS (Fargate now; EC2 instances later).

#include <cstdint>
#include <string>

#include "sim/random/rng.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// What a task needs from its platform.
struct TaskNeeds {
  std::string family;         ///< task definition family, for billing records
  double vcpu = 0;            ///< task-level CPU in vCPUs
  double memory_gib = 0;      ///< task-level memory in GiB
  std::string image;          ///< the serving container's image
  std::string availability_zone;  ///< the AZ chosen for the task
};

/// The platform's answer for one task: how long the start-up stages take, or why it cannot start.
struct Placement {
  std::uint32_t ticket = 0;        ///< the platform's handle for billing and release
  Duration provisioning;           ///< PROVISIONING: capacity and ENI
  Duration pull;                   ///< PENDING: image pull
  bool pull_fails = false;         ///< the image does not exist: CannotPullContainerError
  std::string failure;             ///< the stoppedReason when pull_fails
  double vcpu = 0;                 ///< CPU the task may use, in vCPUs
};

/// A launch platform as ECS sees it.
class LaunchPlatform {
 public:
  virtual ~LaunchPlatform() = default;
  /// Takes capacity for a task and draws its start-up latencies from `rng`.
  virtual Placement place(const TaskNeeds& needs, Rng& rng) = 0;
  /// The image pull begins: billing starts now (Fargate bills from the start of the pull).
  virtual void pull_started(std::uint32_t ticket, SimTime now) = 0;
  /// The task is gone: billing stops and capacity is released.
  virtual void released(std::uint32_t ticket, SimTime now) = 0;
  /// How long deprovisioning takes after the containers stopped.
  virtual Duration deprovisioning(Rng& rng) = 0;
};

}  // namespace fleetsim
