// Availability Zone outages end to end: scenarios/az-outage.json (EC2 capacity provider, ALB) and the
// quickstart's Fargate service with an outage added. Nothing starts in the dark AZ, the service gets back
// to full strength through its normal replacement, the 5xx burst is real but small, and summary.json's
// `faults` entry agrees with the events.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;
using nlohmann::json;

namespace {

struct Run {
  std::vector<json> events;
  json summary;
};

Run run(const json& scenario, const TempDir& dir) {
  std::filesystem::path file = dir.path() / "scenario.json";
  std::ofstream(file) << scenario.dump(2);
  REQUIRE(run_scenario(file, dir.path() / "out") == 0);
  Run r;
  std::istringstream in(read_file(dir.path() / "out" / "events.jsonl"));
  for (std::string line; std::getline(in, line);) r.events.push_back(json::parse(line));
  r.summary = json::parse(read_file(dir.path() / "out" / "summary.json"));
  return r;
}

json example(const std::string& name) {
  return json::parse(read_file(source_root() / "scenarios" / (name + ".json")), nullptr, true,
                     /*ignore_comments=*/true);
}

// When the zone went dark and came back, from the AvailabilityZoneStateChange events.
std::pair<double, double> outage_window(const Run& r, const std::string& zone) {
  std::optional<double> from, to;
  for (const json& e : r.events) {
    if (e["type"] != "AvailabilityZoneStateChange" || e["availabilityZone"] != zone) continue;
    (e["state"] == "impaired" ? from : to) = e["t"].get<double>();
  }
  REQUIRE(from);
  REQUIRE(to);
  return {*from, *to};
}

// Nothing is placed, launched or started in `zone` while it is dark.
void check_nothing_starts_in(const Run& r, const std::string& zone, double from, double to) {
  for (const json& e : r.events) {
    double t = e["t"];
    if (t < from || t >= to) continue;
    INFO(e.dump());
    if (e["type"] == "TaskStateChange") {
      std::string status = e["lastStatus"];
      bool starting = status == "PROVISIONING" || status == "PENDING" || status == "ACTIVATING" || status == "RUNNING";
      CHECK_FALSE((starting && e["availabilityZone"] == zone));
    }
    if (e["type"] == "InstanceStateChange") CHECK_FALSE((e["state"] == "pending" && e["availabilityZone"] == zone));
    if (e["type"] == "ContainerInstanceStateChange")
      CHECK_FALSE((e["status"] == "ACTIVE" && e["availabilityZone"] == zone));
  }
}

// Tasks that reached STOPPED with a reason naming the outage of `zone`.
int stopped_by_outage(const Run& r, const std::string& zone) {
  int n = 0;
  for (const json& e : r.events) {
    if (e["type"] != "TaskStateChange" || e["lastStatus"] != "STOPPED" || e["availabilityZone"] != zone) continue;
    if (e.value("stoppedReason", std::string()).find("Availability Zone " + zone) != std::string::npos) ++n;
  }
  return n;
}

// The service's RUNNING task count over time, from its TaskStateChange events: (time, count) at each change.
std::vector<std::pair<double, int>> running_counts(const Run& r, const std::string& service) {
  std::map<std::string, bool> running;
  std::vector<std::pair<double, int>> out;
  int count = 0;
  for (const json& e : r.events) {
    if (e["type"] != "TaskStateChange" || e["service"] != service) continue;
    bool now = e["lastStatus"] == "RUNNING";
    bool& was = running[e["taskId"]];
    if (now == was) continue;
    count += now ? 1 : -1;
    was = now;
    out.emplace_back(e["t"].get<double>(), count);
  }
  return out;
}

// The first time at or after `from` when the count is back to `full`, and the lowest count on the way.
std::pair<std::optional<double>, int> recovery(const std::vector<std::pair<double, int>>& counts, double from,
                                               int full) {
  int before = 0, lowest = full;
  for (const auto& [t, n] : counts) {
    if (t < from) {
      before = n;
      continue;
    }
    lowest = std::min({lowest, before, n});
    if (n >= full && lowest < full) return {t, lowest};
  }
  return {std::nullopt, lowest};
}

}  // namespace

