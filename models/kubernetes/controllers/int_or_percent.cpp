#include "models/kubernetes/controllers/int_or_percent.hpp"

#include <cstdint>

namespace fleetsim::kube {

int scaled_value(IntOrPercent v, int total, bool round_up) {
  if (!v.percent) return v.value;
  // Integer arithmetic gives Go's math.Ceil/Floor of value x total / 100 for the non-negative counts
  // validation allows, without the float.
  std::int64_t product = static_cast<std::int64_t>(v.value) * total;
  std::int64_t q = product / 100;
  if (round_up && product % 100 != 0) ++q;
  return static_cast<int>(q);
}

}  // namespace fleetsim::kube
