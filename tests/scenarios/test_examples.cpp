// Every example scenario, end to end: it runs, requests are conserved, events are in time order,
// every stopped task has a reason, and the same seed gives the same bytes while another seed does not.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "sim/output/sha256.hpp"
#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

void check_invariants(const std::filesystem::path& out) {
  nlohmann::json s = nlohmann::json::parse(read_file(out / "summary.json"));
  const auto& r = s["requests"];
  std::uint64_t total = r["total"], ok = r["ok"], inflight = r["inFlight"];
  std::uint64_t e502 = r["http5xx"]["502"], e503 = r["http5xx"]["503"], e504 = r["http5xx"]["504"];
  CHECK(total == ok + e502 + e503 + e504 + inflight);  // requests conserved
  const nlohmann::json queues = s.contains("queues") ? s["queues"] : nlohmann::json::object();
  for (const auto& [name, q] : queues.items()) {
    INFO("queue " << name);
    std::uint64_t sent = q["sent"], deleted = q["deleted"], visible = q["visible"], in_flight = q["inFlight"];
    CHECK(sent == deleted + visible + in_flight);  // messages conserved
  }

  std::istringstream events(read_file(out / "events.jsonl"));
  double last_t = 0;
  std::size_t stopped = 0;
  std::map<std::string, std::string> port_holder;  // "instance:hostPort" -> the live task holding it
  std::map<std::string, std::string> port_of;      // task -> its "instance:hostPort"
  for (std::string line; std::getline(events, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    CHECK(e["t"].get<double>() >= last_t);  // time never goes back
    last_t = e["t"].get<double>();
    if (e["type"] != "TaskStateChange") continue;
    std::string task = e["taskId"];
    if (e.contains("hostPort") && !port_of.count(task)) {
      // No two live tasks on one host port of one instance.
      std::string key = e["instanceId"].get<std::string>() + ":" + std::to_string(e["hostPort"].get<int>());
      CHECK(port_holder.emplace(key, task).second);
      port_of[task] = key;
    }
    if (e["lastStatus"] == "STOPPED") {
      ++stopped;
      CHECK(e.contains("stoppedReason"));  // every task that stopped has a reason
      if (auto it = port_of.find(task); it != port_of.end()) port_holder.erase(it->second);
    }
  }
  std::uint64_t summary_stopped = 0;
  for (const auto& [name, svc] : s["services"].items()) summary_stopped += svc["tasks"]["stopped"].get<std::uint64_t>();
  if (s.contains("standaloneTasks")) {
    for (const auto& [group, counts] : s["standaloneTasks"].items()) summary_stopped += counts["stopped"].get<std::uint64_t>();
  }
  CHECK(stopped == summary_stopped);

  std::int64_t last_ts = 0;
  for (const CsvMetric& m : read_metrics(out / "metrics.csv")) {
    CHECK(m.timestamp >= last_ts);
    last_ts = m.timestamp;
  }
  CHECK(last_ts == static_cast<std::int64_t>(s["duration_s"].get<double>()));
}

}  // namespace

TEST_CASE("every example scenario runs briefly with its invariants (sanitizer-friendly)", "[scenarios]") {
  for (const auto& scenario : example_scenarios()) {
    SECTION(scenario.filename().string()) {
      TempDir dir;
      ScenarioOverrides o;
      o.duration = "20m";
      REQUIRE(run_scenario(scenario, dir.path() / "out", o) == 0);
      check_invariants(dir.path() / "out");
    }
  }
}

TEST_CASE("every example scenario is deterministic over its full length", "[scenarios][slow]") {
  for (const auto& scenario : example_scenarios()) {
    SECTION(scenario.filename().string()) {
      TempDir dir;
      REQUIRE(run_scenario(scenario, dir.path() / "a") == 0);
      REQUIRE(run_scenario(scenario, dir.path() / "b") == 0);
      check_invariants(dir.path() / "a");
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
    for (const char* file : {"summary.json", "metrics.csv", "events.jsonl"}) all += read_file(dir.path() / "out" / file);
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
