#pragma once
/// Structural validation of a JSON value against a Shape.

#include <nlohmann/json.hpp>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/shape.hpp"

namespace fleetsim {

/// Checks `value` against `shape`, appending every problem (with its pointer) to `report`.
/// Types, required fields, unknown fields (with a did-you-mean), enums, ranges, durations and
/// array lengths are checked here; cross-references and AWS value rules are the models' job.
void validate_shape(const nlohmann::json& value, const Shape& shape, const std::string& pointer,
                    ValidationReport& report);

/// Checks `value` against `shape` and throws the first problem as a ScenarioError at its pointer: for
/// readers called on JSON that skipped the scenario's validation (a model's request to another model).
void require_shape(const nlohmann::json& value, const Shape& shape, const std::string& pointer);

}  // namespace fleetsim
