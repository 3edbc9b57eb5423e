#pragma once
/// Renders a Shape tree as a JSON Schema (draft 2020-12) for editors.

#include <nlohmann/json.hpp>

#include "sim/scenario/shape.hpp"

namespace fleetsim {

/// The JSON Schema of `root`; object shapes become `$defs` entries named after their titles.
nlohmann::ordered_json write_json_schema(const Shape& root, const std::string& title, const std::string& id);

}  // namespace fleetsim
