#pragma once
/// The recursive-descent JSON parser behind JsonDocument::parse.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/json_reader.hpp"

namespace fleetsim::detail {

/// Parses `text` (RFC 8259 plus comments, a leading byte order mark tolerated), appending the position of every
/// value to `nodes` (the root first) and every member key to `keys`; throws JsonSyntaxError.
nlohmann::json parse_json_text(std::string_view text, std::vector<PositionNode>& nodes, std::string& keys);

}  // namespace fleetsim::detail
