/// simulation.warmup through the real binary: a slow start (one task under a load that needs five) is left out of
/// summary.json's figures, while metrics.csv and events.jsonl keep the whole run byte for byte; a warm-up as long as
/// the run is refused at its pointer; a sweep's warm-up reaches every run.

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/scenarios/scenario_harness.hpp"

using namespace fleetsim::scenario_test;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The quickstart for an hour from a cold start: one task for a load that needs about eight at 50 % CPU, until
// target tracking has scaled out (several minutes, with tasks starting).
json cold_start() {
  return mutated(quickstart_json(), {set_at("/simulation/duration", "1h"), set_at("/services/0/desiredCount", 1)});
}

json run_summary(const TempDir& dir, const json& scenario, const std::string& out,
                 const std::vector<std::string>& extra = {}) {
  fs::path file = write_scenario(dir, scenario.dump(), out + ".json");
  std::vector<std::string> args = {"run", file.string(), "--out", (dir.path() / out).string(), "-q"};
  args.insert(args.end(), extra.begin(), extra.end());
  ProcessResult r = run_fleetsim(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(read_text(dir.path() / out / "summary.json"));
}

}  // namespace

TEST_CASE("a warm-up leaves a slow start out of every summary figure and nothing else", "[warmup]") {
  TempDir dir;
  json whole = run_summary(dir, cold_start(), "whole");
  json steady = run_summary(dir, cold_start(), "steady", {"--set", "/simulation/warmup=20m"});
  // The outputs that cover the whole run are the same bytes.
  for (const char* file : {"metrics.csv", "events.jsonl"}) {
    INFO(file);
    CHECK(read_text(dir.path() / "whole" / file) == read_text(dir.path() / "steady" / file));
  }
  CHECK_FALSE(whole.contains("warmup_s"));
  CHECK(steady["warmup_s"] == 1200.0);
  CHECK(steady["duration_s"] == 3600.0);
  const json& w = whole["requests"];
  const json& s = steady["requests"];
  INFO(whole.dump(1) << "\n" << steady.dump(1));
  // The start was slow: with it, p99 is far higher than in the steady state.
  CHECK(s["latency_ms"]["p99"].get<double>() < 0.5 * w["latency_ms"]["p99"].get<double>());
  CHECK(s["latency_ms"]["max"].get<double>() <= w["latency_ms"]["max"].get<double>());
  // About two thirds of the requests (the load is nearly flat over an hour), and still conserved.
  double share = s["total"].get<double>() / w["total"].get<double>();
  CHECK(share > 0.6);
  CHECK(share < 0.75);
  auto conserved = [](const json& r) {
    return r["total"] == r["ok"].get<std::uint64_t>() + r["http5xx"]["502"].get<std::uint64_t>() +
                             r["http5xx"]["503"].get<std::uint64_t>() + r["http5xx"]["504"].get<std::uint64_t>() +
                             r["inFlight"].get<std::uint64_t>();
  };
  CHECK(conserved(w));
  CHECK(conserved(s));
  CHECK(s["ok"].get<std::uint64_t>() < w["ok"].get<std::uint64_t>());
  // Cost: the 40 minutes after the warm-up, projected to a month over those 40 minutes.
  double cost = steady["cost"]["totalUsd"].get<double>();
  CHECK(cost < whole["cost"]["totalUsd"].get<double>());
  CHECK(cost > 0.5 * whole["cost"]["totalUsd"].get<double>());
  CHECK(steady["cost"]["perMonthUsd"].get<double>() == Approx(cost * 730 / (2400.0 / 3600)).epsilon(1e-12));
  CHECK(steady["services"]["web"]["latency_ms"]["p99"].get<double>() <
        whole["services"]["web"]["latency_ms"]["p99"].get<double>());
  // The service's own figures count the window only: the scale-out from one task, and the launches it made, came
  // before it; the hour's mean task count is dragged down by its start.
  const json& ws = whole["services"]["web"];
  const json& ss = steady["services"]["web"];
  CHECK(ss["tasks"]["launched"].get<int>() < ws["tasks"]["launched"].get<int>());
  CHECK(ss["scaling"]["scaleOuts"].get<int>() < ws["scaling"]["scaleOuts"].get<int>());
  CHECK(ss["tasks"]["meanRunning"].get<double>() > ws["tasks"]["meanRunning"].get<double>());
  CHECK(ss["tasks"]["peakRunning"].get<int>() <= ws["tasks"]["peakRunning"].get<int>());
  CHECK(steady["elasticity"]["underProvisioningTimeshare"].get<double>() <
        whole["elasticity"]["underProvisioningTimeshare"].get<double>());
  // Fargate usage is windowed exactly as its dollars are: one task size, so dollars per vCPU-hour agree.
  const json& wf = whole["capacity"]["fargate"];
  const json& sf = steady["capacity"]["fargate"];
  CHECK(sf["vcpuHours"].get<double>() < wf["vcpuHours"].get<double>());
  CHECK(sf["tasks"].get<int>() < wf["tasks"].get<int>());
  CHECK(steady["cost"]["fargateUsd"].get<double>() / sf["vcpuHours"].get<double>() ==
        Approx(whole["cost"]["fargateUsd"].get<double>() / wf["vcpuHours"].get<double>()).epsilon(1e-9));
}

