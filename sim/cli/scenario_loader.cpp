#include "sim/cli/scenario_loader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/output/sha256.hpp"
#include "sim/scenario/validator.hpp"

namespace fleetsim {

std::string LoadedScenario::locate(const Diagnostic& d) const {
  SourcePos pos = document.position_of(d.pointer);
  return path + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + (d.pointer.empty() ? "/" : d.pointer) +
         ": " + d.message;
}

namespace {

// Scenario files are hand-written or pasted from the AWS CLI; anything near this size is a mistake
// (or an attack) and is refused before it is parsed into memory.
constexpr std::uintmax_t kMaxScenarioBytes = 64u << 20;

void apply_set(JsonDocument& doc, const std::string& assignment, const std::string& path) {
  std::size_t eq = assignment.find('=');
  if (eq == std::string::npos || assignment.empty() || assignment[0] != '/') {
    throw CommandError{2, {"--set " + assignment + ": expected /json/pointer=VALUE"}};
  }
  std::string pointer = assignment.substr(0, eq);
  std::string text = assignment.substr(eq + 1);
  nlohmann::json value;
  try {
    value = JsonDocument::parse(text).root();
  } catch (const JsonSyntaxError&) {
    value = text;  // a bare string
  }
  try {
    nlohmann::json::json_pointer ptr(pointer);
    nlohmann::json& root = doc.root();
    if (!ptr.parent_pointer().empty() && !root.contains(ptr.parent_pointer())) {
      throw CommandError{2, {path + ": --set " + pointer + ": the parent " + ptr.parent_pointer().to_string() + " does not exist"}};
    }
    root[ptr] = value;
  } catch (const nlohmann::json::exception& e) {
    throw CommandError{2, {path + ": --set " + pointer + ": " + e.what()}};
  }
}

}  // namespace

LoadedScenario load_scenario(const std::string& path, const ScenarioOverrides& overrides, const ModelRegistry& registry) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw CommandError{2, {path + ": cannot read: no such file"}};
  if (std::filesystem::file_size(path, ec) > kMaxScenarioBytes) throw CommandError{2, {path + ": larger than 64 MiB; not a scenario"}};
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in && !in.eof()) throw CommandError{2, {path + ": cannot read"}};
  std::string text = buf.str();

  LoadedScenario s{path, std::filesystem::path(path).parent_path().string(), "", sha256_hex(text), JsonDocument{}, {}, {}, {}};
  if (s.directory.empty()) s.directory = ".";
  try {
    s.document = JsonDocument::parse(text);
  } catch (const JsonSyntaxError& e) {
    throw CommandError{2, {path + ":" + std::to_string(e.pos().line) + ":" + std::to_string(e.pos().column) + ": " + e.detail()}};
  }
  for (const std::string& set : overrides.sets) apply_set(s.document, set, path);
  nlohmann::json& root = s.document.root();
  if (root.is_object()) {
    if (overrides.seed) root["simulation"]["seed"] = *overrides.seed;
    if (overrides.duration) root["simulation"]["duration"] = *overrides.duration;
  }
  validate_shape(root, registry.scenario_shape(), "", s.report);
  if (!s.report.errors.empty()) {
    CommandError err{2, {}};
    for (const Diagnostic& d : s.report.errors) err.lines.push_back(s.locate(d));
    throw err;
  }
  try {
    if (!root.contains("simulation")) throw ScenarioError("", "missing required section \"simulation\" (with \"duration\")");
    s.simulation = read_simulation(root["simulation"]);
    s.outputs = read_outputs(root.contains("outputs") ? &root["outputs"] : nullptr);
  } catch (const ScenarioError& e) {
    throw CommandError{2, {s.locate(e.diagnostic())}};
  }
  s.name = root.value("name", std::filesystem::path(path).stem().string());
  return s;
}

}  // namespace fleetsim
