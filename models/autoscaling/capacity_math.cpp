#include "models/autoscaling/capacity_math.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fleetsim {

int target_tracking_capacity(int current, double metric, double target) {
  if (current == 0) return metric > 0 ? 1 : 0;
  double wanted = std::ceil(static_cast<double>(current) * metric / target - 1e-9);  // 1e-9: 3 x 50/50 is 3, not 4
  return static_cast<int>(std::clamp(wanted, 0.0, 1e9));
}

std::optional<std::string> check_steps(const std::vector<StepAdjustment>& steps) {
  if (steps.empty()) return "a step scaling policy needs at least one step adjustment";
  std::vector<StepAdjustment> sorted = steps;
  const double inf = std::numeric_limits<double>::infinity();
  auto lo = [&](const StepAdjustment& s) { return s.lower.value_or(-inf); };
  auto hi = [&](const StepAdjustment& s) { return s.upper.value_or(inf); };
  for (const auto& s : sorted) {
    if (!s.lower && !s.upper) {
      if (steps.size() > 1) return "a step without both bounds must be the only one";
    } else if (lo(s) >= hi(s)) {
      return "a step's lower bound must be below its upper bound";
    }
  }
  std::sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) { return lo(a) < lo(b); });
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    if (hi(sorted[i - 1]) > lo(sorted[i])) return "step adjustments overlap";
    if (hi(sorted[i - 1]) < lo(sorted[i])) return "step adjustments leave a gap";
  }
  return std::nullopt;
}

const StepAdjustment* find_step(const std::vector<StepAdjustment>& steps, double delta) {
  const double inf = std::numeric_limits<double>::infinity();
  for (const StepAdjustment& s : steps) {
    double lo = s.lower.value_or(-inf), hi = s.upper.value_or(inf);
    bool inside = delta >= 0 ? (lo <= delta && delta < hi) : (lo < delta && delta <= hi);
    if (inside) return &s;
  }
  return nullptr;
}

int adjusted_capacity(AdjustmentType type, double adjustment, int current, int min_magnitude) {
  if (type == AdjustmentType::kExactCapacity) return static_cast<int>(adjustment);
  double change = adjustment;
  if (type == AdjustmentType::kPercentChangeInCapacity) {
    double raw = static_cast<double>(current) * adjustment / 100.0;
    if (raw > 1)
      change = std::floor(raw);
    else if (raw > 0)
      change = 1;
    else if (raw >= -1 && raw < 0)
      change = -1;
    else if (raw < -1)
      change = std::ceil(raw);
    else
      change = 0;
    if (change != 0 && std::fabs(change) < min_magnitude) change = change > 0 ? min_magnitude : -min_magnitude;
  }
  return std::max(0, current + static_cast<int>(change));
}

}  // namespace fleetsim
