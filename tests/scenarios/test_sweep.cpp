/// `fleetsim sweep` end to end through the real binary: byte-identical whatever --jobs, shards merged equal one
/// local run, a failed run is a row (exit 3), and bad sweep files exit 2 at their line and column.

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/scenarios/scenario_harness.hpp"

using namespace fleetsim::scenario_test;
namespace fs = std::filesystem;

namespace {

// Two task counts x two CPU sizes (zipped with memory) x 3 seeds of a 10-minute quickstart: 12 short runs.
std::string small_sweep(const std::string& extra = "") {
  return "{\n"
         "  \"scenario\": \"" +
         (source_root() / "scenarios/quickstart.json").string() +
         "\",\n"
         "  \"set\": { \"/simulation/duration\": \"10m\" },\n"
         "  \"parameters\": { \"/services/0/desiredCount\": [4, 8] },\n"
         "  \"zip\": [ { \"/taskDefinitions/0/cpu\": [\"512\", \"1024\"],\n"
         "             \"/taskDefinitions/0/memory\": [\"1024\", \"2048\"] } ],\n"
         "  \"replications\": 3,\n"
         "  \"baseline\": { \"/services/0/desiredCount\": 4, \"/taskDefinitions/0/cpu\": \"1024\" },\n"
         "  \"constraints\": { \"requests.latency_ms.p99\": { \"max\": 200 } },\n" +
         extra +
         "  \"minimize\": \"cost.totalUsd\"\n"
         "}\n";
}

// Every file under `dir` but the run.json files (wall time), by relative path.
std::map<std::string, std::string> folder_bytes(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().filename() != "run.json") {
      out[fs::relative(e.path(), dir).string()] = read_text(e.path());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a sweep gives the same bytes with one or two jobs, and merged shards give them too", "[sweep]") {
  TempDir dir;
  fs::path sweep = write_scenario(dir, small_sweep(), "small.json");
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"sweep", sweep.string()});
    ProcessResult r = run_fleetsim(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  };
  run({"--jobs", "1", "--out", (dir.path() / "one").string()});
  run({"--jobs", "2", "--out", (dir.path() / "two").string()});
  auto one = folder_bytes(dir.path() / "one");
  CHECK(one.size() == 5 + 12 * 4);  // sweep.json, three tables, report.html; summary, metrics, events, report per run
  CHECK(one == folder_bytes(dir.path() / "two"));
  CHECK(one.count("runs/v3/2/summary.json") == 1);

  run({"--shard", "0/2", "--out", (dir.path() / "s0").string(), "--keep", "summaries"});
  run({"--shard", "1/2", "--out", (dir.path() / "s1").string(), "--keep", "summaries"});
  run({"--out", (dir.path() / "local").string(), "--keep", "summaries"});
  ProcessResult merge = run_fleetsim({"sweep", "merge", (dir.path() / "s1").string(), (dir.path() / "s0").string(),
                                      "--out", (dir.path() / "merged").string()});
  INFO(merge.err);
  REQUIRE(merge.exit_code == 0);
  auto local = folder_bytes(dir.path() / "local");
  CHECK(local == folder_bytes(dir.path() / "merged"));
  CHECK(local.size() == 5 + 12);  // sweep.json, three tables, report.html, one summary.json per run

  // The paired difference of requests.total is exactly 0: every variant sees the same arrivals (common seeds).
  std::string comparison = local["comparison.csv"];
  std::size_t total_row = comparison.find("v2,8,512,1024,requests.total,3,");
  REQUIRE(total_row != std::string::npos);
  std::string line = comparison.substr(total_row, comparison.find('\n', total_row) - total_row);
  CHECK(line.substr(line.size() - 10) == ",3,0,0,0,0");
}

