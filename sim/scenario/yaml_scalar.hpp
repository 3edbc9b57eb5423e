#pragma once
/// YAML scalars read as Kubernetes reads them: sigs.k8s.io/yaml decodes with go-yaml v2 (YAML 1.1 resolution)
/// and then passes the value through encoding/json, so a plain `on` is true and a plain `1e3` is the integer 1000.

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace fleetsim {

/// The value of a plain (unquoted, untagged) scalar: null, a bool, an integer, a float or the text itself.
/// Empty optional for .nan and .inf, which encoding/json refuses ("unsupported value").
std::optional<nlohmann::json> resolve_plain_yaml_scalar(std::string_view text);

}  // namespace fleetsim
