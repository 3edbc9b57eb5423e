#include "sim/cli/scenario_loader.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/output/sha256.hpp"
#include "sim/scenario/aws_output.hpp"
#include "sim/scenario/utf8.hpp"
#include "sim/scenario/validator.hpp"

namespace fleetsim {

std::string LoadedScenario::locate(const Diagnostic& d) const {
  return locate_in_file({document.source_pointer(d.pointer), d.message, d.at_key});
}

std::string LoadedScenario::locate_in_file(const Diagnostic& d) const {
  SourcePos pos = d.at_key ? document.key_position_of(d.pointer) : document.position_of(d.pointer);
  return path + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " +
         (d.pointer.empty() ? "/" : d.pointer) + ": " + d.message;
}

namespace {

// Scenario files are hand-written or pasted from the AWS CLI; anything near this size is a mistake
// (or an attack) and is refused before it is parsed into memory.
constexpr std::uintmax_t kMaxScenarioBytes = 64u << 20;

bool valid_folder_name(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

// nlohmann's what() starts with "[json.exception.<kind>.<id>] "; the reader needs only the rest.
std::string without_exception_tag(const std::string& what) {
  std::size_t end = what.rfind("[json.exception.", 0) == 0 ? what.find("] ") : std::string::npos;
  return end == std::string::npos ? what : what.substr(end + 2);
}

// --seed and --duration go into `simulation` only when it is an object (or absent); any other value is left
// for validation to report, with its position.
void apply_simulation_overrides(nlohmann::json& root, const ScenarioOverrides& overrides) {
  if (!root.is_object() || (!overrides.seed && !overrides.duration)) return;
  nlohmann::json& sim = root["simulation"];
  if (!sim.is_null() && !sim.is_object()) return;
  if (overrides.seed) sim["seed"] = *overrides.seed;
  if (overrides.duration) sim["duration"] = *overrides.duration;
}

// Why `pointer` cannot be assigned in `root`, or "": its parent must exist and be an object or an array, and
// an array index may name an element or the end (nlohmann would otherwise fill the gap with nulls, which
// for a large index exhausts memory).
std::string unassignable(const nlohmann::json& root, const nlohmann::json::json_pointer& ptr) {
  if (ptr.empty()) return "";
  const nlohmann::json::json_pointer parent = ptr.parent_pointer();
  if (!root.contains(parent)) return "the parent " + parent.to_string() + " does not exist";
  const nlohmann::json& container = root.at(parent);
  if (container.is_object()) return "";
  const std::string parent_name = parent.empty() ? "the root" : "the parent " + parent.to_string();
  if (!container.is_array()) return parent_name + " is a " + container.type_name() + ", not an object or array";
  const std::string& token = ptr.back();
  if (token == "-" || token == std::to_string(container.size())) return "";
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (ec != std::errc{} || end != token.data() + token.size() || (token.size() > 1 && token[0] == '0') ||
      index > container.size()) {
    return "expected an index from 0 to " + std::to_string(container.size()) + " (or \"-\" to append) in " +
           parent_name;
  }
  return "";
}

void apply_set(JsonDocument& doc, const std::string& assignment, const std::string& path) {
  std::size_t eq = assignment.find('=');
  if (eq == std::string::npos || assignment.empty() || assignment[0] != '/') {
    throw CommandError{2, {path + ": --set " + assignment + ": expected /json/pointer=VALUE"}};
  }
  std::string pointer = assignment.substr(0, eq);
  std::string text = assignment.substr(eq + 1);
  // Names end up in JSON output, which cannot carry ill-formed UTF-8 (the file itself is checked by the reader).
  if (!first_ill_formed_utf8(assignment).reason.empty()) {
    throw CommandError{2, {path + ": --set argument: ill-formed UTF-8 (RFC 3629) in the pointer or the value"}};
  }
  nlohmann::json value;
  try {
    value = JsonDocument::parse(text).root();
  } catch (const JsonSyntaxError&) {
    value = text;  // a bare string
  }
  try {
    nlohmann::json::json_pointer ptr(pointer);
    nlohmann::json& root = doc.root();
    if (std::string why = unassignable(root, ptr); !why.empty()) {
      throw CommandError{2, {path + ": --set " + pointer + ": " + why}};
    }
    root[ptr] = value;
  } catch (const nlohmann::json::exception& e) {
    throw CommandError{2, {path + ": --set " + pointer + ": " + without_exception_tag(e.what())}};
  }
}

}  // namespace

LoadedScenario load_scenario(const std::string& path, const ScenarioOverrides& overrides,
                             const ScenarioFormat& format) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw CommandError{2, {path + ": cannot read: no such file"}};
  if (std::filesystem::file_size(path, ec) > kMaxScenarioBytes)
    throw CommandError{2, {path + ": larger than 64 MiB; not a scenario"}};
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in && !in.eof()) throw CommandError{2, {path + ": cannot read"}};
  return load_scenario_text(path, buf.str(), overrides, format);
}

LoadedScenario load_scenario_text(const std::string& path, const std::string& text, const ScenarioOverrides& overrides,
                                  const ScenarioFormat& format) {
  LoadedScenario s{
      path, std::filesystem::path(path).parent_path().string(), "", sha256_hex(text), JsonDocument{}, {}, {}, {}};
  if (s.directory.empty()) s.directory = ".";
  try {
    s.document = JsonDocument::parse(text);
  } catch (const JsonSyntaxError& e) {
    throw CommandError{
        2, {path + ":" + std::to_string(e.pos().line) + ":" + std::to_string(e.pos().column) + ": " + e.detail()}};
  }
  for (const std::string& set : overrides.sets) apply_set(s.document, set, path);
  // Found by fuzzing: an ill-formed --duration reached a message that JSON could not dump (exit 1).
  if (overrides.duration && !first_ill_formed_utf8(*overrides.duration).reason.empty()) {
    throw CommandError{2, {path + ": --duration: ill-formed UTF-8 (RFC 3629)"}};
  }
  nlohmann::json& root = s.document.root();
  // Before --seed/--duration add a "simulation": a file that is one describe-* document has none.
  if (auto mistake = aws_output_misplaced(root, format.scenario_shape())) throw CommandError{2, {s.locate(*mistake)}};
  apply_simulation_overrides(root, overrides);
  std::vector<std::string> dropped = unwrap_aws_outputs(s.document, format.scenario_shape());
  validate_shape(root, format.scenario_shape(), "", s.report);
  if (!s.report.errors.empty()) {
    CommandError err{2, {}};
    for (const Diagnostic& d : s.report.errors) err.lines.push_back(s.locate(d));
    throw err;
  }
  for (std::string& p : s.report.ignored) p = s.document.source_pointer(p);
  s.report.ignored.insert(s.report.ignored.end(), dropped.begin(), dropped.end());
  try {
    if (!root.contains("simulation"))
      throw ScenarioError("", "missing required section \"simulation\" (with \"duration\")");
    s.simulation = read_simulation(root["simulation"]);
    s.outputs = read_outputs(root.contains("outputs") ? &root["outputs"] : nullptr);
  } catch (const ScenarioError& e) {
    throw CommandError{2, {s.locate(e.diagnostic())}};
  }
  s.name = root.value("name", std::filesystem::path(path).stem().string());
  // Checked here rather than by `run` alone, so that `validate` refuses what `run` would refuse.
  if (!valid_folder_name(s.name)) {
    throw CommandError{
        2,
        {s.locate({"/name",
                   "expected letters, digits, '-', '_' or '.', not starting with '.': it names the output folder"})}};
  }
  return s;
}

}  // namespace fleetsim
