#pragma once
/// YAML text (a Kubernetes manifest file) read into the project's located JSON documents.

#include <string_view>
#include <vector>

#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

/// Parses multi-document YAML as kubectl reads a manifest: one JsonDocument per document, in order, documents
/// that hold nothing (`---` alone, comments only, `null`) skipped. Scalars resolve as sigs.k8s.io/yaml resolves
/// them (plain `3` is a number, `"3"` a string, plain `yes` true); anchors, aliases and `<<` merge keys are
/// expanded. Every value and key keeps its 1-based line and byte column. Throws JsonSyntaxError (ill-formed
/// UTF-8, YAML syntax, duplicate keys, nesting deeper than 256, aliases expanding past a bound).
std::vector<JsonDocument> parse_yaml_documents(std::string_view text);

}  // namespace fleetsim
