#include "models/workload/workload_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

double seconds_of(const nlohmann::json& v, const std::string& p) { return read_duration(v, p).seconds_f(); }

// "14:00" or "14:30:15" -> seconds after midnight.
double time_of_day(const std::string& text, const std::string& p) {
  int h = 0, m = 0, s = 0;
  char extra = 0;
  int n = std::sscanf(text.c_str(), "%d:%d:%d%c", &h, &m, &s, &extra);
  if (n < 2 || n > 3 || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) {
    throw ScenarioError(p, "expected a time of day \"HH:MM\" or \"HH:MM:SS\", got \"" + text + "\"");
  }
  return h * 3600.0 + m * 60.0 + s;
}

RatePattern read_trace(const nlohmann::json& r, const std::string& p, const std::string& scenario_dir) {
  std::string file = r["file"].get<std::string>();
  std::string path = file.empty() || file[0] == '/' ? file : scenario_dir + "/" + file;
  std::ifstream in(path);
  if (!in) throw ScenarioError(append_pointer(p, "file"), "cannot read trace file \"" + path + "\"");
  // Read whole into memory (and its first line before any check): refused before reading when it could not fit.
  constexpr std::uintmax_t kMaxTraceBytes = 256u << 20;
  constexpr std::size_t kMaxTraceRows = 10'000'000;  // 160 MB of steps
  std::error_code size_ec;
  if (std::filesystem::file_size(path, size_ec) > kMaxTraceBytes && !size_ec) {
    throw ScenarioError(append_pointer(p, "file"), "trace file \"" + path +
                                                       "\" is larger than 256 MiB, fleetsim's limit for traces: "
                                                       "aggregate it to a longer interval");
  }
  std::string column = r.value("column", std::string("requests"));
  double interval = r.contains("interval") ? seconds_of(r["interval"], append_pointer(p, "interval")) : 60.0;
  if (interval <= 0) throw ScenarioError(append_pointer(p, "interval"), "expected a positive interval");
  double scale = r.value("scale", 1.0);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  std::stringstream hs(line);
  for (std::string cell; std::getline(hs, cell, ',');) header.push_back(cell);
  std::size_t col = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == column) col = i;
  }
  if (col == header.size()) {
    std::string msg = "trace file has no column \"" + column + "\"";
    if (auto near = closest_name(column, header)) msg += " (did you mean \"" + *near + "\"?)";
    throw ScenarioError(append_pointer(p, "column"), msg);
  }
  std::vector<double> starts, rates;
  for (std::size_t row = 2; std::getline(in, line); ++row) {
    if (line.empty()) continue;
    std::stringstream ls(line);
    std::string cell;
    for (std::size_t i = 0; i <= col && std::getline(ls, cell, ','); ++i) {
    }
    char* end = nullptr;
    double v = std::strtod(cell.c_str(), &end);
    if (cell.empty() || end != cell.c_str() + cell.size() || !(v >= 0) || v > 1e9) {
      throw ScenarioError(append_pointer(p, "file"), path + " line " + std::to_string(row) +
                                                         ": expected a rate >= 0 in column \"" + column + "\"");
    }
    if (starts.size() == kMaxTraceRows) {
      throw ScenarioError(append_pointer(p, "file"), "trace file \"" + path +
                                                         "\" has more than 10,000,000 rows, fleetsim's limit for "
                                                         "traces: aggregate it to a longer interval");
    }
    starts.push_back(static_cast<double>(starts.size()) * interval);
    rates.push_back(v * scale);
  }
  if (starts.empty()) throw ScenarioError(append_pointer(p, "file"), "trace file \"" + path + "\" has no rows");
  return RatePattern::steps(std::move(starts), std::move(rates));
}

