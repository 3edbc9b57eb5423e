#include <catch2/catch.hpp>

#include "models/eks/node_allocatable.hpp"

using namespace fleetsim;

namespace {
const InstanceType& type(const std::string& name) { return built_in_instance_types().at(name); }
}  // namespace

// EKS's published values (eni-max-pods.txt of the EKS AMI; aws-facts §10.5).
TEST_CASE("Max pods with the VPC CNI", "[eks]") {
  CHECK(eni_max_pods(type("m5.large")) == 29);
  CHECK(eni_max_pods(type("m5.xlarge")) == 58);
  CHECK(eni_max_pods(type("t3.medium")) == 17);
  CHECK(eni_max_pods(type("c5.large")) == 29);
  CHECK(eni_max_pods(type("m5.4xlarge")) == 234);
  // max-pods-calculator.sh's recommendation caps at 110, or 250 above 30 vCPUs.
  CHECK(recommended_max_pods(type("m5.large")) == 29);
  CHECK(recommended_max_pods(type("m5.4xlarge")) == 110);
  InstanceType big = type("m5.4xlarge");
  big.vcpu = 96;  // m5.24xlarge: 15 ENIs of 50 addresses
  big.max_enis = 15;
  big.ipv4_per_eni = 50;
  CHECK(eni_max_pods(big) == 737);
  CHECK(recommended_max_pods(big) == 250);
}

TEST_CASE("kube-reserved on the EKS AMI's sliding scales", "[eks]") {
  CHECK(kube_reserved_cpu_milli(1) == 60);
  CHECK(kube_reserved_cpu_milli(2) == 70);    // 60 + 10
  CHECK(kube_reserved_cpu_milli(4) == 80);    // + 0.5 % of 2000
  CHECK(kube_reserved_cpu_milli(16) == 110);  // + 0.25 % of 12000
  CHECK(kube_reserved_cpu_milli(96) == 310);  // + 0.25 % of 92000 = 230
  CHECK(kube_reserved_memory_mib(29) == 574);
  CHECK(kube_reserved_memory_mib(110) == 1465);
}

TEST_CASE("m5.large allocatable, worked by hand", "[eks]") {
  constexpr std::int64_t kMiB = 1024 * 1024;
  NodeAllocatable a = eks_node_allocatable(type("m5.large"));
  CHECK(a.max_pods == 29);
  CHECK(a.capacity.cpu_milli == 2000);
  CHECK(a.allocatable.cpu_milli == 1930);  // 2000 - 70
  // 8192 MiB - (11 x 29 + 255 = 574) - 100 eviction = 7518 MiB.
  CHECK(a.allocatable.memory_bytes == 7518 * kMiB);
  // With a lower max pods the memory reservation shrinks with it.
  CHECK(eks_node_allocatable(type("m5.large"), 17).allocatable.memory_bytes == (8192 - 442 - 100) * kMiB);
}