TEST_CASE("a run that fails is a row with its exit code and message, and the sweep exits 3", "[sweep]") {
  TempDir dir;
  // desiredCount -1 passes the sweep file's checks (the pointer exists) and is refused by that run alone.
  std::string text = small_sweep();
  text.replace(text.find("[4, 8]"), 6, "[4, -1]");
  fs::path sweep = write_scenario(dir, text, "failing.json");
  ProcessResult r = run_fleetsim({"sweep", sweep.string(), "--out", (dir.path() / "out").string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("6 of 12 runs failed") != std::string::npos);
  std::string csv = read_text(dir.path() / "out" / "sweep.csv");
  CHECK(csv.find("v2,-1,512,1024,1,2,") != std::string::npos);
  CHECK(csv.find("/services/0/desiredCount") != std::string::npos);
  CHECK(csv.find("v0,4,512,1024,1,0,,") != std::string::npos);
}

TEST_CASE("bad sweep files exit 2 at the sweep file's line and column", "[sweep]") {
  struct Row {
    std::string name, text, expected;
    std::vector<std::string> extra_args;
  };
  std::string base = small_sweep();
  auto with = [&](const std::string& from, const std::string& to) {
    std::string t = base;
    t.replace(t.find(from), from.size(), to);
    return t;
  };
  std::vector<Row> rows = {
      {"a pointer naming nothing",
       with("/services/0/desiredCount\": [4", "/services/7/desiredCount\": [4"),
       "small.json:4:19: /parameters/~1services~17~1desiredCount: names nothing in the scenario",
       {}},
      {"zip lists of different lengths",
       with("[\"1024\", \"2048\"]", "[\"1024\"]"),
       "small.json:6:43: /zip/0/~1taskDefinitions~10~1memory: has 1 values but",
       {}},
      {"a constraint on a metric summary.json lacks",
       with("latency_ms.p99\"", "latency_ms.p42\""),
       "small.json:9:20: /constraints/requests.latency_ms.p42: \"requests.latency_ms.p42\" is not a number",
       {}},
      {"zero replications",
       with("\"replications\": 3", "\"replications\": 0"),
       "small.json:7:19: /replications: expected a whole number of replications",
       {}},
      {"shard 3/2", base, "small.json:1:1: /: --shard 3/2: expected I/N", {"--shard", "3/2"}},
      {"an unknown field", with("\"replications\"", "\"replication\""), "small.json:7:3: /replication: unknown", {}},
      {"a duration that is none",
       with("\"10m\"", "\"ten minutes\""),
       "small.json:3:36: /set/~1simulation~1duration: expected a duration",
       {}},
      {"a value the scenario refuses",
       with("[4, 8]", "[-1, 4]"),
       "small.json:4:19: /parameters/~1services~10~1desiredCount: in the scenario: ",
       {}},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    TempDir dir;
    fs::path sweep = write_scenario(dir, row.text, "small.json");
    std::vector<std::string> args = {"sweep", sweep.string(), "--out", (dir.path() / "out").string()};
    args.insert(args.end(), row.extra_args.begin(), row.extra_args.end());
    ProcessResult r = run_fleetsim(args);
    CHECK(r.exit_code == 2);
    std::string expected = (dir.path() / row.expected).string();
    CHECK(r.err.substr(0, expected.size()) == expected);
    CHECK_FALSE(fs::exists(dir.path() / "out"));
  }
}

TEST_CASE("--emit prints a Kubernetes Indexed Job and an AWS Batch array job that run the shards", "[sweep]") {
  TempDir dir;
  fs::path sweep = write_scenario(dir, small_sweep(), "small.json");
  ProcessResult k8s = run_fleetsim({"sweep", sweep.string(), "--emit", "k8s-job", "--shards", "3"});
  REQUIRE(k8s.exit_code == 0);
  nlohmann::json job = nlohmann::json::parse(k8s.out);
  CHECK(job["kind"] == "Job");
  CHECK(job["spec"]["completionMode"] == "Indexed");
  CHECK(job["spec"]["completions"] == 3);
  std::string body = job["spec"]["template"]["spec"]["containers"][0]["command"][2];
  CHECK(body.find("--shard \"$I/$SHARDS\"") != std::string::npos);
  CHECK(body.find("I=\"${JOB_COMPLETION_INDEX}\"") != std::string::npos);
  CHECK(body.find("sweep merge") != std::string::npos);

  ProcessResult batch = run_fleetsim({"sweep", sweep.string(), "--emit", "aws-batch"});
  REQUIRE(batch.exit_code == 0);
  nlohmann::json input = nlohmann::json::parse(batch.out);
  CHECK(input["arrayProperties"]["size"] == 12);  // one shard per run by default
  body = input["containerOverrides"]["command"][2];
  CHECK(body.find("I=\"${AWS_BATCH_JOB_ARRAY_INDEX}\"") != std::string::npos);
  CHECK(run_fleetsim({"sweep", sweep.string(), "--emit", "slurm", "--shard", "0/2"}).exit_code == 2);
}
