#include "models/eks/node_allocatable.hpp"

#include <algorithm>

namespace fleetsim {

namespace {
constexpr std::int64_t kMiB = 1024 * 1024;
// max-pods-calculator.sh MAX_POD_CEILING_FOR_LOW_CPU / _HIGH_CPU and its 30-vCPU boundary.
constexpr int kMaxPodsLowCpu = 110;
constexpr int kMaxPodsHighCpu = 250;
constexpr int kHighCpuAbove = 30;
}  // namespace

int eni_max_pods(const InstanceType& type) {
  // One IPv4 address per ENI is the ENI's own; +2 for the host-network pods (aws-node, kube-proxy).
  return type.max_enis * (type.ipv4_per_eni - 1) + 2;
}

int recommended_max_pods(const InstanceType& type) {
  return std::min(eni_max_pods(type), type.vcpu > kHighCpuAbove ? kMaxPodsHighCpu : kMaxPodsLowCpu);
}

std::int64_t kube_reserved_cpu_milli(int vcpu) {
  // Ranges in millicores and the share reserved in each, in hundredths of a percent; each range's
  // part is truncated on its own, as the shell arithmetic does.
  struct Range {
    std::int64_t start;
    std::int64_t end;
    std::int64_t basis_points;
  };
  const std::int64_t total = static_cast<std::int64_t>(vcpu) * 1000;
  const Range ranges[] = {{0, 1000, 600}, {1000, 2000, 100}, {2000, 4000, 50}, {4000, total, 25}};
  std::int64_t reserved = 0;
  for (const Range& r : ranges) {
    if (total > r.start) reserved += (std::min(total, r.end) - r.start) * r.basis_points / 100 / 100;
  }
  return reserved;
}

std::int64_t kube_reserved_memory_mib(int max_pods) { return 11LL * max_pods + 255; }

NodeAllocatable eks_node_allocatable(const InstanceType& type, int max_pods) {
  NodeAllocatable a;
  a.max_pods = max_pods;
  a.capacity = {static_cast<std::int64_t>(type.vcpu) * 1000, static_cast<std::int64_t>(type.memory_mib) * kMiB};
  a.kube_reserved = {kube_reserved_cpu_milli(type.vcpu), kube_reserved_memory_mib(max_pods) * kMiB};
  a.eviction = {0, kEvictionHardMemoryMib * kMiB};
  a.allocatable = {
      std::max<std::int64_t>(0, a.capacity.cpu_milli - a.kube_reserved.cpu_milli),
      std::max<std::int64_t>(0, a.capacity.memory_bytes - a.kube_reserved.memory_bytes - a.eviction.memory_bytes)};
  return a;
}

NodeAllocatable eks_node_allocatable(const InstanceType& type) {
  return eks_node_allocatable(type, eni_max_pods(type));
}

}  // namespace fleetsim
