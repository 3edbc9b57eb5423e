// Karpenter's batching windows: batchIdleDuration 1 s, batchMaxDuration 10 s.

#include <catch2/catch.hpp>

#include "models/eks/karpenter/pod_batcher.hpp"

using namespace fleetsim;

namespace {
SimTime at(std::int64_t s) { return SimTime::zero() + Duration::seconds(s); }
}  // namespace

TEST_CASE("a batch closes after 1 s without a new pod, or 10 s after it opened", "[eks][karpenter]") {
  PodBatcher b;
  CHECK_FALSE(b.due(at(5)));  // nothing pending: no batch
  b.pods_arrived(at(10));
  CHECK_FALSE(b.due(at(10)));
  CHECK(b.due(at(11)));  // idle for 1 s
  b.close();
  CHECK_FALSE(b.due(at(12)));

  // Pods arriving every half second keep the batch open until its 10 s are up.
  b.pods_arrived(at(20));
  for (SimTime t = at(20) + Duration::millis(500); t < at(30); t = t + Duration::millis(500)) {
    CHECK_FALSE(b.due(t));
    b.pods_arrived(t);
  }
  CHECK(b.due(at(30)));
  CHECK(b.started() == at(20));

  // Other windows, as the settings allow.
  PodBatcher slow(Duration::seconds(5), Duration::seconds(60));
  slow.pods_arrived(at(0));
  CHECK_FALSE(slow.due(at(4)));
  CHECK(slow.due(at(5)));
}
