#include "models/eks/fargate_pod_size.hpp"

#include <algorithm>
#include <cstdint>

#include "models/fargate/fargate_sizes.hpp"

namespace fleetsim {

namespace {

constexpr std::int64_t kMiB = 1024 * 1024;
constexpr int kCpuUnits[] = {256, 512, 1024, 2048, 4096, 8192, 16384};

// A quantity in thousandths as text without trailing zeros: 250 -> "0.25", 9000 -> "9".
std::string thousandths(std::int64_t v) {
  std::string s = std::to_string(v / 1000);
  std::int64_t frac = v % 1000;
  if (frac == 0) return s;
  std::string f = std::to_string(1000 + frac).substr(1);
  while (f.back() == '0') f.pop_back();
  return s + "." + f;
}

}  // namespace

FargatePodSizing fargate_pod_size(const std::vector<kube::Resources>& init_containers,
                                  const std::vector<kube::Resources>& containers) {
  FargatePodSizing out;
  for (const auto& c : containers) {
    out.request.cpu_milli += c.cpu_milli;
    out.request.memory_bytes += c.memory_bytes;
  }
  for (const auto& c : init_containers) {
    out.request.cpu_milli = std::max(out.request.cpu_milli, c.cpu_milli);
    out.request.memory_bytes = std::max(out.request.memory_bytes, c.memory_bytes);
  }
  std::int64_t memory_mib = (out.request.memory_bytes + kMiB - 1) / kMiB + kFargatePodOverheadMib;
  for (int cpu : kCpuUnits) {
    // 1024 CPU units are one vCPU, which Kubernetes counts as 1000m.
    if (static_cast<std::int64_t>(cpu) * 1000 < out.request.cpu_milli * 1024) continue;
    for (int m : fargate_memory_options(cpu)) {
      if (m >= memory_mib) {
        out.size = FargateSize{cpu, m};
        return out;
      }
    }
  }
  out.error = "EKS on Fargate has no size for a pod requesting cpu " + std::to_string(out.request.cpu_milli) +
              "m and memory " + std::to_string(memory_mib - kFargatePodOverheadMib) + " MiB (+" +
              std::to_string(kFargatePodOverheadMib) + " MiB for the node components): the largest is 16 vCPU / 120 GB";
  return out;
}

std::string capacity_provisioned(const FargateSize& size) {
  return thousandths(size.cpu_units * 1000LL / 1024) + "vCPU " + thousandths(size.memory_mib * 1000LL / 1024) + "GB";
}

}  // namespace fleetsim
