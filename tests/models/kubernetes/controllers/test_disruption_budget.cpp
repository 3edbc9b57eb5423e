#include <catch2/catch.hpp>

#include "models/kubernetes/controllers/disruption_budget.hpp"

using namespace fleetsim::kube;

// Worked by hand from the PodDisruptionBudget documentation ("Specifying a Disruption Budget"):
// percentages round up; an integer minAvailable counts against the matching pods.
TEST_CASE("PodDisruptionBudget: disruptions allowed", "[kube][controllers]") {
  DisruptionBudgetSpec min2{IntOrPercent::count(2), std::nullopt};
  DisruptionBudgetStatus s = disruption_budget_status(min2, 3, 3, 3);
  CHECK(s.expected_pods == 3);
  CHECK(s.desired_healthy == 2);
  CHECK(s.disruptions_allowed == 1);
  CHECK(disruption_budget_status(min2, 3, 2, 3).disruptions_allowed == 0);
  CHECK(disruption_budget_status(min2, 3, 1, 3).disruptions_allowed == 0);  // never negative

  DisruptionBudgetSpec half{IntOrPercent::percentage(50), std::nullopt};
  s = disruption_budget_status(half, 7, 7, 7);
  CHECK(s.desired_healthy == 4);  // 3.5 rounds up
  CHECK(s.disruptions_allowed == 3);

  DisruptionBudgetSpec max1{std::nullopt, IntOrPercent::count(1)};
  s = disruption_budget_status(max1, 3, 3, 3);
  CHECK(s.desired_healthy == 2);
  CHECK(s.disruptions_allowed == 1);

  DisruptionBudgetSpec max30{std::nullopt, IntOrPercent::percentage(30)};
  s = disruption_budget_status(max30, 10, 9, 10);
  CHECK(s.desired_healthy == 7);  // 3 unavailable allowed; one pod already down
  CHECK(s.disruptions_allowed == 2);
  CHECK(disruption_budget_status(max30, 5, 5, 5).desired_healthy == 3);  // 1.5 up to 2 unavailable

  DisruptionBudgetSpec max0{std::nullopt, IntOrPercent::count(0)};
  CHECK(disruption_budget_status(max0, 3, 3, 3).disruptions_allowed == 0);
  // No pods expected: nothing allowed, even with minAvailable 0.
  DisruptionBudgetSpec min0{IntOrPercent::count(0), std::nullopt};
  CHECK(disruption_budget_status(min0, 0, 0, 0).disruptions_allowed == 0);
  CHECK(disruption_budget_status(min0, 2, 2, 2).disruptions_allowed == 2);
}
