// Every example scenario, end to end: it runs, requests are conserved, events are in time order,
// every stopped task has a reason, and the same seed gives the same bytes while another seed does not.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sim/output/sha256.hpp"
#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

/// A task definition size as the scenario gives it: a number, "1024", "1 vCPU" or "2 GB" (x `per_unit`).
int size_units(const nlohmann::json& v, int per_unit) {
  if (v.is_number()) return v.get<int>();
  std::string text = v.get<std::string>();
  double n = std::stod(text);
  return text.find_first_of("vVgG") == std::string::npos ? static_cast<int>(n) : static_cast<int>(n * per_unit);
}

/// What one task of `family` reserves on an instance: the task-level size, else the containers' sum
/// (memoryReservation before memory), as ECS does. Worked out from the scenario, independently of the models.
std::pair<int, int> task_reservation(const nlohmann::json& scenario, const std::string& family) {
  for (const auto& td : scenario.value("taskDefinitions", nlohmann::json::array())) {
    if (td["family"] != family) continue;
    int cpu = 0, memory = 0;
    for (const auto& c : td["containerDefinitions"]) {
      cpu += c.value("cpu", 0);
      memory += c.contains("memoryReservation") ? c["memoryReservation"].get<int>() : c.value("memory", 0);
    }
    if (td.contains("cpu")) cpu = size_units(td["cpu"], 1024);
    if (td.contains("memory")) memory = size_units(td["memory"], 1024);
    return {cpu, memory};
  }
  FAIL("no task definition " << family);
  return {0, 0};
}

/// Desired counts stay within their bounds: a service's ServiceScalingAction within the widest Min/Max its
/// scalable target ever has (scheduled actions move the bounds), an Auto Scaling group's desired capacity
/// within MinSize/MaxSize.
void check_desired_bounds(const nlohmann::json& scenario, const std::vector<nlohmann::json>& events,
                          const std::filesystem::path& out) {
  std::map<std::string, std::pair<int, int>> bounds;  // ResourceId -> (min, max)
  for (const auto& t : scenario.value("scalableTargets", nlohmann::json::array())) {
    bounds[t["ResourceId"].get<std::string>()] = {t["MinCapacity"].get<int>(), t["MaxCapacity"].get<int>()};
  }
  for (const auto& a : scenario.value("scheduledActions", nlohmann::json::array())) {
    auto it = bounds.find(a["ResourceId"].get<std::string>());
    if (it == bounds.end()) continue;
    auto& [lo, hi] = it->second;
    const auto& action = a["ScalableTargetAction"];
    if (action.contains("MinCapacity")) lo = std::min(lo, action["MinCapacity"].get<int>());
    if (action.contains("MaxCapacity")) hi = std::max(hi, action["MaxCapacity"].get<int>());
  }
  for (const auto& e : events) {
    if (e["type"] != "ServiceScalingAction") continue;
    for (const auto& [id, b] : bounds) {
      if (!id.ends_with("/" + e["service"].get<std::string>())) continue;
      INFO(e.dump());
      CHECK(e["to"].get<int>() >= b.first);
      CHECK(e["to"].get<int>() <= b.second);
    }
  }
  std::map<std::string, std::pair<int, int>> sizes;  // "AutoScalingGroupName=NAME" -> (MinSize, MaxSize)
  for (const auto& g : scenario.value("autoScalingGroups", nlohmann::json::array())) {
    sizes["AutoScalingGroupName=" + g["AutoScalingGroupName"].get<std::string>()] = {g["MinSize"].get<int>(),
                                                                                     g["MaxSize"].get<int>()};
  }
  // An EKS managed node group is an Auto Scaling group of its name, sized by its scalingConfig.
  for (const auto& g : scenario.value("nodegroups", nlohmann::json::array())) {
    const auto& c = g["scalingConfig"];
    sizes["AutoScalingGroupName=" + g["nodegroupName"].get<std::string>()] = {c["minSize"].get<int>(),
                                                                              c["maxSize"].get<int>()};
  }
  for (const CsvMetric& m : read_metrics(out / "metrics.csv")) {
    if (m.metric != "GroupDesiredCapacity" || m.statistic == "Sum" || m.statistic == "SampleCount") continue;
    INFO(m.dimensions << " " << m.statistic << " at " << m.timestamp);
    CHECK(m.value >= sizes.at(m.dimensions).first);
    CHECK(m.value <= sizes.at(m.dimensions).second);
  }
}

