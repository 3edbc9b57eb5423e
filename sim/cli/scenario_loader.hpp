#pragma once
/// Reading a scenario file into a validated document: parse, apply overrides, check the shape.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/run_settings.hpp"
#include "sim/scenario/scenario_format.hpp"

namespace fleetsim {

/// A problem that ends the command with `exit_code`; `lines` are printed to stderr as they are.
struct CommandError {
  int exit_code;
  std::vector<std::string> lines;
};

/// Command-line changes to a scenario.
struct ScenarioOverrides {
  std::vector<std::string> sets;  ///< "/json/pointer=VALUE"
  std::optional<std::uint64_t> seed;
  std::optional<std::string> duration;
};

/// A scenario that parsed and passed structural validation.
struct LoadedScenario {
  std::string path;
  std::string directory;
  std::string name;
  std::string sha256;  ///< of the file's bytes as read
  JsonDocument document;
  SimulationSettings simulation;
  OutputSettings outputs;
  ValidationReport report;  ///< its `ignored` pointers are the text's (describe-* documents unwrapped)

  /// "FILE:LINE:COL: /pointer: message" for a problem at `pointer` in the loaded document, located and named
  /// as the text has it.
  std::string locate(const Diagnostic& d) const;
  /// Like locate for a pointer already in the text's terms (the report's `ignored`).
  std::string locate_in_file(const Diagnostic& d) const;
};

/// Reads, parses, overrides and validates `path` against `format`; throws CommandError (exit 2) with
/// every problem.
LoadedScenario load_scenario(const std::string& path, const ScenarioOverrides& overrides, const ScenarioFormat& format);
/// Like load_scenario for `text` already read from `path` (the fuzz targets load from memory).
LoadedScenario load_scenario_text(const std::string& path, const std::string& text, const ScenarioOverrides& overrides,
                                  const ScenarioFormat& format);

}  // namespace fleetsim
