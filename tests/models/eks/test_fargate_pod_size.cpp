#include <catch2/catch.hpp>

#include "models/eks/fargate_pod_size.hpp"

using namespace fleetsim;

namespace {
constexpr std::int64_t kMi = 1024 * 1024;
constexpr std::int64_t kGi = 1024 * kMi;
}  // namespace

TEST_CASE("EKS on Fargate pod sizes", "[eks][fargate]") {
  struct Row {
    std::vector<kube::Resources> init;
    std::vector<kube::Resources> containers;
    int cpu_units;
    int memory_mib;
    const char* annotation;
  };
  const Row rows[] = {
      {{}, {{}}, 256, 512, "0.25vCPU 0.5GB"},                                // no request: the smallest size
      {{}, {{1000, 8 * kGi}}, 2048, 9216, "2vCPU 9GB"},                      // the docs' example: 8.25 GB needs 2 vCPU
      {{}, {{250, 256 * kMi}}, 256, 512, "0.25vCPU 0.5GB"},                  // 512 MiB exactly with the overhead
      {{}, {{500, kGi}}, 512, 2048, "0.5vCPU 2GB"},                          // 1.25 GB up to 2 GB
      {{}, {{250, 512 * kMi}, {250, 512 * kMi}}, 512, 2048, "0.5vCPU 2GB"},  // long-running requests add up
      {{{2000, kGi}}, {{250, 512 * kMi}, {250, 512 * kMi}}, 2048, 4096, "2vCPU 4GB"},  // init cpu is larger
      {{}, {{1000, 0}}, 1024, 2048, "1vCPU 2GB"},                                      // 1000m is one vCPU
      {{}, {{4000, 30 * kGi}}, 8192, 32768, "8vCPU 32GB"},                             // past 30 GB at 4 vCPU
      {{}, {{16000, 119 * kGi}}, 16384, 122880, "16vCPU 120GB"},
  };
  for (const Row& r : rows) {
    FargatePodSizing s = fargate_pod_size(r.init, r.containers);
    REQUIRE(s.size);
    CHECK(s.size->cpu_units == r.cpu_units);
    CHECK(s.size->memory_mib == r.memory_mib);
    CHECK(capacity_provisioned(*s.size) == r.annotation);
  }
}

TEST_CASE("EKS on Fargate: a pod larger than every size is refused with its request", "[eks][fargate]") {
  FargatePodSizing s = fargate_pod_size({}, {{16000, 120 * kGi}});
  CHECK_FALSE(s.size);
  CHECK(s.error ==
        "EKS on Fargate has no size for a pod requesting cpu 16000m and memory 122880 MiB (+256 MiB for the node "
        "components): the largest is 16 vCPU / 120 GB");
  CHECK_FALSE(fargate_pod_size({}, {{17000, kGi}}).size);
}
