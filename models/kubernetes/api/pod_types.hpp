#pragma once
/// Pods as manifests describe them (core/v1 PodSpec and its parts), after the API server's defaulting.
/// Times are the API's own whole seconds; quantities are in the integer units of `Resources`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/kubernetes/api/core_types.hpp"
#include "sim/random/distribution.hpp"

namespace fleetsim::kube {

/// metadata: who the object is and its labels. Cluster-scoped kinds leave `ns` empty.
struct ObjectMeta {
  std::string name;
  std::string ns = "default";  ///< metadata.namespace
  Labels labels;
  Labels annotations;
};

/// What a probe does.
enum class ProbeAction : std::uint8_t { kHttpGet, kTcpSocket, kExec, kGrpc };

/// A startup, readiness or liveness probe with the API server's defaults.
struct Probe {
  ProbeAction action = ProbeAction::kHttpGet;
  std::string path = "/";  ///< httpGet.path
  int port = 0;            ///< httpGet/tcpSocket/grpc port number, or 0 when named
  std::string port_name;   ///< a named port (resolved against the container's ports)
  int initial_delay_seconds = 0;
  int period_seconds = 10;
  int timeout_seconds = 1;
  int success_threshold = 1;
  int failure_threshold = 3;
};

/// imagePullPolicy.
enum class PullPolicy : std::uint8_t { kAlways, kIfNotPresent, kNever };

/// A containerPort entry.
struct ContainerPort {
  std::string name;
  int container_port = 0;
  std::string protocol = "TCP";
};

/// One container. A zero in `limits` means no limit; `requests` already holds the API server's default
/// (a resource with a limit and no request requests its limit).
struct Container {
  std::string name;
  std::string image;
  PullPolicy image_pull_policy = PullPolicy::kIfNotPresent;  ///< default Always for ":latest" or no tag
  Resources requests;
  Resources limits;
  std::vector<ContainerPort> ports;
  std::optional<Probe> startup_probe;
  std::optional<Probe> readiness_probe;
  std::optional<Probe> liveness_probe;
  /// lifecycle.preStop as a wait before SIGTERM: `sleep.seconds`, or an exec of `sleep N` (also through
  /// `sh -c`); 0 without one or for a hook that does not sleep.
  int pre_stop_sleep_seconds = 0;
  bool has_pre_stop = false;  ///< some preStop hook is set (it may take no modelled time)
};

/// The `fleetsim.io/` annotations of a pod template or Pod: the same knobs as `x-fleetsim` on an ECS container.
struct SimulationKnobs {
  std::uint32_t max_concurrency = 0;                   ///< max-concurrency: requests served at once; 0 = unlimited
  Distribution startup_s = Distribution::constant(0);  ///< startup-time: container start to app answering
  std::optional<Distribution> crash_after_s;           ///< crash-after: the container exits this long after start
  bool fail_health_checks = false;                     ///< fail-health-checks: the app never passes a probe
  std::optional<Distribution> memory_use_mib;          ///< memory-usage: MiB the pod uses (sampled per pod)
  std::optional<Distribution> run_time_s;              ///< run-time: start to exit 0 (Jobs)
};

/// A pod's spec after defaulting.
struct PodSpec {
  std::vector<Container> containers;
  std::vector<Container> init_containers;
  Labels node_selector;
  Affinity affinity;
  std::vector<Toleration> tolerations;
  std::vector<TopologySpreadConstraint> topology_spread_constraints;
  std::string priority_class_name;
  int termination_grace_period_seconds = 30;
  std::string restart_policy = "Always";     ///< Always, OnFailure or Never
  std::vector<std::string> readiness_gates;  ///< conditionType of each gate
};

/// A pod template (Deployment, Job) or a Pod's own metadata and spec, with its simulation knobs.
struct PodTemplateSpec {
  ObjectMeta metadata;
  PodSpec spec;
  SimulationKnobs knobs;
};

}  // namespace fleetsim::kube
