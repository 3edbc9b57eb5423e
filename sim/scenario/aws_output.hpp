#pragma once
/// Pasting what the AWS CLI prints: describe-* documents (`{"services": [...], "failures": []}`,
/// `{"taskDefinition": {...}, "tags": []}`) where a list of objects is expected, unwrapped before validation, and
/// the message for a file that is such a document rather than a scenario.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/shape.hpp"

namespace fleetsim {

/// Replaces, wherever `shape` has an array that names an AwsOutput, that output's document given in place of the
/// array or as one of its elements by the objects it holds, recording each move in `doc` so that positions and
/// pointers stay those of the text. Inside such arrays a null member (the CLI's way of printing an unset field) is
/// dropped. Returns the pointers (as the text has them) of the members dropped: the documents' other members
/// ("failures", "tags") and the nulls, for the ignored-field report.
std::vector<std::string> unwrap_aws_outputs(JsonDocument& doc, const Shape& shape);

/// The problem when the scenario `root` is itself a describe-* document (no "simulation", nothing but that
/// document's members) or has one's member at its top level: what the document is and which section takes it.
std::optional<Diagnostic> aws_output_misplaced(const nlohmann::json& root, const Shape& root_shape);

}  // namespace fleetsim
