#include "sim/experiments/sweep_file.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/output/sha256.hpp"
#include "sim/time.hpp"

namespace fleetsim::experiments {

namespace fs = std::filesystem;
using nlohmann::json;

std::string SweepFile::locate(const std::string& pointer, const std::string& message, bool at_key) const {
  SourcePos pos = at_key ? document.key_position_of(pointer) : document.position_of(pointer);
  return path + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " +
         (pointer.empty() ? "/" : pointer) + ": " + message;
}

std::string SweepFile::source_of(const std::string& scenario_pointer) const {
  std::string best, best_pointer;
  for (const auto& [pointer, source] : override_sources) {
    bool prefix = scenario_pointer == pointer || scenario_pointer.rfind(pointer + "/", 0) == 0;
    if (prefix && pointer.size() >= best_pointer.size()) {
      best = source;
      best_pointer = pointer;
    }
  }
  return best;
}

namespace {

const std::set<std::string> kKeys = {"scenario", "set",     "parameters",  "zip",      "replications", "seeds",
                                     "baseline", "metrics", "constraints", "minimize", "warmup"};

std::string read_file(const std::string& path, const std::string& what) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw SweepError{2, {path + ": cannot read " + what + ": no such file"}};
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  if (!in && !in.eof()) throw SweepError{2, {path + ": cannot read " + what}};
  return buf.str();
}

// Reads the sweep file's sections in order, reporting each problem at its position.
class Reader {
 public:
  Reader(SweepFile& f, const json& scenario) : f_(f), scenario_(scenario) {}

  void read() {
    const json& root = f_.document.root();
    if (!root.is_object()) fail("", "expected an object");
    for (const auto& item : root.items()) {
      if (!kKeys.count(item.key())) fail(append_pointer("", item.key()), "unknown field", true);
    }
    if (root.contains("set")) {
      for (const auto& [pointer, value] : members("/set")) f_.set.push_back({checked_pointer("/set", pointer), value});
    }
    if (root.contains("parameters")) {
      for (const auto& [pointer, values] : members("/parameters")) {
        std::string at = append_pointer("/parameters", pointer);
        Axis axis{{checked_pointer("/parameters", pointer)}, {}, {at}};
        for (const json& v : list(at, values)) axis.values.push_back({v});
        f_.axes.push_back(std::move(axis));
      }
    }
    if (root.contains("zip")) read_zip(root["zip"]);
    check_duration_overrides();
    read_seeds(root);
    if (root.contains("baseline")) read_baseline();
    if (root.contains("metrics")) read_metrics(root["metrics"]);
    if (root.contains("constraints")) read_constraints();
    if (root.contains("minimize")) f_.minimize = string_at("/minimize");
    if (root.contains("warmup")) read_warmup(root["warmup"]);
  }

 private:
  [[noreturn]] void fail(const std::string& pointer, const std::string& message, bool at_key = false) const {
    throw SweepError{2, {f_.locate(pointer, message, at_key)}};
  }

  const json& at(const std::string& pointer) const { return f_.document.root().at(json::json_pointer(pointer)); }

  std::string string_at(const std::string& pointer) const {
    if (!at(pointer).is_string()) fail(pointer, "expected a string");
    return at(pointer).get<std::string>();
  }

  std::vector<std::pair<std::string, json>> members(const std::string& pointer) const {
    const json& v = at(pointer);
    if (!v.is_object()) fail(pointer, "expected an object of /json/pointer: value");
    std::vector<std::pair<std::string, json>> out;
    for (const auto& item : v.items()) out.emplace_back(item.key(), item.value());
    return out;
  }

  std::vector<json> list(const std::string& pointer, const json& v) const {
    if (!v.is_array() || v.empty()) fail(pointer, "expected a non-empty list of values");
    return std::vector<json>(v.begin(), v.end());
  }

