#pragma once
/// One EC2 instance registered with an ECS cluster: what its agent tracks for the tasks it runs.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/api/container_instances.hpp"
#include "models/api/launch_platform.hpp"
#include "models/hosts/cpu_shares.hpp"
#include "models/hosts/host_table.hpp"

namespace fleetsim {

/// Host ports for `hostPort: 0` in bridge mode: the lowest free port of the ephemeral range, so a port
/// freed by a stopped task is the next one given. (Docker walks the range from its last allocation
/// instead; which free port a task gets changes only target names, never timing.)
class EphemeralPorts {
 public:
  /// The range [first, last].
  EphemeralPorts(int first, int last) : next_(first), last_(last) {}
  /// A free port, or 0 when the range is exhausted.
  int take();
  /// Returns `port` to the range.
  void give_back(int port);
  /// Free ports left.
  int free() const { return last_ - next_ + 1 + static_cast<int>(freed_.size()); }

 private:
  int next_;  // every port from here to last_ is free
  int last_;
  std::vector<int> freed_;  // min-heap of ports below next_ given back
};

/// A task the agent runs on the instance.
struct HostedTask {
  PlacementClient* client = nullptr;
  std::string group;
  ResourceRequest requirement;
  std::uint32_t cpu_ticket = 0;
  std::vector<int> dynamic_ports;
};

/// A container instance: registration, agent state and the tasks on it.
struct ContainerInstance {
  ContainerInstance(const InstanceRegistration& r, std::uint32_t i, int first_port, int last_port, Engine& engine)
      : registration(r), index(i), cpu(r.vcpu, engine), ports(first_port, last_port) {}
  InstanceRegistration registration;
  std::uint32_t index;    ///< position in the cluster's placement columns
  bool draining = false;  ///< DRAINING: takes no new task
  bool gone = false;      ///< deregistered (terminated)
  CpuShares cpu;
  EphemeralPorts ports;
  std::map<std::string, SimTime> layers_ready;  ///< image layer digest -> when it is on disk
  std::vector<std::uint32_t> tasks;             ///< tickets of the tasks on it
};

}  // namespace fleetsim
