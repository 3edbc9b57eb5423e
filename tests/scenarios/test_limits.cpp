/// Limits a user can hit by mistake: each refused before running (exit 2) or stopped while running (exit 3), with
/// the limit named, no output written, and the machine's memory never at risk. And run.json records the limits.

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/scenarios/scenario_harness.hpp"

using namespace fleetsim::scenario_test;
using nlohmann::json;

namespace {

struct LimitRow {
  std::string name;
  std::vector<Mutation> mutations;    ///< applied to the quickstart, shortened to 10 minutes
  std::vector<std::string> run_args;  ///< extra arguments of `run`
  int exit_code;                      ///< 2: refused before running; 3: stopped while running
  std::vector<std::string> says;      ///< the limit named, and what to do about it
  bool with_trace = false;            ///< a 10 GB (sparse) trace.csv beside the scenario
};

std::vector<LimitRow> rows() {
  json many_workloads = json::array();
  for (int i = 0; i < 1000000; ++i) many_workloads.push_back(i);
  return {
      {"10^9 tasks", {}, {"--set", "/services/0/desiredCount=1000000000"}, 2, {"/services/0/desiredCount", "5000"}},
      {"10^12 requests per second",
       {},
       {"--set", "/workloads/0/arrivals/rate=1000000000000"},
       2,
       {"/workloads/0/arrivals/rate", "1000000000"}},
      {"a 100-year duration", {}, {"--duration", "36500d"}, 2, {"/simulation/duration", "longer than 10 years"}},
      {"a 10^6-element list", {set_at("/workloads", many_workloads)}, {}, 2, {"/workloads", "at most 10000 items"}},
      {"a 10 GB trace file",
       {set_at("/workloads/0/arrivals/rate", {{"pattern", "trace"}, {"file", "trace.csv"}})},
       {},
       2,
       {"/workloads/0/arrivals/rate/file", "larger than 256 MiB", "aggregate it"},
       true},
      {"more events than simulation.limits.events",
       {set_at("/simulation/limits", {{"events", 20000}})},
       {},
       3,
       {"limit reached: more than 20000 events", "simulation.limits.events", "raise it"}},
      {"more memory than simulation.limits.memoryMiB",
       {set_at("/simulation/limits", {{"memoryMiB", 1}})},
       {},
       3,
       {"limit reached: more than 1 MiB", "simulation.limits.memoryMiB", "raise it"}},
  };
}

}  // namespace

TEST_CASE("limits a user can hit by mistake are refused or stopped, named, with nothing written", "[limits]") {
  for (const LimitRow& row : rows()) {
    DYNAMIC_SECTION(row.name) {
      TempDir dir;
      json doc = mutated(quickstart_json(), {set_at("/simulation/duration", "10m")});
      std::filesystem::path file = write_scenario(dir, mutated(doc, row.mutations).dump());
      if (row.with_trace) {
        std::ofstream(dir.path() / "trace.csv") << "requests\n";
        std::filesystem::resize_file(dir.path() / "trace.csv", 10ull << 30);  // sparse: no disk used
      }
      std::vector<std::string> args{"run", file.string(), "--out", (dir.path() / "out").string(), "--no-progress"};
      args.insert(args.end(), row.run_args.begin(), row.run_args.end());
      ProcessResult run = run_fleetsim(args);
      INFO("stderr: " << run.err);
      CHECK(run.exit_code == row.exit_code);
      for (const std::string& s : row.says) CHECK_THAT(run.err, Catch::Contains(s));
      CHECK_THAT(run.err, !Catch::Contains("internal error"));
      CHECK(run.peak_rss_kib < 1024L * 1024L);
      CHECK(run.wall_seconds < 30);
      CHECK(!std::filesystem::exists(dir.path() / "out"));
      std::vector<std::string> expected{"scenario.json"};
      if (row.with_trace) expected.push_back("trace.csv");
      CHECK(dir.entries() == expected);
    }
  }
}

TEST_CASE("run.json records the events and peak memory with their limits", "[limits]") {
  TempDir dir;
  json doc = mutated(quickstart_json(),
                     {set_at("/simulation/duration", "5m"), set_at("/simulation/limits", {{"events", 5000000}})});
  std::filesystem::path file = write_scenario(dir, doc.dump());
  ProcessResult run = run_fleetsim({"run", file.string(), "--out", (dir.path() / "out").string(), "--no-progress"});
  REQUIRE(run.exit_code == 0);
  json info = json::parse(read_text(dir.path() / "out" / "run.json"));
  CHECK(info["limits"]["events"] == 5000000);
  CHECK(info["limits"]["memoryMiB"] == 8192);
  CHECK(info["eventsProcessed"].get<double>() > 0);
  CHECK(info["eventsProcessed"].get<double>() <= 5000000);
  CHECK(info["peakMemoryMiB"].get<double>() > 0);
  CHECK(info["peakMemoryMiB"].get<double>() < 8192);
}
