// KEDA's scale executor for a Deployment: activation from zero and the cooldown before scaling to zero
// (keda.sh, "Scaling Deployments": cooldownPeriod applies only after a trigger was active).

#include <catch2/catch.hpp>

#include "models/eks/keda_scaled_object.hpp"

using namespace fleetsim;

TEST_CASE("KEDA activates from zero and scales to zero after the cooldown", "[keda]") {
  const Duration cooldown = Duration::seconds(300);
  const SimTime t = SimTime::from_micros(1000 * 1000000LL);
  // Active: from zero to max(minReplicaCount, 1); otherwise the HPA's count stays.
  CHECK(keda_replicas(0, true, std::nullopt, t, 0, cooldown) == 1);
  CHECK(keda_replicas(0, true, std::nullopt, t, 3, cooldown) == 3);
  CHECK(keda_replicas(7, true, t, t, 0, cooldown) == 7);
  // Never active since it started: to zero at once.
  CHECK(keda_replicas(2, false, std::nullopt, t, 0, cooldown) == 0);
  // Active 300 s ago: held (time.Before is strict); 301 s ago: to zero.
  CHECK(keda_replicas(4, false, t - Duration::seconds(300), t, 0, cooldown) == 4);
  CHECK(keda_replicas(4, false, t - Duration::seconds(301), t, 0, cooldown) == 0);
  // minReplicaCount above 0: KEDA never scales to zero.
  CHECK(keda_replicas(4, false, std::nullopt, t, 1, cooldown) == 4);
  CHECK(keda_replicas(0, false, std::nullopt, t, 0, cooldown) == 0);
}