  // A pointer must name a value of the scenario, or a new member of one of its objects (as --set allows);
  // each may be overridden in one place only.
  std::string checked_pointer(const std::string& section, const std::string& pointer) {
    std::string source = append_pointer(section, pointer);
    json::json_pointer ptr;
    try {
      ptr = json::json_pointer(pointer);
    } catch (const json::exception&) {
      fail(source, "expected an RFC 6901 pointer such as /services/0/desiredCount", true);
    }
    bool names_value = scenario_.contains(ptr);
    bool new_member =
        !ptr.empty() && scenario_.contains(ptr.parent_pointer()) && scenario_.at(ptr.parent_pointer()).is_object();
    if (!names_value && !new_member) fail(source, "names nothing in the scenario " + f_.scenario, true);
    if (!f_.override_sources.emplace(pointer, source).second) {
      fail(source, "overridden twice (also at " + f_.override_sources[pointer] + ")", true);
    }
    return pointer;
  }

  void read_zip(const json& zip) {
    if (!zip.is_array()) fail("/zip", "expected a list of groups { /json/pointer: [values] }");
    for (std::size_t g = 0; g < zip.size(); ++g) {
      std::string group = append_pointer("/zip", g);
      Axis axis;
      for (const auto& [pointer, values] : members(group)) {
        std::string source = append_pointer(group, pointer);
        std::vector<json> vs = list(source, values);
        if (!axis.values.empty() && vs.size() != axis.values.size()) {
          fail(source, "has " + std::to_string(vs.size()) + " values but " + axis.sources[0] + " has " +
                           std::to_string(axis.values.size()) + ": a zip group's lists must have one length");
        }
        axis.values.resize(vs.size());
        for (std::size_t k = 0; k < vs.size(); ++k) axis.values[k].push_back(vs[k]);
        axis.pointers.push_back(checked_pointer(group, pointer));
        axis.sources.push_back(source);
      }
      if (axis.pointers.empty()) fail(group, "expected at least one /json/pointer");
      f_.axes.push_back(std::move(axis));
    }
  }

  void read_seeds(const json& root) {
    if (root.contains("replications") && root.contains("seeds")) {
      fail("/seeds", "give either replications or seeds, not both", true);
    }
    if (root.contains("seeds")) {
      std::set<std::uint64_t> seen;
      for (const json& s : list("/seeds", root["seeds"])) {
        if (!s.is_number_integer() || s.get<std::int64_t>() < 0) fail("/seeds", "expected non-negative integer seeds");
        if (!seen.insert(s.get<std::uint64_t>()).second) fail("/seeds", "seed " + s.dump() + " given twice");
        f_.seeds.push_back(s.get<std::uint64_t>());
      }
      return;
    }
    std::uint64_t n = 1;
    if (root.contains("replications")) {
      const json& r = root["replications"];
      if (!r.is_number_integer() || r.get<std::int64_t>() < 1 || r.get<std::int64_t>() > 100000) {
        fail("/replications", "expected a whole number of replications from 1 to 100000");
      }
      n = r.get<std::uint64_t>();
    }
    for (std::uint64_t s = 1; s <= n; ++s) f_.seeds.push_back(s);
  }

  void read_baseline() {
    std::map<std::string, json> baseline;
    for (const auto& [pointer, value] : members("/baseline")) {
      bool swept = false;
      for (const Axis& axis : f_.axes) {
        for (const std::string& p : axis.pointers) swept = swept || p == pointer;
      }
      if (!swept) fail(append_pointer("/baseline", pointer), "is not a parameter of the sweep", true);
      baseline[pointer] = value;
    }
    f_.baseline = std::move(baseline);
  }

  void read_metrics(const json& metrics) {
    f_.metrics_source = "/metrics";
    std::size_t count = list("/metrics", metrics).size();
    for (std::size_t i = 0; i < count; ++i) {
      f_.metrics.push_back(string_at(append_pointer("/metrics", i)));
    }
  }

