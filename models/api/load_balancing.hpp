#pragma once
/// How a service puts its tasks behind a target group, and how a model creates target groups and listeners
/// while the world is built.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/api/request_path.hpp"
#include "sim/metrics/quantile_sketch.hpp"
#include "sim/time.hpp"

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
  bool reachable = true;          ///< false: security groups drop the ALB's traffic (checks and requests time out)
};

/// What the owner of a target (an ECS task) hears from its target group.
class TargetOwner {
 public:
  virtual ~TargetOwner() = default;
  /// The group now considers the target healthy (it passed its checks, or checks are disabled).
  virtual void on_target_healthy(const std::string& target_group) = 0;
  /// The group now considers the target unhealthy; `reason` is ELB's code (Target.Timeout, ...).
  virtual void on_target_unhealthy(const std::string& target_group, const std::string& reason) = 0;
  /// Deregistration finished: nothing of this group is in flight to the target any more.
  virtual void on_target_drained() = 0;
};

/// A target group as a service sees it.
class TargetGroupPort {
 public:
  virtual ~TargetGroupPort() = default;
  /// Registers a task's serving side; health checks start now and decide when it gets traffic.
  virtual TargetHandle register_target(ServingTarget* target, const TargetInfo& info, TargetOwner* owner) = 0;
  /// Starts draining the target: no new requests; the owner hears on_target_drained when the
  /// requests in flight are done or the deregistration delay has passed (then they are cut: 502).
  virtual void deregister_target(TargetHandle handle) = 0;
  /// The target group's name.
  virtual const std::string& name() const = 0;
  /// "instance" or "ip": how targets are addressed.
  virtual const std::string& target_type() const = 0;
  /// The security groups of the load balancer that sends to this group (empty: unrestricted).
  virtual const std::vector<std::string>& source_security_groups() const = 0;
  /// The load balancer's name ("" when none forwards here).
  virtual const std::string& load_balancer() const = 0;
  /// Latency (ms) of every request the group routed, over the whole run.
  virtual const QuantileSketch& run_latency() const = 0;
  /// CPU demand (ms at one vCPU) offered to the group since the last call, routed or refused.
  virtual double take_offered_cpu_ms() = 0;
};

/// The load balancer a created target group or listener belongs to (CreateLoadBalancer's fields that matter).
struct LoadBalancerSpec {
  std::string name;                          ///< Name: the LoadBalancer metric dimension and the listener's "NAME:PORT"
  std::vector<std::string> security_groups;  ///< SecurityGroups, checked by the caller (empty: unrestricted)
  /// Attribute idle_timeout.timeout_seconds: how long the load balancer keeps an idle connection open, to
  /// clients and to targets (ALB-UG "Connection idle timeout", default 60 s); a draining target stays
  /// draining while its connections are open.
  Duration idle_timeout = Duration::seconds(60);
};

/// Creates target groups, listeners and listener rules on request, as the elbv2 API does (what the AWS Load Balancer
/// Controller does for an Ingress: one ALB per Ingress or IngressGroup). The alb model provides it to the
/// World under the name "alb". Call it in the create stage: workloads, ECS services and scaling policies find
/// listeners and target groups while they are created (ranks 70 to 110).
class LoadBalancerFactory {
 public:
  virtual ~LoadBalancerFactory() = default;
  /// Creates a target group from a CreateTargetGroup-shaped `request` (the fields the `targetGroups` section
  /// takes: Name, TargetType, HealthCheck* fields, Attributes [{Key, Value}] with
  /// deregistration_delay.timeout_seconds, slow_start.duration_seconds, load_balancing.algorithm.type, ...),
  /// read and checked by the section's own code, behind `load_balancer` (its metric dimension and the source
  /// of its targets' traffic). It is provided as TargetGroupPort under its name, with its
  /// RequestCountPerTarget metric sources as the section's are. Throws ScenarioError at `pointer` (or a path
  /// under it) when the request is malformed or reuses a target group's name.
  virtual TargetGroupPort& create_target_group(const nlohmann::json& request, const LoadBalancerSpec& load_balancer,
                                               const std::string& pointer) = 0;
  /// Creates a listener on `load_balancer` from a CreateListener-shaped `request` (Port, Protocol,
  /// DefaultActions [{Type "forward", TargetGroupArn or ForwardConfig.TargetGroups [{TargetGroupArn,
  /// Weight}]} or {Type "fixed-response", FixedResponseConfig.StatusCode}], target groups by name or ARN, created
  /// here or in the `targetGroups` section; Rules as create_rule takes them), read by the section's own code. It is
  /// provided as RequestSink under "NAME:PORT". Throws ScenarioError at `pointer` (or a path under it) when the request
  /// is malformed, names an unknown target group or takes a port the load balancer already listens on.
  virtual RequestSink& create_listener(const nlohmann::json& request, const LoadBalancerSpec& load_balancer,
                                       const std::string& pointer) = 0;
  /// Adds a rule to the listener on `port` of `load_balancer` from a CreateRule-shaped `request` (Priority 1 to
  /// 50000, lowest evaluated first; Conditions [{Field "host-header" or "path-pattern", HostHeaderConfig or
  /// PathPatternConfig {Values}}], all of which must hold; Actions as a listener's DefaultActions), read by the
  /// section's own code. Throws ScenarioError at `pointer` (or a path under it) when the request is malformed,
  /// names an unknown target group or listener, or takes a priority the listener already has.
  virtual void create_rule(const nlohmann::json& request, const LoadBalancerSpec& load_balancer, int port,
                           const std::string& pointer) = 0;
};

}  // namespace fleetsim
