#pragma once
/// Converting a JSON number literal, already checked against RFC 8259's grammar, to a value.

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace fleetsim::detail {

/// The value of `literal`: a signed or unsigned 64-bit integer when it is `integral` and fits, otherwise
/// the nearest double (0 below the smallest subnormal); nullopt when its magnitude exceeds the largest double.
std::optional<nlohmann::json> json_number_value(std::string_view literal, bool integral);

}  // namespace fleetsim::detail
