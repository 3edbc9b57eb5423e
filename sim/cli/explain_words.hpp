#pragma once
/// The words `fleetsim explain` writes numbers and moments in, shared by its explanations of each controller.

#include <cmath>
#include <cstdio>
#include <string>

namespace fleetsim::explain_words {

/// "00:15:15" (hours may pass 99 in long runs).
inline std::string clock_of(double t) {
  const auto s = static_cast<long long>(std::floor(t));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  return buf;
}

/// A number as a person writes it: up to two decimals, no trailing zeros.
inline std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace fleetsim::explain_words
