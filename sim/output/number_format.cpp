#include "sim/output/number_format.hpp"

#include <charconv>
#include <cmath>

namespace fleetsim {

std::string format_number(double v) {
  if (!std::isfinite(v)) return "0";
  if (v == 0) return "0";  // folds -0 into 0
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

}  // namespace fleetsim
