#include "models/kubernetes/api/int_or_percent.hpp"

#include <charconv>

namespace fleetsim::kube {

int IntOrPercent::scaled(int total, bool round_up) const {
  if (!percent) return value;
  const std::int64_t product = static_cast<std::int64_t>(value) * total;
  return static_cast<int>(round_up ? (product + 99) / 100 : product / 100);
}

IntOrPercent read_int_or_percent(const Field& field) {
  const nlohmann::json& v = field.json();
  if (v.is_string()) {
    // validation.IsValidPercent: digits followed by '%'.
    const std::string text = v.get<std::string>();
    int n = 0;
    bool ok = text.size() > 1 && text.back() == '%' && text[0] >= '0' && text[0] <= '9';
    if (ok) {
      const auto res = std::from_chars(text.data(), text.data() + text.size() - 1, n);
      ok = res.ec == std::errc{} && res.ptr == text.data() + text.size() - 1;
    }
    if (!ok) {
      field.fail(field.api_path() + ": Invalid value: \"" + text +
                 "\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or "
                 "'93%', regex used for validation is '[0-9]+%')");
    }
    return IntOrPercent{n, true};
  }
  const int n = field.int32();
  if (n < 0) {
    field.fail(field.api_path() + ": Invalid value: " + std::to_string(n) + ": must be greater than or equal to 0");
  }
  return IntOrPercent{n, false};
}

std::string to_string(const IntOrPercent& v) {
  return v.percent ? "\"" + std::to_string(v.value) + "%\"" : std::to_string(v.value);
}

}  // namespace fleetsim::kube
