#pragma once
/// Typed reading of values that passed structural validation: durations, distributions, names.
/// These only add the checks a shape cannot express and report them as ScenarioError.

#include <nlohmann/json.hpp>
#include <string>

#include "sim/random/distribution.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/shape.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// The shape of a spec distribution: a number, or {"dist": ...} with that kind's parameters.
const Shape* distribution_shape(ShapeSet& shapes);

/// Reads a validated duration ("30s" or seconds).
Duration read_duration(const nlohmann::json& v, const std::string& pointer);

/// Reads a validated distribution; `what` names the unit for messages ("ms", "s").
Distribution read_distribution(const nlohmann::json& v, const std::string& pointer);

/// The name an ARN or a queue URL carries: the resource after the ARN's fifth ':' without its type
/// ("arn:...:targetgroup/web/73e2d6bc24d8a067" -> "web", "arn:...:task-definition/web:3" -> "web:3",
/// "arn:aws:sqs:us-east-1:123456789012:jobs" -> "jobs", "https://sqs.../123456789012/jobs" -> "jobs"), or the
/// name itself.
std::string name_from_reference(const std::string& reference);

}  // namespace fleetsim