RatePattern read_rate(const nlohmann::json& r, const std::string& p, const std::string& scenario_dir) {
  if (r.is_number()) return RatePattern::constant(r.get<double>());
  std::string pattern = r["pattern"].get<std::string>();
  if (pattern == "diurnal") {
    double amplitude = r.value("amplitude", 0.5);
    return RatePattern::diurnal(
        r["mean"].get<double>(), amplitude,
        r.contains("peak") ? time_of_day(r["peak"].get<std::string>(), append_pointer(p, "peak")) : 14 * 3600.0);
  }
  if (pattern == "steps") {
    std::vector<double> starts, rates;
    const nlohmann::json& steps = r["steps"];
    for (std::size_t i = 0; i < steps.size(); ++i) {
      std::string sp = append_pointer(append_pointer(p, "steps"), i);
      double at = seconds_of(steps[i]["at"], append_pointer(sp, "at"));
      if (!starts.empty() && at <= starts.back())
        throw ScenarioError(append_pointer(sp, "at"), "steps must be in increasing time order");
      starts.push_back(at);
      rates.push_back(steps[i]["rate"].get<double>());
    }
    return RatePattern::steps(std::move(starts), std::move(rates));
  }
  if (pattern == "ramp") {
    return RatePattern::ramp(r["from"].get<double>(), r["to"].get<double>(),
                             r.contains("start") ? seconds_of(r["start"], append_pointer(p, "start")) : 0.0,
                             seconds_of(r["duration"], append_pointer(p, "duration")));
  }
  if (pattern == "spike") {
    return RatePattern::spike(r["base"].get<double>(), r["peak"].get<double>(),
                              seconds_of(r["at"], append_pointer(p, "at")),
                              seconds_of(r["duration"], append_pointer(p, "duration")));
  }
  return read_trace(r, p, scenario_dir);
}

// The names the run provides, looked up once per section.
struct KnownSinks {
  std::vector<std::string> request_sinks;
  std::vector<std::string> queues;
};

bool known(const std::vector<std::string>& sorted, const std::string& name) {
  return std::binary_search(sorted.begin(), sorted.end(), name);
}

WorkloadTarget listener_target(const nlohmann::json& target, const std::string& tp, const KnownSinks& run) {
  std::string lb = name_from_reference(target["loadBalancer"].get<std::string>());
  std::string key = lb + ":" + std::to_string(target.value("port", 80));
  if (!known(run.request_sinks, key)) {
    std::string msg = "no listener \"" + key + "\" (load balancer:port)";
    if (auto near = closest_name(key, run.request_sinks)) msg += " (did you mean \"" + *near + "\"?)";
    throw ScenarioError(append_pointer(tp, "loadBalancer"), msg);
  }
  return {false, key};
}

// An EKS Ingress (the listener the AWS Load Balancer Controller created for it) or Service (its ClusterIP,
// through kube-proxy): `kind` is "ingress" or "service".
WorkloadTarget cluster_target(const nlohmann::json& target, const std::string& tp, const KnownSinks& run,
                              const std::string& kind) {
  if (!target.contains("cluster")) throw ScenarioError(tp, "an " + kind + " target needs \"cluster\"");
  std::string key = kind + ":" + target["cluster"].get<std::string>() + "/" + target[kind].get<std::string>();
  if (!known(run.request_sinks, key)) {
    std::vector<std::string> names;
    for (const std::string& n : run.request_sinks) {
      if (n.starts_with(kind + ":")) names.push_back(n.substr(n.find('/') + 1));
    }
    const std::string what = kind == "ingress" ? "Ingress (of class alb" : "Service (with a selector";
    throw ScenarioError(append_pointer(tp, kind),
                        no_such_name(what + ", in cluster \"" + target["cluster"].get<std::string>() + "\")",
                                     target[kind].get<std::string>(), names));
  }
  return {false, key};
}

// A queue target: each arrival is one SendMessage; `request.cpuMs` is the work of processing it.
WorkloadTarget queue_target(const nlohmann::json& target, const std::string& tp, const KnownSinks& run) {
  if (target.contains("port")) throw ScenarioError(append_pointer(tp, "port"), "a queue target takes no port");
  std::string name = name_from_reference(target["queue"].get<std::string>());
  if (!known(run.queues, name))
    throw ScenarioError(append_pointer(tp, "queue"), no_such_name("queue", name, run.queues));
  return {true, name};
}

// A URL path at `p`: it starts with "/" (what a listener's path-pattern rules see).
std::string url_path(const nlohmann::json& v, const std::string& p) {
  std::string path = v.get<std::string>();
  if (!path.starts_with('/')) throw ScenarioError(p, "expected a path starting with \"/\", got \"" + path + "\"");
  return path;
}

