#pragma once
/// ECS task definitions (RegisterTaskDefinition shape) as the simulation uses them.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/ecs/task_access.hpp"
#include "models/ecs/task_volumes.hpp"
#include "sim/random/distribution.hpp"
#include "sim/scenario/shape.hpp"

namespace fleetsim {

/// One `portMappings` entry.
struct PortMapping {
  int container_port = 0;  ///< the port the app listens on
  int host_port = 0;       ///< 0: dynamic (bridge mode) or equal to container_port (awsvpc)
};

/// One container definition with its `x-fleetsim` behaviour.
struct ContainerDefinition {
  std::string name;
  std::string image;
  int cpu_units = 0;                          ///< container-level reservation
  std::optional<int> memory_mib;              ///< hard limit
  std::optional<int> memory_reservation_mib;  ///< soft limit
  bool essential = true;
  std::vector<PortMapping> port_mappings;
  std::uint32_t max_concurrency = 0;                   ///< x-fleetsim: requests served at once; 0 = unlimited
  Distribution startup_s = Distribution::constant(0);  ///< x-fleetsim: container start to app answering
  std::optional<Distribution> crash_after_s;           ///< x-fleetsim: the container exits this long after start
  int exit_code = 1;                                   ///< x-fleetsim: exit code of that crash
  bool fail_health_checks = false;                     ///< x-fleetsim: the app never passes a health check
  std::optional<Distribution> run_time_s;              ///< x-fleetsim: run-to-completion tasks
  std::optional<Distribution> memory_use_mib;  ///< x-fleetsim: memory the container uses, MiB (sampled per task)
  std::string queue;                           ///< x-fleetsim: the SQS queue the app polls, or ""
  int pollers = 1;                             ///< x-fleetsim: receive loops of a queue worker
  std::vector<std::string> mounted_volumes;    ///< mountPoints' sourceVolume names
};

/// What a task reserves on its host.
struct TaskReservation {
  int cpu_units = 0;
  int memory_mib = 0;
};

/// A registered task definition revision.
struct TaskDefinition {
  std::string family;
  int revision = 1;
  std::string network_mode = "bridge";  ///< AWS default on Linux EC2; Fargate requires awsvpc
  std::vector<std::string> requires_compatibilities;
  std::optional<int> cpu_units;   ///< task-level CPU
  std::optional<int> memory_mib;  ///< task-level memory
  bool arm64 = false;             ///< runtimePlatform.cpuArchitecture ARM64 (Graviton); X86_64 by default
  std::vector<ContainerDefinition> containers;
  std::vector<EfsVolume> efs_volumes;  ///< volumes with an efsVolumeConfiguration
  TaskAccess access;                   ///< what its roles let its tasks do (all allowed without a `roles` section)

  /// True when some container gives x-fleetsim.memoryUsage: only then is MemoryUtilization modelled.
  bool models_memory() const;
  /// CPU and memory as ECS reserves them: task level where given, else the containers' sum, memory
  /// counting each container's soft limit where given, else its hard one.
  TaskReservation reservation() const;
  /// "family:revision".
  std::string id() const { return family + ":" + std::to_string(revision); }
  /// The container a load balancer or the request model talks to: the named one, or the first
  /// essential container with a port mapping, or the first container.
  const ContainerDefinition& serving_container(const std::string& name = {}) const;
  /// The file system requests' I/O goes to: the first EFS volume `container` mounts, or nullptr.
  FileStorage* request_storage(const ContainerDefinition& container) const;
};

/// All task definitions of a scenario, by family and revision.
class TaskDefinitionTable {
 public:
  /// Reads the validated `taskDefinitions` section; throws ScenarioError on AWS value rules.
  void load(const nlohmann::json& section, const std::string& pointer);
  /// Resolves "family", "family:revision" or an ARN; nullptr when there is no such revision.
  const TaskDefinition* find(const std::string& reference) const;
  /// Where definition `id` ("family:revision") was declared, for error messages.
  const std::string& pointer_of(const std::string& id) const { return pointers_.at(id); }
  /// Links every EFS volume to its file system: `find` returns it or throws ScenarioError at the volume.
  void link_file_systems(const std::function<FileStorage*(const EfsVolume&)>& find);
  /// Calls `f(definition, pointer)` for every revision, in family and revision order.
  template <class F>
  void for_each(F&& f) {
    for (auto& [family, revisions] : by_family_) {
      for (auto& [revision, td] : revisions) f(td, pointers_.at(td.id()));
    }
  }
  /// The shape of the `taskDefinitions` section.
  static const Shape* section_shape(ShapeSet& shapes);

 private:
  std::map<std::string, std::map<int, TaskDefinition>> by_family_;
  std::map<std::string, std::string> pointers_;
};

}  // namespace fleetsim
