#pragma once
/// What an EKS node built from the EKS-optimized AMI offers pods: max pods from the Amazon VPC CNI
/// and the kubelet's reservations that the AMI's bootstrap computes (aws-facts §10.5).

#include <cstdint>

#include "models/catalog/instance_types.hpp"
#include "models/kubernetes/api/core_types.hpp"

namespace fleetsim {

/// Max pods with the VPC CNI's secondary IPs (no prefix delegation): ENIs x (IPv4 per ENI - 1) + 2,
/// the value of the AMI's eni-max-pods.txt that bootstrap.sh sets (m5.large 29, m5.4xlarge 234).
int eni_max_pods(const InstanceType& type);

/// max-pods-calculator.sh's recommended value (without --show-max-allowed): eni_max_pods capped at
/// 110, or at 250 for types with more than 30 vCPUs.
int recommended_max_pods(const InstanceType& type);

/// kube-reserved CPU, millicores: 6 % of the first core, 1 % of the second, 0.5 % of the third and
/// fourth, 0.25 % of every core above four (bootstrap.sh get_cpu_millicores_to_reserve).
std::int64_t kube_reserved_cpu_milli(int vcpu);

/// kube-reserved memory, MiB: 11 x maxPods + 255 (bootstrap.sh get_memory_mebibytes_to_reserve).
std::int64_t kube_reserved_memory_mib(int max_pods);

/// The kubelet's hard eviction threshold memory.available, MiB (bootstrap.sh evictionHard).
inline constexpr std::int64_t kEvictionHardMemoryMib = 100;

/// A node's capacity, reservations and allocatable.
struct NodeAllocatable {
  int max_pods = 0;               ///< status.allocatable pods
  kube::Resources capacity;       ///< vCPUs x 1000 and the nominal memory
  kube::Resources kube_reserved;  ///< kubeReserved cpu and memory
  kube::Resources eviction;       ///< evictionHard memory.available
  kube::Resources allocatable;    ///< capacity - kube_reserved - eviction
};

/// The allocatable of a node of `type` running `max_pods` pods (memory reservation from that number).
/// Capacity memory is the catalogue's nominal size; a real kubelet reports somewhat less (MemTotal).
NodeAllocatable eks_node_allocatable(const InstanceType& type, int max_pods);
/// The same with eni_max_pods(type), as bootstrap.sh does by default.
NodeAllocatable eks_node_allocatable(const InstanceType& type);

}  // namespace fleetsim
