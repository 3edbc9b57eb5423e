#pragma once
/// AWS fields that hold a JSON document either as a string (as the API takes it) or, in a scenario, as the
/// object itself: lifecycle policies, event patterns, policy documents.

#include <nlohmann/json.hpp>
#include <string>

namespace fleetsim {

/// The document in `value` at `pointer`: a string is parsed (not JSON: a ScenarioError at `pointer`), anything
/// else is returned as it is.
nlohmann::json read_embedded_json(const nlohmann::json& value, const std::string& pointer);

}  // namespace fleetsim