TEST_CASE("az-outage.json: the lost AZ's capacity returns elsewhere and the summary measures the outage",
          "[scenarios][az]") {
  TempDir dir;
  Run r = run(example("az-outage"), dir);
  auto [from, to] = outage_window(r, "us-east-1a");
  CHECK(from == 3600);
  CHECK(to == 5400);
  check_nothing_starts_in(r, "us-east-1a", from, to);

  // The instance in the AZ was lost, with a reason, and its tasks stopped with one.
  int lost = 0;
  for (const json& e : r.events) {
    if (e["t"] != from || e["type"] != "InstanceStateChange" || e["state"] != "terminated" ||
        e["availabilityZone"] != "us-east-1a")
      continue;
    CHECK(e["reason"].get<std::string>().find("us-east-1a") != std::string::npos);
    ++lost;
  }
  CHECK(lost >= 1);
  CHECK(stopped_by_outage(r, "us-east-1a") >= 1);

  // Back to 12 running tasks through the normal replacement, within ten minutes.
  auto [recovered_at, lowest] = recovery(running_counts(r, "web"), from, 12);
  REQUIRE(recovered_at);
  CHECK(lowest < 12);
  CHECK(*recovered_at - from < 600);

  // AZRebalance after the outage: an instance launches into the AZ again, and a task runs there.
  bool instance_back = false, task_back = false;
  for (const json& e : r.events) {
    if (e["t"].get<double>() < to) continue;
    if (e["type"] == "InstanceStateChange" && e["state"] == "running" && e["availabilityZone"] == "us-east-1a")
      instance_back = true;
    if (e["type"] == "TaskStateChange" && e["lastStatus"] == "RUNNING" && e["availabilityZone"] == "us-east-1a")
      task_back = true;
  }
  CHECK(instance_back);
  CHECK(task_back);

  // summary.json faults: consistent with the events and with itself.
  REQUIRE(r.summary.contains("faults"));
  REQUIRE(r.summary["faults"].size() == 1);
  const json& f = r.summary["faults"][0];
  CHECK(f["action"] == "azOutage");
  CHECK(f["availabilityZone"] == "us-east-1a");
  CHECK(f["start_s"] == from);
  CHECK(f["end_s"] == to);
  REQUIRE(f["timeToRecover_s"].is_number());
  // Polled every 5 s: the summary sees the recovery at most one poll after the events show it.
  CHECK(f["timeToRecover_s"].get<double>() >= *recovered_at - from);
  CHECK(f["timeToRecover_s"].get<double>() <= *recovered_at - from + 5);
  CHECK(f["windowEnd_s"].get<double>() == std::max(to, from + f["timeToRecover_s"].get<double>()));
  // The burst: requests cut on the lost tasks (those in flight at the instant the zone went dark, which may be
  // none), under 1% of what arrived in the window (120/s).
  double window = f["windowEnd_s"].get<double>() - from;
  CHECK(f["http5xx"].get<double>() < 0.01 * 120 * window);
  std::uint64_t all_5xx = 0;
  for (const auto& [code, n] : r.summary["requests"]["http5xx"].items()) all_5xx += n.get<std::uint64_t>();
  CHECK(f["http5xx"].get<std::uint64_t>() <= all_5xx);
  CHECK(f["extraCostUsd"].get<double>() == Approx(f["costUsd"].get<double>() - f["baselineCostUsd"].get<double>()));
  // The replacement instance runs beside the lost one's bill: the window costs more than the one before.
  CHECK(f["costUsd"].get<double>() > 0);
  CHECK(f["baselineCostUsd"].get<double>() > 0);
}

TEST_CASE("a Fargate service loses its tasks in a dark AZ and replaces them in the others", "[scenarios][az]") {
  json s = example("quickstart");
  s["simulation"]["duration"] = "1h30m";
  s["timeline"] = {{{"at", "30m"}, {"action", "azOutage"}, {"availabilityZone", "us-east-1b"}, {"duration", "20m"}}};
  TempDir dir;
  Run r = run(s, dir);
  auto [from, to] = outage_window(r, "us-east-1b");
  check_nothing_starts_in(r, "us-east-1b", from, to);
  CHECK(stopped_by_outage(r, "us-east-1b") > 0);
  REQUIRE(r.summary["faults"].size() == 1);
  CHECK(r.summary["faults"][0]["timeToRecover_s"].is_number());
}

TEST_CASE("under managed termination protection AZRebalance never stops a task", "[scenarios][az]") {
  json s = example("az-outage");
  s["capacityProviders"][0]["autoScalingGroupProvider"]["managedTerminationProtection"] = "ENABLED";
  TempDir dir;
  Run r = run(s, dir);
  auto [from, to] = outage_window(r, "us-east-1a");
  check_nothing_starts_in(r, "us-east-1a", from, to);
  for (const json& e : r.events) {
    if (e["type"] != "TaskStateChange") continue;
    INFO(e.dump());
    CHECK(e.value("stoppedReason", std::string()).find("AZRebalance") == std::string::npos);
  }
  auto [recovered_at, lowest] = recovery(running_counts(r, "web"), from, 12);
  CHECK(recovered_at);
  CHECK(lowest < 12);
}