TEST_CASE("a warm-up windows EC2 instance-hours as it windows their cost", "[warmup]") {
  TempDir dir;
  json scenario = example_json("ec2-capacity-provider");
  json whole = run_summary(dir, scenario, "whole");
  json steady = run_summary(dir, scenario, "steady", {"--set", "/simulation/warmup=1h"});
  INFO(whole.dump(1) << "\n" << steady.dump(1));
  const json& w = whole["capacity"]["ec2"];
  const json& s = steady["capacity"]["ec2"];
  const double window_h = (steady["duration_s"].get<double>() - 3600) / 3600;
  CHECK(s["instanceHours"].get<double>() < w["instanceHours"].get<double>());
  CHECK(s["instanceHours"].get<double>() <= s["peakInstances"].get<int>() * window_h + 1e-9);
  CHECK(s["instanceHours"].get<double>() > 0);
}

TEST_CASE("a warm-up at least as long as the run is refused at its pointer", "[warmup]") {
  TempDir dir;
  fs::path file = write_scenario(
      dir,
      mutated(quickstart_json(), {set_at("/simulation/duration", "1h"), set_at("/simulation/warmup", "1h")}).dump(2));
  ProcessResult r = run_fleetsim({"run", file.string(), "--out", (dir.path() / "out").string(), "-q"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("/simulation/warmup: the warm-up (1h) must be shorter than the duration (1h)"));
  CHECK_FALSE(fs::exists(dir.path() / "out"));
}

TEST_CASE("a sweep's warm-up reaches every run", "[warmup][sweep]") {
  TempDir dir;
  fs::path sweep = write_scenario(dir,
                                  "{ \"scenario\": \"" + (source_root() / "scenarios/quickstart.json").string() +
                                      "\", \"set\": { \"/simulation/duration\": \"5m\" },"
                                      " \"parameters\": { \"/services/0/desiredCount\": [2, 4] },"
                                      " \"replications\": 2, \"warmup\": \"2m\" }",
                                  "sweep.json");
  ProcessResult r = run_fleetsim({"sweep", sweep.string(), "--jobs", "2", "--out", (dir.path() / "s").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  int runs = 0;
  for (const char* variant : {"v0", "v1"}) {
    for (const char* seed : {"1", "2"}) {
      json summary = json::parse(read_text(dir.path() / "s/runs" / variant / seed / "summary.json"));
      CHECK(summary["warmup_s"] == 120.0);
      ++runs;
    }
  }
  CHECK(runs == 4);
}

TEST_CASE("a warm-up restarts a queue's counts and keeps them conserved", "[warmup]") {
  TempDir dir;
  json scenario = mutated(example_json("sqs-workers"), {set_at("/simulation/duration", "1h")});
  json whole = run_summary(dir, scenario, "whole")["queues"]["jobs"];
  json steady = run_summary(dir, scenario, "steady", {"--set", "/simulation/warmup=30m"})["queues"]["jobs"];
  INFO(whole.dump() << "\n" << steady.dump());
  CHECK(steady["sent"].get<std::uint64_t>() < whole["sent"].get<std::uint64_t>());
  CHECK(steady["deleted"].get<std::uint64_t>() < whole["deleted"].get<std::uint64_t>());
  CHECK(steady["visible"] == whole["visible"]);  // states at the end, not counts
  CHECK(steady["inFlight"] == whole["inFlight"]);
  CHECK(steady["sent"] == steady["deleted"].get<std::uint64_t>() + steady["visible"].get<std::uint64_t>() +
                              steady["inFlight"].get<std::uint64_t>());
}