  void read_constraints() {
    for (const auto& [metric, bounds] : members("/constraints")) {
      std::string source = append_pointer("/constraints", metric);
      Constraint c{metric, {}, {}, source};
      if (!bounds.is_object() || bounds.empty()) fail(source, "expected { \"min\": number, \"max\": number }");
      for (const auto& b : bounds.items()) {
        std::string bound = append_pointer(source, b.key());
        if (b.key() != "min" && b.key() != "max") fail(bound, "expected \"min\" or \"max\"", true);
        if (!b.value().is_number()) fail(bound, "expected a number");
        (b.key() == "min" ? c.min : c.max) = b.value().get<double>();
      }
      f_.constraints.push_back(c);
    }
  }

  // A duration's text, or a failure at `source`. The first short run of the sweep replaces the run's duration,
  // so a bad duration override would otherwise only show in the runs themselves.
  std::string duration_text(const std::string& source, const json& v) const {
    std::string text = v.is_number() ? v.dump() + "s" : (v.is_string() ? v.get<std::string>() : "");
    Duration d;
    std::string error;
    if (text.empty() || !parse_duration(text, d, error)) fail(source, "expected a duration such as \"30m\"");
    return text;
  }

  void check_duration_overrides() const {
    for (const Override& o : f_.set) {
      if (o.pointer == "/simulation/duration") duration_text(f_.override_sources.at(o.pointer), o.value);
    }
    for (const Axis& axis : f_.axes) {
      for (std::size_t p = 0; p < axis.pointers.size(); ++p) {
        if (axis.pointers[p] != "/simulation/duration") continue;
        for (const auto& setting : axis.values) duration_text(axis.sources[p], setting[p]);
      }
    }
  }

  void read_warmup(const json& w) {
    f_.warmup = duration_text("/warmup", w);
    if (!f_.override_sources.emplace("/simulation/warmup", "/warmup").second) {
      fail("/warmup", "the warm-up is also set at " + f_.override_sources["/simulation/warmup"]);
    }
  }

  SweepFile& f_;
  const json& scenario_;
};

}  // namespace

SweepFile read_sweep_file(const std::string& path) {
  SweepFile f;
  f.path = path;
  f.name = fs::path(path).stem().string();
  std::string text = read_file(path, "the sweep file");
  f.sha256 = sha256_hex(text);
  try {
    f.document = JsonDocument::parse(text);
  } catch (const JsonSyntaxError& e) {
    throw SweepError{
        2, {path + ":" + std::to_string(e.pos().line) + ":" + std::to_string(e.pos().column) + ": " + e.detail()}};
  }
  const json& root = f.document.root();
  if (!root.is_object() || !root.contains("scenario") || !root["scenario"].is_string()) {
    throw SweepError{2,
                     {f.locate(root.is_object() && root.contains("scenario") ? "/scenario" : "",
                               "expected \"scenario\": the path of the scenario file")}};
  }
  f.scenario = root["scenario"].get<std::string>();
  fs::path dir = fs::path(path).parent_path();
  f.scenario_path = (dir.empty() ? fs::path(f.scenario) : dir / f.scenario).lexically_normal().string();
  std::error_code ec;
  if (!fs::is_regular_file(f.scenario_path, ec)) {
    throw SweepError{2, {f.locate("/scenario", "no such file: " + f.scenario_path)}};
  }
  std::string scenario_text = read_file(f.scenario_path, "the scenario");
  f.scenario_sha256 = sha256_hex(scenario_text);
  JsonDocument scenario;
  try {
    scenario = JsonDocument::parse(scenario_text);
  } catch (const JsonSyntaxError& e) {
    throw SweepError{2, {f.locate("/scenario", "the scenario is not valid JSON: " + std::string(e.what()))}};
  }
  Reader(f, scenario.root()).read();
  return f;
}

}  // namespace fleetsim::experiments
