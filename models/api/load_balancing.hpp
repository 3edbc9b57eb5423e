#pragma once
/// How a service puts its tasks behind a target group.

#include <cstdint>
#include <string>

#include "sim/metrics/quantile_sketch.hpp"
#include "models/api/request_path.hpp"

namespace fleetsim {

/// Names a registered target inside its target group.
struct TargetHandle {
  std::uint32_t index = UINT32_MAX;  ///< slot in the group; UINT32_MAX when not registered
  /// True when this names a registered target.
  bool valid() const { return index != UINT32_MAX; }
};

/// Where a registered target lives, for events and metrics.
struct TargetInfo {
  std::string id;                 ///< "10.0.1.17:8080" for ip targets
  std::string availability_zone;  ///< the task's AZ
};

/// A target group as a service sees it.
class TargetGroupPort {
 public:
  virtual ~TargetGroupPort() = default;
  /// Registers a task's serving side; it receives traffic once marked ready.
  virtual TargetHandle register_target(ServingTarget* target, const TargetInfo& info) = 0;
  /// The task's application now answers (or no longer does): the target passes health checks.
  virtual void set_ready(TargetHandle handle, bool ready) = 0;
  /// Stops sending new requests to the target and forgets it.
  virtual void deregister_target(TargetHandle handle) = 0;
  /// The target group's name.
  virtual const std::string& name() const = 0;
  /// "instance" or "ip": how targets are addressed.
  virtual const std::string& target_type() const = 0;
  /// Latency (ms) of every request the group routed, over the whole run.
  virtual const QuantileSketch& run_latency() const = 0;
  /// CPU demand (ms at one vCPU) offered to the group since the last call, routed or refused.
  virtual double take_offered_cpu_ms() = 0;
};

}  // namespace fleetsim
