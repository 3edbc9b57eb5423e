#include <catch2/catch.hpp>

#include "models/kubernetes/controllers/disruption_budget.hpp"

using namespace fleetsim::kube;

namespace {
// A budget with only its bounds set (exactly one, in a valid object).
PodDisruptionBudget budget(std::optional<IntOrPercent> min_available, std::optional<IntOrPercent> max_unavailable) {
  PodDisruptionBudget b;
  b.min_available = min_available;
  b.max_unavailable = max_unavailable;
  return b;
}
}  // namespace

// Worked by hand from the PodDisruptionBudget documentation ("Specifying a Disruption Budget"):
// percentages round up; an integer minAvailable counts against the matching pods.
TEST_CASE("PodDisruptionBudget: disruptions allowed", "[kube][controllers]") {
  PodDisruptionBudget min2 = budget(IntOrPercent::count(2), std::nullopt);
  DisruptionBudgetStatus s = disruption_budget_status(min2, 3, 3, 3);
  CHECK(s.expected_pods == 3);
  CHECK(s.desired_healthy == 2);
  CHECK(s.disruptions_allowed == 1);
  CHECK(disruption_budget_status(min2, 3, 2, 3).disruptions_allowed == 0);
  CHECK(disruption_budget_status(min2, 3, 1, 3).disruptions_allowed == 0);  // never negative

  PodDisruptionBudget half = budget(IntOrPercent::percentage(50), std::nullopt);
  s = disruption_budget_status(half, 7, 7, 7);
  CHECK(s.desired_healthy == 4);  // 3.5 rounds up
  CHECK(s.disruptions_allowed == 3);

  PodDisruptionBudget max1 = budget(std::nullopt, IntOrPercent::count(1));
  s = disruption_budget_status(max1, 3, 3, 3);
  CHECK(s.desired_healthy == 2);
  CHECK(s.disruptions_allowed == 1);

  PodDisruptionBudget max30 = budget(std::nullopt, IntOrPercent::percentage(30));
  s = disruption_budget_status(max30, 10, 9, 10);
  CHECK(s.desired_healthy == 7);  // 3 unavailable allowed; one pod already down
  CHECK(s.disruptions_allowed == 2);
  CHECK(disruption_budget_status(max30, 5, 5, 5).desired_healthy == 3);  // 1.5 up to 2 unavailable

  PodDisruptionBudget max0 = budget(std::nullopt, IntOrPercent::count(0));
  CHECK(disruption_budget_status(max0, 3, 3, 3).disruptions_allowed == 0);
  // No pods expected: nothing allowed, even with minAvailable 0.
  PodDisruptionBudget min0 = budget(IntOrPercent::count(0), std::nullopt);
  CHECK(disruption_budget_status(min0, 0, 0, 0).disruptions_allowed == 0);
  CHECK(disruption_budget_status(min0, 2, 2, 2).disruptions_allowed == 2);
}
