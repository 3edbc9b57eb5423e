#include "sim/scenario/json_number.hpp"

#include <charconv>
#include <cstdint>

namespace fleetsim::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// libstdc++'s from_chars reports both overflow and underflow as result_out_of_range; only overflow is an
// error for us, so estimate the decimal exponent of the leading significant digit to tell them apart.
bool magnitude_is_large(std::string_view number) {
  std::size_t i = 0;
  if (i < number.size() && number[i] == '-') ++i;
  long long lead = 0;  // decimal exponent of the first nonzero digit, before applying 'e'
  bool found = false;
  long long int_digits = 0;
  while (i < number.size() && is_digit(number[i])) {
    if (!found && number[i] != '0') {
      found = true;
      lead = -int_digits;  // fixed up below once the integer part length is known
    }
    ++int_digits;
    ++i;
  }
  if (found) lead += int_digits - 1;
  if (i < number.size() && number[i] == '.') {
    ++i;
    long long k = 0;
    while (i < number.size() && is_digit(number[i])) {
      ++k;
      if (!found && number[i] != '0') {
        found = true;
        lead = -k;
      }
      ++i;
    }
  }
  long long exponent = 0;
  if (i < number.size() && (number[i] == 'e' || number[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < number.size() && (number[i] == '+' || number[i] == '-')) {
      negative = number[i] == '-';
      ++i;
    }
    while (i < number.size() && is_digit(number[i])) {
      if (exponent < 1'000'000'000) exponent = exponent * 10 + (number[i] - '0');
      ++i;
    }
    if (negative) exponent = -exponent;
  }
  return lead + exponent > 0;
}
}  // namespace

std::optional<nlohmann::json> json_number_value(std::string_view literal, bool integral) {
  const char* first = literal.data();
  const char* last = literal.data() + literal.size();
  const bool negative = !literal.empty() && literal.front() == '-';
  if (integral) {
    std::int64_t as_signed = 0;
    if (std::from_chars(first, last, as_signed).ec == std::errc{}) return nlohmann::json(as_signed);
    std::uint64_t as_unsigned = 0;
    if (!negative && std::from_chars(first, last, as_unsigned).ec == std::errc{}) {
      return nlohmann::json(as_unsigned);
    }
  }
  double value = 0.0;
  const auto res = std::from_chars(first, last, value);
  if (res.ec == std::errc::result_out_of_range) {
    if (magnitude_is_large(literal)) return std::nullopt;
    value = negative ? -0.0 : 0.0;  // below the smallest subnormal: rounds to zero
  }
  return nlohmann::json(value);
}

}  // namespace fleetsim::detail
