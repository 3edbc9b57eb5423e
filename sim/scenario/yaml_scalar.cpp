#include "sim/scenario/yaml_scalar.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

namespace fleetsim {

namespace {

// go-yaml v2 resolve.go's table of YAML 1.1 words.
constexpr std::array<std::string_view, 5> kNullWords = {"", "~", "null", "Null", "NULL"};
constexpr std::array<std::string_view, 11> kTrueWords = {"y",  "Y",  "yes",  "Yes",  "YES", "on",
                                                         "On", "ON", "true", "True", "TRUE"};
constexpr std::array<std::string_view, 11> kFalseWords = {"n",   "N",   "no",    "No",    "NO",   "off",
                                                          "Off", "OFF", "false", "False", "FALSE"};
constexpr std::array<std::string_view, 12> kSpecialFloats = {".nan",  ".NaN",  ".NAN",  ".inf",  ".Inf",  ".INF",
                                                             "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"};

template <std::size_t N>
bool one_of(std::string_view text, const std::array<std::string_view, N>& words) {
  for (const std::string_view w : words) {
    if (text == w) return true;
  }
  return false;
}

// strconv.ParseUint(text, 0, 64) without a sign: 0x/0o/0b prefixes, a leading 0 meaning octal.
bool parse_go_unsigned(std::string_view text, std::uint64_t& out) {
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'O')) {
    base = 8;
    text.remove_prefix(2);
  } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B')) {
    base = 2;
    text.remove_prefix(2);
  } else if (text.size() > 1 && text[0] == '0') {
    base = 8;
    text.remove_prefix(1);
  }
  if (text.empty()) return false;
  const auto res = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return res.ec == std::errc{} && res.ptr == text.data() + text.size();
}

// go-yaml v2's float syntax: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool is_yaml_float(std::string_view t) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i > start;
  };
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return false;
  } else {
    if (!digits()) return false;
    if (i < t.size() && t[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == t.size();
}

// A float64 as encoding/json writes it and a JSON decoder reads it back: integral values below 1e21 print
// without a fraction or exponent, so they arrive as integers.
nlohmann::json json_number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9.2e18) return nlohmann::json(static_cast<std::int64_t>(value));
  return nlohmann::json(value);
}

}  // namespace

std::optional<nlohmann::json> resolve_plain_yaml_scalar(std::string_view text) {
  if (one_of(text, kNullWords)) return nlohmann::json(nullptr);
  if (one_of(text, kTrueWords)) return nlohmann::json(true);
  if (one_of(text, kFalseWords)) return nlohmann::json(false);
  if (one_of(text, kSpecialFloats)) return std::nullopt;
  const char first = text.front();
  if (!(first == '+' || first == '-' || first == '.' || (first >= '0' && first <= '9'))) return nlohmann::json(text);
  std::string plain;  // underscores are digit separators in YAML 1.1
  for (const char c : text) {
    if (c != '_') plain.push_back(c);
  }
  std::string_view digits(plain);
  const bool negative = !digits.empty() && digits.front() == '-';
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
  std::uint64_t magnitude = 0;
  if (parse_go_unsigned(digits, magnitude)) {
    constexpr auto kMaxInt = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (!negative && magnitude <= kMaxInt) return nlohmann::json(static_cast<std::int64_t>(magnitude));
    if (negative && magnitude <= kMaxInt + 1) return nlohmann::json(static_cast<std::int64_t>(0 - magnitude));
    // ParseUint takes no sign: "+18446744073709551615" falls through to a float.
    if (!negative && plain.front() != '+') return nlohmann::json(magnitude);
  }
  if (is_yaml_float(plain)) {
    double value = 0;
    const std::string_view unsigned_text = plain.front() == '+' ? std::string_view(plain).substr(1) : plain;
    const auto res = std::from_chars(unsigned_text.data(), unsigned_text.data() + unsigned_text.size(), value);
    if (res.ec == std::errc{}) return json_number(value);
  }
  return nlohmann::json(text);
}

}  // namespace fleetsim