// The host and paths a workload's requests carry (`request.host`, `request.path` or the weighted `request.paths`),
// at `rp`; only requests to a load balancer carry them.
void read_request_route(const nlohmann::json& req, const std::string& rp, WorkloadEntry& entry) {
  WorkloadConfig& config = entry.config;
  for (const char* key : {"host", "path", "paths"}) {
    if (req.contains(key) && entry.target.queue)
      throw ScenarioError(append_pointer(rp, key), "a queue target's messages carry no host or path");
  }
  if (req.contains("path") && req.contains("paths"))
    throw ScenarioError(append_pointer(rp, "paths"), "expected one of \"path\" and \"paths\"");
  if (req.contains("host")) config.host = req["host"].get<std::string>();
  if (req.contains("path")) config.paths.push_back({url_path(req["path"], append_pointer(rp, "path")), 1, {}});
  const nlohmann::json paths = req.value("paths", nlohmann::json::array());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string pp = append_pointer(append_pointer(rp, "paths"), i);
    WeightedPath path{url_path(paths[i]["path"], append_pointer(pp, "path")), paths[i].value("weight", 1.0), {}};
    if (!(path.weight > 0)) throw ScenarioError(append_pointer(pp, "weight"), "expected a weight above 0");
    if (paths[i].contains("cpuMs")) path.cpu_ms = read_distribution(paths[i]["cpuMs"], append_pointer(pp, "cpuMs"));
    config.paths.push_back(std::move(path));
  }
}

}  // namespace

std::vector<WorkloadEntry> read_workloads(const nlohmann::json& section, const std::string& scenario_dir,
                                          const WorkloadLookup& lookup) {
  const KnownSinks run{lookup.request_sinks(), lookup.queues()};
  std::vector<WorkloadEntry> out;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& w = section[i];
    std::string p = append_pointer("/workloads", i);
    WorkloadEntry entry;
    WorkloadConfig& config = entry.config;
    config.name = w["name"].get<std::string>();
    for (const WorkloadEntry& other : out) {
      if (other.config.name == config.name)
        throw ScenarioError(append_pointer(p, "name"), "workload \"" + config.name + "\" is defined twice");
    }
    const nlohmann::json& target = w["target"];
    std::string tp = append_pointer(p, "target");
    int kinds = static_cast<int>(target.contains("queue")) + static_cast<int>(target.contains("loadBalancer")) +
                static_cast<int>(target.contains("ingress")) + static_cast<int>(target.contains("service"));
    if (kinds != 1) throw ScenarioError(tp, "expected one of \"loadBalancer\", \"queue\", \"ingress\" and \"service\"");
    entry.target = target.contains("queue")     ? queue_target(target, tp, run)
                   : target.contains("ingress") ? cluster_target(target, tp, run, "ingress")
                   : target.contains("service") ? cluster_target(target, tp, run, "service")
                                                : listener_target(target, tp, run);
    const nlohmann::json& arrivals = w["arrivals"];
    config.process = arrivals.value("process", std::string("poisson")) == "deterministic"
                         ? ArrivalProcess::kDeterministic
                         : ArrivalProcess::kPoisson;
    config.rate = read_rate(arrivals["rate"], append_pointer(append_pointer(p, "arrivals"), "rate"), scenario_dir);
    if (auto req = w.find("request"); req != w.end()) {
      std::string rp = append_pointer(p, "request");
      if (req->contains("cpuMs")) config.cpu_ms = read_distribution((*req)["cpuMs"], append_pointer(rp, "cpuMs"));
      // A queue's messages are processed on the worker's CPU only (models/sqs/README.md): I/O on them would be
      // silently dropped, so it is refused.
      if (req->contains("ioMiB") && entry.target.queue)
        throw ScenarioError(append_pointer(rp, "ioMiB"),
                            "a queue target's messages carry no file I/O (ioMiB is served for load balancer, ingress "
                            "and service targets only)");
      if (req->contains("ioMiB")) config.io_mib = read_distribution((*req)["ioMiB"], append_pointer(rp, "ioMiB"));
      if (req->contains("timeout")) config.timeout = read_duration((*req)["timeout"], append_pointer(rp, "timeout"));
      if (config.timeout.us() <= 0) throw ScenarioError(append_pointer(rp, "timeout"), "expected a positive timeout");
      read_request_route(*req, rp, entry);
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace fleetsim
