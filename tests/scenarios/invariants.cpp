#include "tests/scenarios/invariants.hpp"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/scenarios/run_in_process.hpp"

namespace fleetsim::testing {

namespace {

using nlohmann::json;

/// Collects violations with enough context to find them in the output.
class Violations {
 public:
  void check(bool holds, const std::string& what) {
    if (!holds) lines_.push_back(what);
  }
  std::vector<std::string> take() { return std::move(lines_); }

 private:
  std::vector<std::string> lines_;
};

/// A task definition size as the scenario gives it: a number, "1024", "1 vCPU" or "2 GB" (x `per_unit`).
int size_units(const json& v, int per_unit) {
  if (v.is_number()) return v.get<int>();
  std::string text = v.get<std::string>();
  double n = std::stod(text);
  return text.find_first_of("vVgG") == std::string::npos ? static_cast<int>(n) : static_cast<int>(n * per_unit);
}

/// What one task of `family` reserves on an instance: the task-level size, else the containers' sum
/// (memoryReservation before memory), as ECS does. Worked out from the scenario, independently of the models.
/// The latest revision of the family counts (the estates deploy a second revision of the same size).
std::pair<int, int> task_reservation(const json& scenario, const std::string& family) {
  std::pair<int, int> out{0, 0};
  for (const auto& td : scenario.value("taskDefinitions", json::array())) {
    if (td["family"] != family) continue;
    int cpu = 0, memory = 0;
    for (const auto& c : td["containerDefinitions"]) {
      cpu += c.value("cpu", 0);
      memory += c.contains("memoryReservation") ? c["memoryReservation"].get<int>() : c.value("memory", 0);
    }
    if (td.contains("cpu")) cpu = size_units(td["cpu"], 1024);
    if (td.contains("memory")) memory = size_units(td["memory"], 1024);
    out = {cpu, memory};
  }
  return out;
}

/// Desired counts stay within their bounds: a service's ServiceScalingAction within the widest Min/Max its
/// scalable target ever has (scheduled actions move the bounds), an Auto Scaling group's desired capacity
/// within MinSize/MaxSize.
void check_desired_bounds(const json& scenario, const std::vector<json>& events, const std::filesystem::path& out,
                          Violations& v) {
  std::map<std::string, std::pair<int, int>> bounds;  // ResourceId -> (min, max)
  for (const auto& t : scenario.value("scalableTargets", json::array())) {
    bounds[t["ResourceId"].get<std::string>()] = {t["MinCapacity"].get<int>(), t["MaxCapacity"].get<int>()};
  }
  for (const auto& a : scenario.value("scheduledActions", json::array())) {
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
      v.check(e["to"].get<int>() >= b.first && e["to"].get<int>() <= b.second,
              "desired count outside [" + std::to_string(b.first) + ", " + std::to_string(b.second) + "]: " + e.dump());
    }
  }
  std::map<std::string, std::pair<int, int>> sizes;  // "AutoScalingGroupName=NAME" -> (MinSize, MaxSize)
  for (const auto& g : scenario.value("autoScalingGroups", json::array())) {
    sizes["AutoScalingGroupName=" + g["AutoScalingGroupName"].get<std::string>()] = {g["MinSize"].get<int>(),
                                                                                     g["MaxSize"].get<int>()};
  }
  // An EKS managed node group is an Auto Scaling group of its name, sized by its scalingConfig.
  for (const auto& g : scenario.value("nodegroups", json::array())) {
    const auto& c = g["scalingConfig"];
    sizes["AutoScalingGroupName=" + g["nodegroupName"].get<std::string>()] = {c["minSize"].get<int>(),
                                                                              c["maxSize"].get<int>()};
  }
  for (const CsvMetric& m : read_metrics(out / "metrics.csv")) {
    if (m.metric != "GroupDesiredCapacity" || m.statistic == "Sum" || m.statistic == "SampleCount") continue;
    auto it = sizes.find(m.dimensions);
    v.check(it != sizes.end(), "GroupDesiredCapacity of an unknown group " + m.dimensions);
    if (it == sizes.end()) continue;
    v.check(m.value >= it->second.first && m.value <= it->second.second,
            m.dimensions + " " + m.statistic + " desired " + std::to_string(m.value) + " outside its size at " +
                std::to_string(m.timestamp));
  }
}

/// No container instance ever has more CPU or memory reserved than it registered. Reservations follow the
/// TaskStateChange events (from the first with an instanceId until STOPPED); the sums are checked once
/// every event of an instant is in, since a task may take the room of one stopping at the same instant.
void check_instance_reservations(const json& scenario, const std::vector<json>& events, Violations& v) {
  std::map<std::string, std::string> family_of;  // service -> task definition family
  for (const auto& svc : scenario.value("services", json::array())) {
    std::string td = svc["taskDefinition"];
    family_of[svc["serviceName"].get<std::string>()] = td.substr(0, td.find(':'));
  }
  std::map<std::string, std::pair<int, int>> registered, reserved;  // instance -> (cpu, memory)
  std::map<std::string, std::string> placed_on;                     // task -> instance
  auto check_all = [&](double t) {
    for (const auto& [instance, r] : reserved) {
      const std::string where = instance + " at " + std::to_string(t) + " s";
      auto it = registered.find(instance);
      v.check(it != registered.end(), "a task placed on unregistered " + where);
      if (it == registered.end()) continue;
      v.check(r.first <= it->second.first, "CPU reserved over registered on " + where);
      v.check(r.second <= it->second.second, "memory reserved over registered on " + where);
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
    auto family = family_of.find(e["service"].get<std::string>());
    if (family == family_of.end()) continue;
    std::string task = e["taskId"], instance = e["instanceId"];
    auto need = task_reservation(scenario, family->second);
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

}  // namespace

std::vector<std::string> invariant_violations(const std::filesystem::path& scenario_file,
                                              const std::filesystem::path& out) {
  Violations v;
  json s = json::parse(read_file(out / "summary.json"));
  const auto& r = s["requests"];
  std::uint64_t total = r["total"], ok = r["ok"], inflight = r["inFlight"];
  std::uint64_t e502 = r["http5xx"]["502"], e503 = r["http5xx"]["503"], e504 = r["http5xx"]["504"];
  v.check(total == ok + e502 + e503 + e504 + inflight, "requests not conserved: " + r.dump());
  // The monthly figure is the run's cost rate over 730 hours; no cost is negative.
  double hours = s["duration_s"].get<double>() / 3600;
  double total_usd = s["cost"]["totalUsd"].get<double>();
  v.check(std::abs(s["cost"]["perMonthUsd"].get<double>() - total_usd * 730 / hours) <=
              1e-9 * (1 + total_usd * 730 / hours),
          "perMonthUsd is not totalUsd x 730 h / the run's hours: " + s["cost"].dump());
  for (const auto& [key, usd] : s["cost"].items()) v.check(usd.get<double>() >= 0, "negative cost " + key);
  const json queues = s.contains("queues") ? s["queues"] : json::object();
  for (const auto& [name, q] : queues.items()) {
    std::uint64_t sent = q["sent"], deleted = q["deleted"], visible = q["visible"], in_flight = q["inFlight"];
    v.check(sent == deleted + visible + in_flight, "messages not conserved in queue " + name + ": " + q.dump());
  }

  std::vector<json> events;
  std::istringstream lines(read_file(out / "events.jsonl"));
  for (std::string line; std::getline(lines, line);) events.push_back(json::parse(line));
  double last_t = 0;
  std::size_t stopped = 0;
  std::map<std::string, std::string> port_holder;  // "instance:hostPort" -> the live task holding it
  std::map<std::string, std::string> port_of;      // task -> its "instance:hostPort"
  for (const json& e : events) {
    v.check(e["t"].get<double>() >= last_t, "time went back: " + e.dump());
    last_t = e["t"].get<double>();
    if (e["type"] != "TaskStateChange") continue;
    std::string task = e["taskId"];
    if (e.contains("hostPort") && !port_of.count(task)) {
      std::string key = e["instanceId"].get<std::string>() + ":" + std::to_string(e["hostPort"].get<int>());
      v.check(port_holder.emplace(key, task).second, "two live tasks on host port " + key + ": " + e.dump());
      port_of[task] = key;
    }
    if (e["lastStatus"] == "STOPPED") {
      ++stopped;
      v.check(e.contains("stoppedReason"), "a task stopped without a reason: " + e.dump());
      if (auto it = port_of.find(task); it != port_of.end()) port_holder.erase(it->second);
    }
  }
  std::uint64_t summary_stopped = 0;
  for (const auto& [name, svc] : s["services"].items()) summary_stopped += svc["tasks"]["stopped"].get<std::uint64_t>();
  if (s.contains("standaloneTasks")) {
    for (const auto& [group, counts] : s["standaloneTasks"].items())
      summary_stopped += counts["stopped"].get<std::uint64_t>();
  }
  v.check(stopped == summary_stopped,
          "events.jsonl stops " + std::to_string(stopped) + " tasks, summary.json " + std::to_string(summary_stopped));

  std::int64_t last_ts = 0;
  for (const CsvMetric& m : read_metrics(out / "metrics.csv")) {
    v.check(m.timestamp >= last_ts, "metrics.csv goes back in time at " + std::to_string(m.timestamp));
    last_ts = m.timestamp;
  }
  v.check(last_ts == static_cast<std::int64_t>(s["duration_s"].get<double>()),
          "metrics.csv ends at " + std::to_string(last_ts) + ", not at the run's end");

  json scenario = json::parse(read_file(scenario_file), nullptr, true, /*ignore_comments=*/true);
  check_instance_reservations(scenario, events, v);
  check_desired_bounds(scenario, events, out, v);
  return v.take();
}

}  // namespace fleetsim::testing