/// No container instance ever has more CPU or memory reserved than it registered. Reservations follow the
/// TaskStateChange events (from the first with an instanceId until STOPPED); the sums are checked once
/// every event of an instant is in, since a task may take the room of one stopping at the same instant.
void check_instance_reservations(const nlohmann::json& scenario, const std::vector<nlohmann::json>& events) {
  std::map<std::string, std::string> family_of;  // service -> task definition family
  for (const auto& svc : scenario.value("services", nlohmann::json::array())) {
    std::string td = svc["taskDefinition"];
    family_of[svc["serviceName"].get<std::string>()] = td.substr(0, td.find(':'));
  }
  std::map<std::string, std::pair<int, int>> registered, reserved;  // instance -> (cpu, memory)
  std::map<std::string, std::string> placed_on;                     // task -> instance
  auto check_all = [&](double t) {
    for (const auto& [instance, r] : reserved) {
      INFO(instance << " at " << t << " s");
      REQUIRE(registered.count(instance));
      CHECK(r.first <= registered[instance].first);
      CHECK(r.second <= registered[instance].second);
    }
  };
  double instant = 0;
  for (const auto& e : events) {
    if (e["t"].get<double>() != instant) check_all(instant);
    instant = e["t"].get<double>();
    if (e["type"] == "ContainerInstanceStateChange" && e["status"] == "ACTIVE") {
      registered[e["instanceId"].get<std::string>()] = {e["registeredCpu"].get<int>(),
                                                        e["registeredMemory"].get<int>()};
    }
    if (e["type"] != "TaskStateChange" || !e.contains("instanceId") || !e.contains("service")) continue;
    std::string task = e["taskId"], instance = e["instanceId"];
    auto need = task_reservation(scenario, family_of.at(e["service"].get<std::string>()));
    if (placed_on.emplace(task, instance).second) {
      reserved[instance].first += need.first;
      reserved[instance].second += need.second;
    }
    if (e["lastStatus"] == "STOPPED") {
      reserved[instance].first -= need.first;
      reserved[instance].second -= need.second;
    }
  }
  check_all(instant);
}

void check_invariants(const std::filesystem::path& scenario_file, const std::filesystem::path& out) {
  nlohmann::json s = nlohmann::json::parse(read_file(out / "summary.json"));
  const auto& r = s["requests"];
  std::uint64_t total = r["total"], ok = r["ok"], inflight = r["inFlight"];
  std::uint64_t e502 = r["http5xx"]["502"], e503 = r["http5xx"]["503"], e504 = r["http5xx"]["504"];
  CHECK(total == ok + e502 + e503 + e504 + inflight);  // requests conserved
  // The monthly figure is the run's cost rate over 730 hours.
  double hours = s["duration_s"].get<double>() / 3600;
  CHECK(s["cost"]["perMonthUsd"].get<double>() == Approx(s["cost"]["totalUsd"].get<double>() * 730 / hours));
  const nlohmann::json queues = s.contains("queues") ? s["queues"] : nlohmann::json::object();
  for (const auto& [name, q] : queues.items()) {
    INFO("queue " << name);
    std::uint64_t sent = q["sent"], deleted = q["deleted"], visible = q["visible"], in_flight = q["inFlight"];
    CHECK(sent == deleted + visible + in_flight);  // messages conserved
  }

  std::vector<nlohmann::json> events;
  std::istringstream lines(read_file(out / "events.jsonl"));
  for (std::string line; std::getline(lines, line);) events.push_back(nlohmann::json::parse(line));
  double last_t = 0;
  std::size_t stopped = 0;
  std::map<std::string, std::string> port_holder;  // "instance:hostPort" -> the live task holding it
  std::map<std::string, std::string> port_of;      // task -> its "instance:hostPort"
  for (const nlohmann::json& e : events) {
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
    for (const auto& [group, counts] : s["standaloneTasks"].items())
      summary_stopped += counts["stopped"].get<std::uint64_t>();
  }
  CHECK(stopped == summary_stopped);

  std::int64_t last_ts = 0;
  for (const CsvMetric& m : read_metrics(out / "metrics.csv")) {
    CHECK(m.timestamp >= last_ts);
    last_ts = m.timestamp;
  }
  CHECK(last_ts == static_cast<std::int64_t>(s["duration_s"].get<double>()));

  nlohmann::json scenario = nlohmann::json::parse(read_file(scenario_file), nullptr, true, /*ignore_comments=*/true);
  check_instance_reservations(scenario, events);
  check_desired_bounds(scenario, events, out);
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
