/// externalPolicies end to end through the real binary: the lock-step protocol with tiny scripted policies, the
/// answer bounded by the scalable target, each way a program fails (exit 3, a message, no output folder), the
/// missing --allow-exec (exit 2 at the scenario's pointer) and the same bytes twice.

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "tests/scenarios/scenario_harness.hpp"

using namespace fleetsim::scenario_test;
namespace fs = std::filesystem;

namespace {

// scenarios/external-policy.json for `duration`, its policy replaced by `command`.
nlohmann::json with_policy(const nlohmann::json& command, const std::string& duration = "10m") {
  return mutated(example_json("external-policy"),
                 {set_at("/simulation/duration", duration), set_at("/externalPolicies/0/command", command)});
}

// A python3 policy: `body` computes `d` (the desired count) from the request `r`.
nlohmann::json python_policy(const std::string& body) {
  return {"/usr/bin/python3", "-c",
          "import sys, json\nfor l in sys.stdin:\n  r = json.loads(l)\n  " + body +
              "\n  print(json.dumps({'desired': {'service/default/web': d}}), flush=True)"};
}

std::vector<nlohmann::json> events_of(const fs::path& file, const std::string& type) {
  std::vector<nlohmann::json> out;
  std::istringstream in(read_text(file));
  for (std::string line; std::getline(in, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["type"] == type) out.push_back(e);
  }
  return out;
}

// Runs `scenario` with --allow-exec and expects exit 3, a message containing `why`, and nothing written.
void expect_failure(const nlohmann::json& scenario, const std::string& why) {
  TempDir dir;
  fs::path file = write_scenario(dir, scenario.dump());
  fs::path out = dir.path() / "out";
  ProcessResult r = run_fleetsim({"run", file.string(), "--allow-exec", "--out", out.string(), "-q"});
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("/externalPolicies/0: external policy \"predictive\"") && Catch::Contains(why) &&
                        Catch::Contains("no output written"));
  CHECK_FALSE(fs::exists(out));
  for (const auto& e : fs::directory_iterator(dir.path())) CHECK(e.path() == file);  // no staging folder left
}

}  // namespace

TEST_CASE("an external policy is asked every period in lock step and its answers are bounded", "[external]") {
  TempDir dir;
  // 50 tasks for the first five minutes, then none: above MaxCapacity (20), then below MinCapacity (2).
  fs::path file = write_scenario(dir, with_policy(python_policy("d = 50 if r['t'] < 300 else 0")).dump());
  ProcessResult r = run_fleetsim({"run", file.string(), "--allow-exec", "--out", (dir.path() / "out").string(), "-q"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<nlohmann::json> decisions = events_of(dir.path() / "out/events.jsonl", "ScalingDecision");
  REQUIRE(decisions.size() == 9);  // at 60 s, 120 s, ..., 540 s (none at the end of the run)
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    const nlohmann::json& d = decisions[i];
    INFO(d.dump());
    CHECK(d["t"] == 60.0 * static_cast<double>(i + 1));
    CHECK(d["inputs"]["t"] == d["t"]);  // the answer was given for the request of that instant
    CHECK(d["controller"] == "external:predictive");
    CHECK(d["target"] == "service/default/web");
    const nlohmann::json& sent = d["inputs"]["targets"]["service/default/web"];
    CHECK(sent["minCapacity"] == 2);
    CHECK(sent["maxCapacity"] == 20);
    CHECK(sent["desiredCount"] == d["currentCapacity"]);
    CHECK(d["answer"] == (d["t"] < 300 ? 50 : 0));
    CHECK(d["desiredCapacity"] == (d["t"] < 300 ? 20 : 2));
    CHECK(d["limitedBy"] == (d["t"] < 300 ? "MaxCapacity" : "MinCapacity"));
  }
  // The CloudWatch datapoints sent: none yet at 60 s, then the minute that ended 180 s (the publication delay) ago.
  CHECK(decisions[0]["inputs"]["metrics"][0]["value"].is_null());
  CHECK(decisions[8]["inputs"]["metrics"][0]["periodEnd"] == 360.0);
  CHECK(decisions[8]["inputs"]["metrics"][0]["value"].is_number());
  // Applied as Application Auto Scaling actions: to the maximum at once, later down to the minimum.
  std::vector<nlohmann::json> actions = events_of(dir.path() / "out/events.jsonl", "ServiceScalingAction");
  REQUIRE(actions.size() == 2);
  CHECK(actions[0]["to"] == 20);
  CHECK(actions[0]["policy"] == "predictive");
  CHECK(actions[1]["to"] == 2);
}

TEST_CASE("a program that dies, hangs or answers malformed JSON ends the run with exit 3 and no output", "[external]") {
  SECTION("dies") { expect_failure(with_policy({"/bin/sh", "-c", "exit 4"}), "exited with status 4"); }
  SECTION("hangs past the timeout") {
    nlohmann::json s = mutated(with_policy({"/bin/sh", "-c", "sleep 60"}),
                               {set_at("/catalog", {{"autoscaling", {{"externalPolicyTimeoutSeconds", 0.5}}}})});
    expect_failure(s, "did not answer within 0.5");
  }
  SECTION("answers malformed JSON") {
    expect_failure(with_policy(python_policy("d = 1\n  print('{\"desired\": ', flush=True)\n  continue")),
                   "answered malformed JSON");
  }
  SECTION("answers a count that is not a whole number") {
    expect_failure(with_policy(python_policy("d = 2.5")), "expected a whole number of tasks");
  }
  SECTION("cannot be started") {
    expect_failure(with_policy({"/nonexistent/policy"}), "cannot start /nonexistent/policy");
  }
}

TEST_CASE("without --allow-exec a scenario with an external policy is refused, and validate needs no flag",
          "[external]") {
  TempDir dir;
  fs::path file = write_scenario(dir, read_text(source_root() / "scenarios/external-policy.json"));
  ProcessResult r = run_fleetsim({"run", file.string(), "--out", (dir.path() / "out").string(), "-q"});
  CHECK(r.exit_code == 2);
  auto [line, column] = line_column_of(read_text(file), "[\"/usr/bin/python3\"");
  CHECK_THAT(r.err, Catch::Contains(file.string() + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                    ": /externalPolicies/0/command:") &&
                        Catch::Contains("--allow-exec"));
  CHECK_FALSE(fs::exists(dir.path() / "out"));
  ProcessResult v = run_fleetsim({"validate", file.string()});
  INFO(v.err);
  CHECK(v.exit_code == 0);
}

TEST_CASE("a deterministic external policy gives the same bytes twice", "[external]") {
  TempDir dir;
  fs::path scenario = source_root() / "scenarios/external-policy.json";
  for (const char* out : {"a", "b"}) {
    ProcessResult r = run_fleetsim(
        {"run", scenario.string(), "--allow-exec", "--duration", "2h", "--out", (dir.path() / out).string(), "-q"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  for (const char* file : {"summary.json", "metrics.csv", "events.jsonl"}) {
    INFO(file);
    CHECK(read_text(dir.path() / "a" / file) == read_text(dir.path() / "b" / file));
  }
  CHECK(events_of(dir.path() / "a/events.jsonl", "ScalingDecision").size() == 119);
}
