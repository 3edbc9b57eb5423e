#include "models/kubernetes/api/quantity.hpp"

#include <array>
#include <limits>
#include <utility>

namespace fleetsim::kube {

namespace {

// resource.ErrFormatWrong, ErrNumeric and ErrSuffix (apimachinery pkg/api/resource/quantity.go).
const char* const kFormatWrong =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const char* const kSuffixWrong = "unable to parse quantity's suffix";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A parsed quantity: value = (-1)^negative x digits x 10^exp10 x 2^exp2.
struct Parts {
  bool negative = false;
  std::string digits;  // no leading zeros
  int exp10 = 0;
  int exp2 = 0;
};

// Splits as parseQuantityString does: sign, whole digits, '.', fraction digits, then the suffix.
Parts split(std::string_view s) {
  if (s.empty()) throw QuantityError(kFormatWrong);
  Parts p;
  std::size_t i = 0;
  if (s[i] == '+' || s[i] == '-') p.negative = s[i++] == '-';
  std::string whole;
  std::string fraction;
  while (i < s.size() && is_digit(s[i])) whole.push_back(s[i++]);
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) fraction.push_back(s[i++]);
  }
  if (whole.empty() && fraction.empty()) throw QuantityError(kFormatWrong);
  const std::size_t suffix_start = i;
  while (i < s.size() && std::string_view("eEinumkKMGTP").find(s[i]) != std::string_view::npos) ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i != s.size()) throw QuantityError(kFormatWrong);
  const std::string_view suffix = s.substr(suffix_start);

  static constexpr std::array<std::pair<std::string_view, int>, 6> kBinary = {
      {{"Ki", 10}, {"Mi", 20}, {"Gi", 30}, {"Ti", 40}, {"Pi", 50}, {"Ei", 60}}};
  static constexpr std::array<std::pair<std::string_view, int>, 10> kDecimal = {
      {{"n", -9}, {"u", -6}, {"m", -3}, {"", 0}, {"k", 3}, {"M", 6}, {"G", 9}, {"T", 12}, {"P", 15}, {"E", 18}}};
  bool known = false;
  for (const auto& [name, exp] : kBinary) {
    if (suffix == name) {
      p.exp2 = exp;
      known = true;
    }
  }
  for (const auto& [name, exp] : kDecimal) {
    if (suffix == name) {
      p.exp10 = exp;
      known = true;
    }
  }
  if (!known && suffix.size() > 1 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    // A decimal exponent: "129e6", "1E-3".
    std::string_view e = suffix.substr(1);
    const bool minus = e.front() == '-';
    if (e.front() == '+' || e.front() == '-') e.remove_prefix(1);
    if (!e.empty() && e.size() <= 4 && e.find_first_not_of("0123456789") == std::string_view::npos) {
      int value = 0;
      for (const char c : e) value = value * 10 + (c - '0');
      p.exp10 = minus ? -value : value;
      known = true;
    }
  }
  if (!known) throw QuantityError(kSuffixWrong);

  p.digits = whole + fraction;
  p.exp10 -= static_cast<int>(fraction.size());
  const std::size_t first = p.digits.find_first_not_of('0');
  p.digits = first == std::string::npos ? std::string() : p.digits.substr(first);
  while (!p.digits.empty() && p.digits.back() == '0') {
    p.digits.pop_back();
    ++p.exp10;
  }
  return p;
}

// ceil(parts x 10^scale) as an int64; Kubernetes' ScaledValue rounds up the same way.
std::int64_t scaled(const Parts& p, int scale) {
  if (p.digits.empty()) return 0;
  __extension__ typedef unsigned __int128 Wide;  // 30 digits times 10^n still compares against int64's max
  constexpr auto kMax = static_cast<Wide>(std::numeric_limits<std::int64_t>::max());
  const char* const too_large = "quantity is too large: at most 9223372036854775807 in the unit it is read in";
  if (p.digits.size() > 30) throw QuantityError(too_large);
  Wide value = 0;
  for (const char c : p.digits) value = value * 10 + static_cast<Wide>(c - '0');
  for (int k = 0; k < p.exp2; ++k) {
    value *= 2;
    if (value > kMax) throw QuantityError(too_large);
  }
  const int exp = p.exp10 + scale;
  bool inexact = false;
  if (exp >= 0) {
    for (int k = 0; k < exp; ++k) {
      value *= 10;
      if (value > kMax) throw QuantityError(too_large);
    }
  } else {
    for (int k = 0; k < -exp && value != 0; ++k) {
      inexact = inexact || value % 10 != 0;
      value /= 10;
    }
    if (value == 0) inexact = true;  // every digit fell below the unit
  }
  if (value > kMax) throw QuantityError(too_large);
  auto result = static_cast<std::int64_t>(value);
  if (p.negative) return -result;  // ceil of a negative value drops the fraction
  return inexact ? result + 1 : result;
}

}  // namespace

std::int64_t quantity_value(std::string_view text) { return scaled(split(text), 0); }

std::int64_t quantity_milli_value(std::string_view text) { return scaled(split(text), 3); }

}  // namespace fleetsim::kube
