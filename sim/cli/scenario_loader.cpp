#include "sim/cli/scenario_loader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/output/sha256.hpp"
#include "sim/scenario/validator.hpp"

namespace fleetsim {

std::string LoadedScenario::locate(const Diagnostic& d) const {
  SourcePos pos = d.at_key ? document.key_position_of(d.pointer) : document.position_of(d.pointer);
  return path + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " +
         (d.pointer.empty() ? "/" : d.pointer) + ": " + d.message;
}

namespace {

// Scenario files are hand-written or pasted from the AWS CLI; anything near this size is a mistake
// (or an attack) and is refused before it is parsed into memory.
constexpr std::uintmax_t kMaxScenarioBytes = 64u << 20;

// Scenario text must be UTF-8: names end up in JSON output, which cannot carry other bytes.
// Returns the 1-based line and byte column of the first byte that is not well-formed UTF-8
// (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF), or {0, 0}.
std::pair<int, int> first_invalid_utf8(const std::string& text) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t len = 1;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else if (c >= 0x80) {
      len = 0;
    }
    bool ok = len != 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      unsigned char b = static_cast<unsigned char>(text[i + k]);
      ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    }
    if (!ok) return {line, static_cast<int>(i - line_start) + 1};
    if (c == '\n') {
      ++line;
      line_start = i + 1;
    }
    i += len;
  }
  return {0, 0};
}

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

void apply_set(JsonDocument& doc, const std::string& assignment, const std::string& path) {
  std::size_t eq = assignment.find('=');
  if (eq == std::string::npos || assignment.empty() || assignment[0] != '/') {
    throw CommandError{2, {path + ": --set " + assignment + ": expected /json/pointer=VALUE"}};
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
      throw CommandError{
          2, {path + ": --set " + pointer + ": the parent " + ptr.parent_pointer().to_string() + " does not exist"}};
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
  std::string text = buf.str();

  if (auto [line, column] = first_invalid_utf8(text); line != 0) {
    throw CommandError{
        2, {path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": the file is not valid UTF-8"}};
  }
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
  nlohmann::json& root = s.document.root();
  if (root.is_object()) {
    if (overrides.seed) root["simulation"]["seed"] = *overrides.seed;
    if (overrides.duration) root["simulation"]["duration"] = *overrides.duration;
  }
  validate_shape(root, format.scenario_shape(), "", s.report);
  if (!s.report.errors.empty()) {
    CommandError err{2, {}};
    for (const Diagnostic& d : s.report.errors) err.lines.push_back(s.locate(d));
    throw err;
  }
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
