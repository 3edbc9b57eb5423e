#include <catch2/catch.hpp>

#include "models/kubernetes/controllers/rolling_update.hpp"

using namespace fleetsim::kube;

namespace {
IntOrPercent pct(int p) { return IntOrPercent::percentage(p); }
IntOrPercent num(int n) { return IntOrPercent::count(n); }
}  // namespace

// Worked by hand from the Deployment documentation: maxSurge rounds up, maxUnavailable rounds down,
// and both resolving to 0 makes maxUnavailable 1.
TEST_CASE("ResolveFenceposts over replicas x surge x unavailable", "[kube][controllers]") {
  struct Row {
    int replicas;
    IntOrPercent surge;
    IntOrPercent unavailable;
    int want_surge;
    int want_unavailable;
  };
  const Row rows[] = {
      {3, pct(25), pct(25), 1, 0},   // 0.75 up and down: the docs' nginx example (at most 4, at least 3)
      {4, pct(25), pct(25), 1, 1},   //
      {10, pct(25), pct(25), 3, 2},  // 2.5 -> 3 and 2
      {10, pct(30), pct(30), 3, 3},  // the docs' 30 % example: 130 % at most, 70 % at least
      {1, pct(25), pct(25), 1, 0},   //
      {0, pct(25), pct(25), 0, 1},   // both 0
      {2, pct(0), pct(1), 0, 1},     // 0.02 rounds down to 0: both 0
      {2, pct(1), pct(25), 1, 0},    //
      {100, pct(1), num(0), 1, 0},   //
      {7, pct(50), pct(10), 4, 0},   // 3.5 -> 4; 0.7 -> 0
      {5, num(2), num(0), 2, 0},     //
      {5, num(0), num(0), 0, 1},     // invalid in the API, resolved all the same
      {3, num(0), num(5), 0, 5},     // not capped here
      {20, pct(100), pct(100), 20, 20},
  };
  for (const Row& r : rows) {
    DeploymentStrategy s{false, r.surge, r.unavailable};
    Fenceposts f = resolve_fenceposts(s, r.replicas);
    INFO("replicas " << r.replicas << " surge " << r.surge.value << (r.surge.percent ? "%" : "") << " unavailable "
                     << r.unavailable.value << (r.unavailable.percent ? "%" : ""));
    CHECK(f.max_surge == r.want_surge);
    CHECK(f.max_unavailable == r.want_unavailable);
  }
  // MaxUnavailable(deployment): 0 without replicas, and never more than the replicas.
  CHECK(max_unavailable({false, pct(25), pct(25)}, 0) == 0);
  CHECK(max_unavailable({false, num(0), num(5)}, 3) == 3);
}

TEST_CASE("NewRSNewReplicas: up to replicas + maxSurge pods in all, never past replicas", "[kube][controllers]") {
  DeploymentStrategy d;                                               // 25 % / 25 %
  CHECK(new_rs_new_replicas(d, 3, 3, 0) == 1);                        // 3 old: room for one surge pod
  CHECK(new_rs_new_replicas(d, 3, 4, 1) == 1);                        // at 4 already
  CHECK(new_rs_new_replicas(d, 10, 10, 0) == 3);                      // surge 3
  CHECK(new_rs_new_replicas(d, 10, 7, 5) == 10);                      // old ones mostly gone: up to replicas, not past
  CHECK(new_rs_new_replicas({false, num(0), num(1)}, 3, 2, 0) == 1);  // no surge, one old pod already gone
}

TEST_CASE("A rollout of 3 replicas with the defaults, step by step", "[kube][controllers]") {
  DeploymentStrategy d;  // surge 1, unavailable 0 at 3 replicas
  RolloutStep s = rolling_update_step(d, 3, {0, 0}, {{3, 3}});
  CHECK(s.new_replicas == 1);  // scale up first; the old set waits for the next pass
  CHECK(s.old_replicas == std::vector<int>{3});
  s = rolling_update_step(d, 3, {1, 0}, {{3, 3}});
  CHECK(s.new_replicas == 1);  // the new pod is not available yet: 4 - 3 - 1 = 0 to scale down
  CHECK(s.old_replicas == std::vector<int>{3});
  s = rolling_update_step(d, 3, {1, 1}, {{3, 3}});
  CHECK(s.old_replicas == std::vector<int>{2});  // 4 available, 3 must stay
  CHECK(s.scaled_down == 1);
  s = rolling_update_step(d, 3, {1, 1}, {{2, 2}});
  CHECK(s.new_replicas == 2);
  s = rolling_update_step(d, 3, {3, 3}, {{1, 1}});
  CHECK(s.old_replicas == std::vector<int>{0});
  s = rolling_update_step(d, 3, {5, 5}, {});
  CHECK(s.new_replicas == 3);  // scaled down to replicas
}

TEST_CASE("Old ReplicaSets: unhealthy pods are cleaned up first, oldest sets scaled down first",
          "[kube][controllers]") {
  DeploymentStrategy d;
  // 4 replicas: surge 1, unavailable 1. 5 pods, new one available: 5 - 3 - 0 = 2 may go, both unhealthy.
  RolloutStep s = rolling_update_step(d, 4, {1, 1}, {{4, 2}});
  CHECK(s.old_replicas == std::vector<int>{2});
  CHECK(s.cleaned_up == 2);
  CHECK(s.scaled_down == 0);  // 3 available is exactly minAvailable
  // New pods not yet available block scaling down.
  s = rolling_update_step(d, 4, {2, 0}, {{3, 1}});
  CHECK(s.old_replicas == std::vector<int>{3});
  // 10 replicas, 25 %/25 %: surge 3, unavailable 2, minAvailable 8.
  s = rolling_update_step(d, 10, {3, 3}, {{4, 4}, {5, 5}});
  CHECK(s.new_replicas == 4);  // 12 pods, room for one more
  s = rolling_update_step(d, 10, {4, 3}, {{4, 4}, {5, 5}});
  CHECK(s.new_replicas == 4);
  CHECK(s.old_replicas == std::vector<int>{0, 5});  // 12 available - 8 = 4, from the oldest set
  CHECK(s.scaled_down == 4);
}
