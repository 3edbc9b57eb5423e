// Every example scenario, end to end: it runs under every invariant (tests/scenarios/invariants.hpp), and the same
// seed gives the same bytes while another seed does not.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sim/output/sha256.hpp"
#include "tests/scenarios/invariants.hpp"
#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

void check_invariants(const std::filesystem::path& scenario_file, const std::filesystem::path& out) {
  std::vector<std::string> broken = invariant_violations(scenario_file, out);
  INFO(scenario_file.filename().string());
  for (const std::string& line : broken) UNSCOPED_INFO(line);
  CHECK(broken.empty());
}

}  // namespace

TEST_CASE("every example scenario runs briefly with its invariants (sanitizer-friendly)", "[scenarios]") {
  for (const auto& scenario : example_scenarios()) {
    SECTION(scenario.filename().string()) {
      TempDir dir;
      ScenarioOverrides o;
      o.duration = "20m";
      REQUIRE(run_scenario(scenario, dir.path() / "out", o) == 0);
      check_invariants(scenario, dir.path() / "out");
    }
  }
}

TEST_CASE("every example scenario is deterministic over its full length", "[scenarios][slow]") {
  for (const auto& scenario : example_scenarios()) {
    SECTION(scenario.filename().string()) {
      TempDir dir;
      REQUIRE(run_scenario(scenario, dir.path() / "a") == 0);
      REQUIRE(run_scenario(scenario, dir.path() / "b") == 0);
      check_invariants(scenario, dir.path() / "a");
      for (const char* file : {"summary.json", "metrics.csv", "events.jsonl"}) {
        INFO(file);
        CHECK(read_file(dir.path() / "a" / file) == read_file(dir.path() / "b" / file));
      }
      ScenarioOverrides other;
      other.seed = 987654321;
      REQUIRE(run_scenario(scenario, dir.path() / "c", other) == 0);
      CHECK(read_file(dir.path() / "a" / "metrics.csv") != read_file(dir.path() / "c" / "metrics.csv"));
      CHECK(read_file(dir.path() / "a" / "summary.json") != read_file(dir.path() / "c" / "summary.json"));
    }
  }
}

TEST_CASE("golden fingerprints: the same bytes on every machine", "[scenarios][slow]") {
  // One line per example: "<file name> <sha256 of summary.json + metrics.csv + events.jsonl>".
  // When a change alters results on purpose, regenerate with FLEETSIM_UPDATE_GOLDEN=1 and say why
  // in the commit message.
  std::filesystem::path golden_file = source_root() / "tests/scenarios/golden-fingerprints.txt";
  std::map<std::string, std::string> golden;
  std::istringstream in(read_file(golden_file));
  for (std::string name, digest; in >> name >> digest;) golden[name] = digest;
  std::string updated;
  for (const auto& scenario : example_scenarios()) {
    TempDir dir;
    REQUIRE(run_scenario(scenario, dir.path() / "out") == 0);
    std::string all;
    for (const char* file : {"summary.json", "metrics.csv", "events.jsonl"})
      all += read_file(dir.path() / "out" / file);
    std::string digest = sha256_hex(all);
    std::string name = scenario.filename().string();
    updated += name + " " + digest + "\n";
    INFO(name);
    if (std::getenv("FLEETSIM_UPDATE_GOLDEN") == nullptr) CHECK(golden[name] == digest);
  }
  if (std::getenv("FLEETSIM_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_file) << updated;
  }
}
