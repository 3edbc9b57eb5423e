// Random valid estates (tests/scenarios/random_estate.hpp) run under every invariant the examples hold, twice to the
// same bytes. FLEETSIM_ESTATES sets how many (the sanitizer tree runs fewer; `./dev soak N` runs N), FLEETSIM_
// ESTATE_SEED the first seed. A failing estate is shrunk to a small scenario and written to
// FLEETSIM_ESTATE_FAILURES (default: the system's temporary folder), to become a fixture or a unit test with the fix.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <string>

#include "tests/scenarios/invariants.hpp"
#include "tests/scenarios/random_estate.hpp"
#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;
namespace fs = std::filesystem;

namespace {

std::uint64_t env_or(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::strtoull(v, nullptr, 10) : fallback;
}

/// What went wrong with one run of `scenario` (written to `dir`): a refusal, an invariant, or two runs that differ.
std::vector<std::string> problems(const nlohmann::ordered_json& scenario, const fs::path& dir) {
  fs::create_directories(dir);
  const fs::path file = dir / "scenario.json";
  std::ofstream(file) << scenario.dump(2) << "\n";
  if (int code = run_scenario(file, dir / "a"); code != 0) return {"exit " + std::to_string(code)};
  std::vector<std::string> out = invariant_violations(file, dir / "a");
  if (run_scenario(file, dir / "b") != 0) return {"the second run failed"};
  for (const char* name : {"summary.json", "metrics.csv", "events.jsonl"}) {
    if (read_file(dir / "a" / name) != read_file(dir / "b" / name)) out.push_back(std::string(name) + " differs");
  }
  return out;
}

}  // namespace

TEST_CASE("random valid estates hold every invariant and give the same bytes twice", "[scenarios][estates]") {
  const std::uint64_t count = env_or("FLEETSIM_ESTATES", 150);
  const std::uint64_t first = env_or("FLEETSIM_ESTATE_SEED", 1);
  std::uint64_t ran = 0;
  for (std::uint64_t seed = first; seed < first + count; ++seed) {
    TempDir dir;
    nlohmann::ordered_json estate = random_estate(seed);
    std::vector<std::string> found = problems(estate, dir.path());
    ++ran;
    if (found.empty()) continue;
    // Shrink: keep any smaller estate that still fails (an invalid one exits 2 and counts as failing only when the
    // original did too, so the shrunk case fails the same way).
    const bool refused = found.front().rfind("exit ", 0) == 0;
    int tries = 0;
    nlohmann::ordered_json small = shrink_estate(estate, [&](const nlohmann::ordered_json& s) {
      std::vector<std::string> p = problems(s, dir.path() / ("shrink-" + std::to_string(++tries)));
      return !p.empty() && (p.front().rfind("exit ", 0) == 0) == refused;
    });
    const char* where = std::getenv("FLEETSIM_ESTATE_FAILURES");
    const fs::path saved = fs::path(where != nullptr ? where : fs::temp_directory_path().string()) /
                           ("estate-" + std::to_string(seed) + ".json");
    std::ofstream(saved) << small.dump(2) << "\n";
    INFO("estate seed " << seed << ", shrunk in " << tries << " runs to " << saved.string());
    for (const std::string& line : found) UNSCOPED_INFO(line);
    CHECK(found.empty());
  }
  CHECK(ran == count);
  WARN(ran << " random estates (seeds " << first << ".." << first + count - 1 << ") ran twice under the invariants");
}

TEST_CASE("a failing estate shrinks to what makes it fail", "[scenarios][estates]") {
  // Failing here means: an AZ outage on the timeline. Everything else goes; the outage and what makes the scenario
  // a scenario stay.
  nlohmann::ordered_json estate;
  std::uint64_t seed = 1;
  auto has_outage = [](const nlohmann::ordered_json& s) {
    if (!s.contains("timeline")) return false;
    const auto& t = s["timeline"];
    return std::any_of(t.begin(), t.end(), [](const auto& a) { return a["action"] == "azOutage"; });
  };
  while (!has_outage(estate = random_estate(seed))) ++seed;
  INFO("seed " << seed);
  nlohmann::ordered_json small = shrink_estate(estate, has_outage);
  REQUIRE(small.size() == 3);
  CHECK(small.contains("name"));
  CHECK(small.contains("simulation"));
  REQUIRE(small["timeline"].size() == 1);
  CHECK(small["timeline"][0]["action"] == "azOutage");
}

TEST_CASE("the invariants catch a run that breaks them", "[scenarios][estates]") {
  // The checker itself is tested: one estate's real output, then the same output with one figure broken.
  TempDir dir;
  const fs::path file = dir.path() / "scenario.json";
  std::ofstream(file) << random_estate(1).dump(2) << "\n";
  REQUIRE(run_scenario(file, dir.path() / "out") == 0);
  REQUIRE(invariant_violations(file, dir.path() / "out").empty());

  nlohmann::json summary = nlohmann::json::parse(read_file(dir.path() / "out" / "summary.json"));
  summary["requests"]["total"] = summary["requests"]["total"].get<std::uint64_t>() + 1;
  std::ofstream(dir.path() / "out" / "summary.json") << summary.dump();
  std::vector<std::string> found = invariant_violations(file, dir.path() / "out");
  REQUIRE(found.size() == 1);
  CHECK(found.front().rfind("requests not conserved", 0) == 0);

  // An event out of time order: the last event moved to the front, with a late time.
  std::string events = read_file(dir.path() / "out" / "events.jsonl");
  REQUIRE(events.size() > 2);
  const std::size_t cut = events.rfind('\n', events.size() - 2) + 1;
  std::ofstream(dir.path() / "out" / "events.jsonl") << events.substr(cut) << events.substr(0, cut);
  found = invariant_violations(file, dir.path() / "out");
  CHECK(
      std::any_of(found.begin(), found.end(), [](const std::string& s) { return s.rfind("time went back", 0) == 0; }));
}
