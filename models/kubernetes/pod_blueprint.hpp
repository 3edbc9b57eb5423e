#pragma once
/// What a pod is stamped from: a pod template as the kubelet and the serving model need it, read once
/// from the manifest (models/kubernetes/api) and shared by every pod of a ReplicaSet or Job.

#include <cstdint>
#include <optional>
#include <string>

#include "models/kubernetes/api/objects.hpp"
#include "models/kubernetes/scheduler/node_info.hpp"
#include "sim/random/distribution.hpp"
#include "sim/time.hpp"

namespace fleetsim::kube {

/// A pod template, compiled.
struct PodBlueprint {
  /// The template `t`, at `priority` (its PriorityClass's value), as the kubelet and the scheduler need it.
  static PodBlueprint compile(const PodTemplateSpec& t, int priority);

  std::string owner_kind;               ///< "ReplicaSet", "Job" or "" for a bare Pod
  std::string owner;                    ///< the owner's name
  std::string name_prefix;              ///< "web-7d9f5c6b8d-" for a ReplicaSet's pods
  std::string container_name;           ///< the serving container's name
  std::string image;                    ///< the serving container's image
  bool always_pull = false;             ///< imagePullPolicy Always: pulls even when the node has the image
  std::int64_t cpu_limit_milli = 0;     ///< the pod's CPU limit (CFS quota); 0: none
  std::int64_t memory_limit_bytes = 0;  ///< the pod's memory limit (OOM kill above it); 0: none
  int container_port = 0;               ///< the serving container's first port
  std::optional<Probe> startup;         ///< the serving container's probes
  std::optional<Probe> readiness;
  std::optional<Probe> liveness;
  Duration pre_stop;                       ///< preStop sleep (or `sleep N` exec)
  Duration grace = Duration::seconds(30);  ///< terminationGracePeriodSeconds
  std::string restart_policy = "Always";   ///< Always, OnFailure or Never
  /// What kube-scheduler reads; its requests are the pod's (containers summed, the largest init
  /// container's if more), its name set per pod.
  PodSchedulingSpec scheduling;
  SimulationKnobs app;  ///< the fleetsim.io/ knobs
};

}  // namespace fleetsim::kube
