/// Cluster auto scaling arithmetic against AWS's documented cases (aws-facts §3).

#include <catch2/catch.hpp>

#include "models/ecs/managed_scaling.hpp"

using namespace fleetsim;

TEST_CASE("CapacityProviderReservation is M/N x 100 with AWS's special cases", "[managed-scaling]") {
  CHECK(capacity_provider_reservation(4, 2) == 200.0);  // workshop: TC 100, N 2, M 4 gives 200
  CHECK(capacity_provider_reservation(2, 4) == 50.0);   // then M drops to 2 with N 4: 50
  CHECK(capacity_provider_reservation(0, 0) == 100.0);  // M = N = 0
  CHECK(capacity_provider_reservation(3, 0) == 200.0);  // M > 0, N = 0
  CHECK(capacity_provider_reservation(9, 10) == 90.0);
}

// Target tracking asks for ceil(N x CPR / target) (models/autoscaling's target_tracking_capacity); ECS bounds it.
TEST_CASE("the workshop's worked example: 2 instances, 4 needed, then 2 needed", "[managed-scaling]") {
  ManagedScalingConfig c;  // targetCapacity 100, steps 1..10000
  // CPR 200 with N = 2: the policy asks for 4, 2 instances are added, so N = 4 and CPR = 100.
  CHECK(scale_out_capacity(4, 2, c) == 4);
  CHECK(capacity_provider_reservation(4, 4) == 100.0);
  // M drops to 2: CPR 50, the policy asks for 2, and after 15 minutes the group goes back to 2.
  CHECK(scale_in_capacity(2, 4) == 2);
}

TEST_CASE("step sizes bound each scale-out", "[managed-scaling]") {
  ManagedScalingConfig c;
  c.min_step = 3;
  CHECK(scale_out_capacity(11, 10, c) == 13);  // one more asked for, but at least 3 are requested
  c.min_step = 1;
  c.max_step = 5;
  CHECK(scale_out_capacity(40, 10, c) == 15);  // 30 more asked for, at most 5 at a time
  // "When Amazon ECS scales out from 0 instances, it automatically launches 2 instances": target tracking from
  // 0 asks for 1.
  CHECK(scale_out_capacity(1, 0, ManagedScalingConfig{}) == 2);
}

TEST_CASE("scale-in takes at most half the group a minute", "[managed-scaling]") {
  CHECK(scale_in_capacity(0, 10) == 5);
  CHECK(scale_in_capacity(0, 5) == 3);
  CHECK(scale_in_capacity(0, 1) == 0);
  CHECK(scale_in_capacity(9, 10) == 9);
}

TEST_CASE("M binpacks waiting tasks onto the largest type and ignores tasks that fit nowhere", "[managed-scaling]") {
  const std::pair<int, int> largest{4096, 15000}, smallest{2048, 7000};
  // 5 tasks of 1 vCPU / 2 GiB: 4 fill one largest instance, the fifth needs a second.
  std::vector<std::pair<int, int>> waiting(5, {1024, 2048});
  CHECK(instances_needed(3, waiting, largest, smallest) == 3 + 2);
  // A task bigger than both types is ignored.
  waiting.push_back({8192, 1024});
  CHECK(instances_needed(3, waiting, largest, smallest) == 5);
  // Memory bound: 3 tasks of 6 GiB need 2 instances of 15000 MiB.
  CHECK(instances_needed(0, {{256, 6144}, {256, 6144}, {256, 6144}}, largest, smallest) == 2);
  CHECK(instances_needed(2, {}, largest, smallest) == 2);
}
