#pragma once
/// Where a task runs: the capacity side of ECS (Fargate, or a cluster's EC2 container instances).

#include <cstdint>
#include <string>
#include <vector>

#include "sim/random/rng.hpp"
#include "sim/time.hpp"

namespace fleetsim {

class CpuHost;
struct PlacementPolicy;

/// A task definition's networkMode.
enum class NetworkMode : std::uint8_t { kBridge, kHost, kAwsvpc };

/// What a task needs from its platform.
struct TaskNeeds {
  std::string family;       ///< task definition family, for billing records
  std::string group;        ///< placement group: "service:NAME"
  double vcpu = 0;          ///< task-level CPU in vCPUs (Fargate size)
  double memory_gib = 0;    ///< task-level memory in GiB (Fargate size)
  bool arm64 = false;       ///< runtimePlatform ARM64: Fargate bills Graviton rates
  int cpu_units = 0;        ///< EC2: CPU units reserved on the instance
  int cpu_limit_units = 0;  ///< EC2: task-level CPU, a hard limit on Linux; 0: none (container-level shares only)
  int memory_mib = 0;       ///< EC2: memory reserved on the instance (soft limit if given, else hard)
  NetworkMode network_mode = NetworkMode::kAwsvpc;
  std::vector<int> static_host_ports;       ///< bridge/host: fixed host ports
  int dynamic_host_ports = 0;               ///< bridge: mappings with hostPort 0, each taking one ephemeral port
  int container_port = 0;                   ///< the serving container's port (the target's port in awsvpc mode)
  std::string image;                        ///< the serving container's image
  std::string availability_zone;            ///< Fargate: the AZ the service chose; EC2 placement chooses its own
  const PlacementPolicy* policy = nullptr;  ///< EC2: the service's strategies and constraints
};

/// The platform's answer for one task: where it runs, how long the start-up stages take, or why it cannot start.
struct Placement {
  std::uint32_t ticket = 0;                  ///< the platform's handle for billing and release
  Duration provisioning;                     ///< PROVISIONING: capacity and ENI
  Duration pull;                             ///< PENDING: image pull
  bool pull_fails = false;                   ///< the image does not exist: CannotPullContainerError
  std::string failure;                       ///< the stoppedReason when pull_fails
  double vcpu = 0;                           ///< CPU the task may use now, in vCPUs
  double host_vcpus = 0;                     ///< the vCPUs of the machine it runs on (EC2 or its Fargate size)
  std::string availability_zone;             ///< where it runs
  std::string instance_id;                   ///< EC2: the container instance
  std::string instance_profile;              ///< EC2: the instance's IamInstanceProfile (whose role the agent has)
  int host_port = 0;                         ///< bridge: the host port of the serving container's mapping
  std::vector<std::string> security_groups;  ///< EC2 bridge/host: the instance's groups
  std::string target_address;                ///< the ALB target: ENI address (awsvpc) or "instance-id" (bridge, host)
  int target_port = 0;                       ///< the port the target group sends to (the host port in bridge mode)
  CpuHost* cpu_host = nullptr;   ///< EC2: the instance arbitrating CPU between its tasks; nullptr on Fargate
  std::uint32_t cpu_ticket = 0;  ///< the task's slot at cpu_host
};

/// The task side of a placement request.
class PlacementClient {
 public:
  virtual ~PlacementClient() = default;
  /// The platform found capacity: the task leaves the wait and starts its stages.
  virtual void on_placed(const Placement& placement) = 0;
  /// No capacity and none coming (EC2 launch type without a capacity provider): `reason` is ECS's.
  virtual void on_unplaceable(const std::string& reason) = 0;
  /// The host is going away (Spot interruption, scale-in, AZ outage): the task must stop with `reason`.
  virtual void on_host_lost(const std::string& reason, bool graceful) = 0;
};

/// A launch platform as ECS sees it.
class LaunchPlatform {
 public:
  virtual ~LaunchPlatform() = default;
  /// Asks for capacity for a task: the answer comes through `client`, at once or when capacity appears.
  virtual void request(const TaskNeeds& needs, PlacementClient& client, Rng& rng) = 0;
  /// The task gave up before being placed (it was stopped while waiting).
  virtual void withdraw(PlacementClient& client) = 0;
  /// The image pull begins: Fargate bills from the start of the pull.
  virtual void pull_started(std::uint32_t ticket, SimTime now) = 0;
  /// The task is gone: billing stops and capacity is released.
  virtual void released(std::uint32_t ticket, SimTime now) = 0;
  /// How long deprovisioning takes after the containers stopped.
  virtual Duration deprovisioning(Rng& rng) = 0;
};

}  // namespace fleetsim
