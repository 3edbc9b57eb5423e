#pragma once
/// Between EC2 and ECS: instances joining a cluster as container instances, capacity providers steering
/// Auto Scaling groups, and the CPU an instance's tasks share.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/time.hpp"

namespace fleetsim {

/// What the ECS agent registers when an instance boots into a cluster.
struct InstanceRegistration {
  std::string instance_id;                   ///< "i-..."
  std::string instance_type;                 ///< ecs.instance-type
  std::string availability_zone;             ///< ecs.availability-zone
  std::string subnet_id;                     ///< ecs.subnet-id (may be empty)
  std::string architecture;                  ///< ecs.cpu-architecture
  std::string capacity_provider;             ///< the capacity provider whose group launched it, or empty
  int vcpu = 0;                              ///< vCPUs the tasks share
  int cpu_units = 0;                         ///< registered CPU units (1024 per vCPU)
  int memory_mib = 0;                        ///< registered memory
  int awsvpc_tasks = 0;                      ///< ENIs available to awsvpc tasks
  double pull_mibps = 0;                     ///< image pull bandwidth
  std::vector<std::string> security_groups;  ///< the instance's security groups
  std::string instance_profile;              ///< IamInstanceProfile: whose role the agent registers with ("": none)
};

/// An ECS cluster as the EC2 side sees it: instances join, drain and vanish.
class ContainerInstanceRegistry {
 public:
  virtual ~ContainerInstanceRegistry() = default;
  /// The agent registered: the instance is ACTIVE and takes tasks.
  virtual void instance_registered(const InstanceRegistration& instance) = 0;
  /// The instance goes DRAINING (Spot interruption notice, scale-in): its tasks are replaced elsewhere.
  virtual void instance_draining(const std::string& instance_id, const std::string& reason) = 0;
  /// The instance is gone: tasks still on it stop at once with `reason`.
  virtual void instance_lost(const std::string& instance_id, const std::string& reason) = 0;
  /// Non-daemon tasks on the instance (managed termination protection keeps instances with any).
  virtual int tasks_on(const std::string& instance_id) const = 0;
};

/// Spot capacity EC2 can reclaim: an Auto Scaling group's Spot instances, or Fargate Spot.
class SpotPool {
 public:
  virtual ~SpotPool() = default;
  /// Reclaims `count` running Spot instances or tasks: the two-minute notice starts now.
  virtual void interrupt_spot(int count) = 0;
};

/// An Auto Scaling group as a capacity provider steers it.
class ScalableGroup : public SpotPool {
 public:
  virtual ~ScalableGroup() = default;
  /// DesiredCapacity now.
  virtual int desired_capacity() const = 0;
  /// Instances launched and not yet terminated (pending or in service).
  virtual int instance_count() const = 0;
  /// Instances launched less than `warmup` ago (still warming up).
  virtual int warming_instances(Duration warmup) const = 0;
  /// MinSize and MaxSize.
  virtual int min_size() const = 0;
  virtual int max_size() const = 0;
  /// Sets DesiredCapacity (clamped to min/max by the group) with the reason for its activity log.
  virtual void set_desired_capacity(int desired, const std::string& reason) = 0;
  /// TerminateInstanceInAutoScalingGroup with ShouldDecrementDesiredCapacity: the instance goes and
  /// DesiredCapacity drops by one (not below MinSize). False when it is not a live instance of the group.
  virtual bool terminate_instance(const std::string& instance_id, const std::string& reason) = 0;
  /// Managed termination protection: scale-in terminates only instances the registry reports empty.
  virtual void protect_busy_instances(const ContainerInstanceRegistry* registry) = 0;
  /// The largest and smallest instance types the group launches: (cpu units, memory MiB) each.
  virtual std::pair<int, int> largest_type() const = 0;
  virtual std::pair<int, int> smallest_type() const = 0;
  /// Instances join `registry`, tagged with `capacity_provider` (empty without one). Joining through a capacity
  /// provider turns managed draining on, its default (set_managed_draining).
  virtual void join_cluster(ContainerInstanceRegistry* registry, const std::string& capacity_provider) = 0;
  /// Managed instance draining of the capacity provider using the group (`managedDraining`): its Spot instances
  /// go DRAINING on the interruption notice even when the agent's own Spot draining is off.
  virtual void set_managed_draining(bool on) = 0;
  /// The cluster its instances join when no capacity provider claims the group (x-fleetsim.cluster).
  virtual const std::string& cluster_hint() const = 0;
  /// The security groups of its instances (bridge and host tasks receive traffic through them).
  virtual const std::vector<std::string>& security_groups() const = 0;
  /// The instances' IamInstanceProfile (name), or "" when the group gives none.
  virtual const std::string& instance_profile() const = 0;
};

/// An instance sharing its vCPUs between its tasks, as Docker CPU shares do.
class CpuHost {
 public:
  virtual ~CpuHost() = default;
  /// Task `ticket` starts serving through `consumer` (nullptr: it stopped).
  virtual void attach(std::uint32_t ticket, class CpuConsumer* consumer) = 0;
  /// Task `ticket`'s requests in progress changed to `active` (each wants up to one vCPU).
  virtual void demand_changed(std::uint32_t ticket, std::uint32_t active) = 0;
};

/// What receives a task's share of its host's CPU.
class CpuConsumer {
 public:
  virtual ~CpuConsumer() = default;
  /// The vCPUs the task may use from now on.
  virtual void set_vcpus(double vcpus) = 0;
};

}  // namespace fleetsim
