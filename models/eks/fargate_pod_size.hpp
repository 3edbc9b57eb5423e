#pragma once
/// The size EKS on Fargate provisions for a pod (aws-facts §10.4, EKS-UG
/// nodes/fargate-pod-configuration.adoc): per resource the larger of the largest init container's
/// request and the sum of the long-running containers' requests, 256 MiB more memory for the
/// kubelet, kube-proxy and containerd, rounded up to the nearest valid Fargate size (§5.1).

#include <optional>
#include <string>
#include <vector>

#include "models/kubernetes/api/core_types.hpp"

namespace fleetsim {

/// Memory EKS adds to every Fargate pod for its node components, MiB.
inline constexpr int kFargatePodOverheadMib = 256;

/// A Fargate size: CPU units (1024 per vCPU) and memory.
struct FargateSize {
  int cpu_units = 0;   ///< 256 .. 16384
  int memory_mib = 0;  ///< one of fargate_memory_options(cpu_units)
};

/// The sizing of one pod.
struct FargatePodSizing {
  kube::Resources request;          ///< the pod's request before the overhead
  std::optional<FargateSize> size;  ///< the size provisioned; empty when no size is large enough
  std::string error;                ///< why, when `size` is empty
};

/// Sizes a pod from its init containers' and containers' requests.
FargatePodSizing fargate_pod_size(const std::vector<kube::Resources>& init_containers,
                                  const std::vector<kube::Resources>& containers);

/// The CapacityProvisioned annotation's value for `size`, e.g. "0.25vCPU 0.5GB", "2vCPU 9GB".
std::string capacity_provisioned(const FargateSize& size);

}  // namespace fleetsim
