#pragma once
/// CloudFormation pasted where a scenario wants the AWS API's shape: a resource (`{"Type": "AWS::ECS::Service",
/// "Properties": {...}}`) in place of the object it describes, or a whole template in place of a scenario. Such a
/// document is refused with one message that says what it is and what to paste instead, rather than a list of
/// unknown fields.

#include <nlohmann/json.hpp>
#include <optional>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/shape.hpp"

namespace fleetsim {

/// The problem when `v`, at `pointer`, expected to be of shape `expected`, is a CloudFormation template, a resource
/// where `expected` is an object (or a list of objects), or a template's map of resources where `expected` is a
/// list. `printed_by`, when `v` is an element of such a list, is the describe-* command whose output the list also
/// takes. The diagnostic is at the key that shows the mistake ("Type", "Resources").
std::optional<Diagnostic> cloudformation_mistake(const nlohmann::json& v, const Shape& expected,
                                                 const std::string& pointer, const AwsOutput* printed_by = nullptr);

}  // namespace fleetsim
