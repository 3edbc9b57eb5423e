// Application Auto Scaling arithmetic against the AWS documentation's examples (aws-facts §1.2, §1.4;
// AAS-UG application-auto-scaling-step-scaling-policies.md).

#include <catch2/catch.hpp>

#include "models/autoscaling/capacity_math.hpp"

using namespace fleetsim;

TEST_CASE("target tracking: capacity proportional to metric over target, rounded up", "[autoscaling]") {
  CHECK(target_tracking_capacity(10, 75, 50) == 15);
  CHECK(target_tracking_capacity(10, 51, 50) == 11);  // any excess adds at least one task
  CHECK(target_tracking_capacity(3, 50, 50) == 3);    // exactly at target: no change (no rounding noise)
  CHECK(target_tracking_capacity(10, 40, 50) == 8);   // scale-in keeps enough for the target
  CHECK(target_tracking_capacity(10, 41, 50) == 9);   // conservative: rounds up, not down
  CHECK(target_tracking_capacity(4, 0, 50) == 0);
  CHECK(target_tracking_capacity(0, 80, 50) == 1);  // from zero: the smallest step (ECS-DG)
  CHECK(target_tracking_capacity(0, 0, 50) == 0);
}

namespace {
StepAdjustment step(std::optional<double> lo, std::optional<double> hi, double adj) {
  return StepAdjustment{lo, hi, adj};
}
}  // namespace

TEST_CASE("step adjustments: the AWS worked example with PercentChangeInCapacity", "[autoscaling]") {
  // AAS-UG: threshold 50, capacity 10; scale-out steps [0,10) 0%, [10,20) +10%, [20,inf) +30%;
  // scale-in steps (-10,0] 0%, (-20,-10] -10%, (-inf,-20] -30%.
  std::vector<StepAdjustment> out{step(0, 10, 0), step(10, 20, 10), step(20, std::nullopt, 30)};
  std::vector<StepAdjustment> in{step(-10, 0, 0), step(-20, -10, -10), step(std::nullopt, -20, -30)};
  REQUIRE_FALSE(check_steps(out));
  REQUIRE_FALSE(check_steps(in));
  const auto pct = AdjustmentType::kPercentChangeInCapacity;
  // Between 40 and 60 nothing changes.
  CHECK(adjusted_capacity(pct, find_step(out, 59.9 - 50)->adjustment, 10, 0) == 10);
  CHECK(adjusted_capacity(pct, find_step(in, 40.1 - 50)->adjustment, 10, 0) == 10);
  // At 60: +10% of 10 = 1, giving 11.
  CHECK(adjusted_capacity(pct, find_step(out, 60 - 50)->adjustment, 10, 0) == 11);
  // At 70: +30% of 11 = 3.3, rounded down to 3, giving 14.
  CHECK(adjusted_capacity(pct, find_step(out, 70 - 50)->adjustment, 11, 0) == 14);
  // At 30 (scale-in): -30% of 14 = -4.2, rounded toward 0 to -4, giving 10.
  CHECK(adjusted_capacity(pct, find_step(in, 30 - 50)->adjustment, 14, 0) == 10);
  // At 35: -10% of 10 = -1, giving 9.
  CHECK(adjusted_capacity(pct, find_step(in, 35 - 50)->adjustment, 10, 0) == 9);
}

TEST_CASE("PercentChangeInCapacity rounding and MinAdjustmentMagnitude", "[autoscaling]") {
  const auto pct = AdjustmentType::kPercentChangeInCapacity;
  CHECK(adjusted_capacity(pct, 25, 10, 0) == 12);  // 2.5 -> 2 (above 1 rounds down)
  CHECK(adjusted_capacity(pct, 5, 10, 0) == 11);   // 0.5 -> 1 (0 to 1 becomes 1)
  CHECK(adjusted_capacity(pct, -5, 10, 0) == 9);   // -0.5 -> -1
  CHECK(adjusted_capacity(pct, -25, 10, 0) == 8);  // -2.5 -> -2 (below -1 rounds toward 0)
  CHECK(adjusted_capacity(pct, 10, 10, 2) == 12);  // 1 < MinAdjustmentMagnitude 2 -> 2
  CHECK(adjusted_capacity(pct, -10, 10, 3) == 7);  // -1 -> -3
  CHECK(adjusted_capacity(pct, 50, 10, 2) == 15);  // 5 >= 2: unchanged
  CHECK(adjusted_capacity(AdjustmentType::kChangeInCapacity, 1, 10, 5) ==
        11);  // the magnitude applies to percentages only
  CHECK(adjusted_capacity(AdjustmentType::kChangeInCapacity, -20, 10, 0) == 0);
  CHECK(adjusted_capacity(AdjustmentType::kExactCapacity, 4, 10, 0) == 4);
}

TEST_CASE("step bounds: inclusive lower above the threshold, inclusive upper below it", "[autoscaling]") {
  std::vector<StepAdjustment> steps{step(std::nullopt, -10, -2), step(-10, 0, -1), step(0, 10, 1),
                                    step(10, std::nullopt, 2)};
  REQUIRE_FALSE(check_steps(steps));
  CHECK(find_step(steps, 0)->adjustment == 1);
  CHECK(find_step(steps, 10)->adjustment == 2);
  CHECK(find_step(steps, -10)->adjustment == -2);  // below the threshold the upper bound is inclusive
  CHECK(find_step(steps, -9.99)->adjustment == -1);
  CHECK(find_step(steps, -0.01)->adjustment == -1);
  CHECK(find_step(steps, 1e9)->adjustment == 2);
}

TEST_CASE("step adjustments that AWS refuses", "[autoscaling]") {
  CHECK(check_steps({}));
  CHECK(*check_steps({step(0, 10, 1), step(5, std::nullopt, 2)}) == "step adjustments overlap");
  CHECK(*check_steps({step(0, 10, 1), step(20, std::nullopt, 2)}) == "step adjustments leave a gap");
  CHECK(check_steps({step(10, 10, 1)}));
  CHECK(check_steps({step(std::nullopt, std::nullopt, 1), step(0, 10, 1)}));
  CHECK_FALSE(check_steps({step(std::nullopt, std::nullopt, 1)}));
}
