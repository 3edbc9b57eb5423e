#pragma once
/// One host (an EC2 instance registered with a cluster) and the tenants it runs: what its agent tracks.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/api/container_instances.hpp"
#include "models/api/image_source.hpp"
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

/// A tenant of a host (an ECS task; a Kubernetes pod): what it holds there.
struct Tenant {
  PlacementClient* client = nullptr;  ///< hears when the host goes away
  std::string group;                  ///< its placement group
  ResourceRequest request;            ///< what it reserved
  std::uint32_t cpu_ticket = 0;       ///< its slot in the host's CpuShares
  std::vector<int> dynamic_ports;     ///< the ephemeral host ports it holds
};

/// What pulling an image onto a host costs.
struct ImagePull {
  Duration time;              ///< until every layer is on disk
  double downloaded_mib = 0;  ///< the layers that were neither on disk nor already coming down
};

/// A host: registration, agent state and its tenants.
struct Host {
  /// Host `i` of its cluster, registered as `r`, with ephemeral ports [first_port, last_port].
  Host(const InstanceRegistration& r, std::uint32_t i, int first_port, int last_port, Engine& engine)
      : registration(r), index(i), cpu(r.vcpu, engine), ports(first_port, last_port) {}
  /// Pulls `image` from `now`: layers already on disk, or being pulled for another tenant, are not pulled
  /// again; new ones come down at the host's pull bandwidth (aws-facts §5.3 "Image caching").
  ImagePull pull(const ImageInfo& image, SimTime now);

  InstanceRegistration registration;
  std::uint32_t index;    ///< its row in the cluster's HostTable
  bool draining = false;  ///< takes no new tenant
  bool gone = false;      ///< deregistered (terminated)
  CpuShares cpu;
  EphemeralPorts ports;
  std::map<std::string, SimTime> layers_ready;  ///< image layer digest -> when it is on disk
  std::vector<std::uint32_t> tenants;           ///< tickets of its tenants
};

}  // namespace fleetsim
