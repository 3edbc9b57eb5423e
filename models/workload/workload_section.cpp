#include "models/workload/workload_section.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "models/api/message_queue.hpp"
#include "models/api/request_path.hpp"
#include "models/registry.hpp"
#include "models/workload/workload.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

/// The workloads of a run.
using WorkloadModel = PartsModel<Workload>;

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

RatePattern read_trace(const nlohmann::json& r, const std::string& p, const World& world) {
  std::string file = r["file"].get<std::string>();
  std::string path = file.empty() || file[0] == '/' ? file : world.scenario_dir + "/" + file;
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

RatePattern read_rate(const nlohmann::json& r, const std::string& p, const World& world) {
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
  return read_trace(r, p, world);
}

RequestSink* listener_target(const nlohmann::json& target, const std::string& tp, const World& world) {
  std::string lb = name_from_reference(target["loadBalancer"].get<std::string>());
  std::string key = lb + ":" + std::to_string(target.value("port", 80));
  RequestSink* sink = world.find<RequestSink>(key);
  if (sink == nullptr) {
    std::string msg = "no listener \"" + key + "\" (load balancer:port)";
    if (auto near = closest_name(key, world.names<RequestSink>())) msg += " (did you mean \"" + *near + "\"?)";
    throw ScenarioError(append_pointer(tp, "loadBalancer"), msg);
  }
  return sink;
}

// An EKS Ingress (the listener the AWS Load Balancer Controller created for it) or Service (its ClusterIP,
// through kube-proxy): `kind` is "ingress" or "service".
RequestSink* cluster_target(const nlohmann::json& target, const std::string& tp, const World& world,
                            const std::string& kind) {
  if (!target.contains("cluster")) throw ScenarioError(tp, "an " + kind + " target needs \"cluster\"");
  std::string key = kind + ":" + target["cluster"].get<std::string>() + "/" + target[kind].get<std::string>();
  RequestSink* sink = world.find<RequestSink>(key);
  if (sink == nullptr) {
    std::vector<std::string> known;
    for (const std::string& n : world.names<RequestSink>()) {
      if (n.starts_with(kind + ":")) known.push_back(n.substr(n.find('/') + 1));
    }
    const std::string what = kind == "ingress" ? "Ingress (of class alb" : "Service (with a selector";
    throw ScenarioError(append_pointer(tp, kind),
                        no_such_name(what + ", in cluster \"" + target["cluster"].get<std::string>() + "\")",
                                     target[kind].get<std::string>(), known));
  }
  return sink;
}

// A queue target: each arrival is one SendMessage; `request.cpuMs` is the work of processing it.
RequestSink* queue_target(const nlohmann::json& target, const std::string& tp, const World& world) {
  if (target.contains("port")) throw ScenarioError(append_pointer(tp, "port"), "a queue target takes no port");
  std::string name = name_from_reference(target["queue"].get<std::string>());
  RequestSink* sink = world.find<MessageQueue>(name);
  if (sink == nullptr)
    throw ScenarioError(append_pointer(tp, "queue"), no_such_name("queue", name, world.names<MessageQueue>()));
  return sink;
}

void build_workloads(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<WorkloadModel>());
  auto section = scenario.find("workloads");
  if (section != scenario.end()) {
    for (std::size_t i = 0; i < section->size(); ++i) {
      const nlohmann::json& w = (*section)[i];
      std::string p = append_pointer("/workloads", i);
      WorkloadConfig config;
      config.name = w["name"].get<std::string>();
      for (const auto& other : model.parts) {
        if (other->name() == config.name)
          throw ScenarioError(append_pointer(p, "name"), "workload \"" + config.name + "\" is defined twice");
      }
      const nlohmann::json& target = w["target"];
      std::string tp = append_pointer(p, "target");
      int kinds = static_cast<int>(target.contains("queue")) + static_cast<int>(target.contains("loadBalancer")) +
                  static_cast<int>(target.contains("ingress")) + static_cast<int>(target.contains("service"));
      if (kinds != 1)
        throw ScenarioError(tp, "expected one of \"loadBalancer\", \"queue\", \"ingress\" and \"service\"");
      RequestSink* sink = target.contains("queue")     ? queue_target(target, tp, world)
                          : target.contains("ingress") ? cluster_target(target, tp, world, "ingress")
                          : target.contains("service") ? cluster_target(target, tp, world, "service")
                                                       : listener_target(target, tp, world);
      const nlohmann::json& arrivals = w["arrivals"];
      config.process = arrivals.value("process", std::string("poisson")) == "deterministic"
                           ? ArrivalProcess::kDeterministic
                           : ArrivalProcess::kPoisson;
      config.rate = read_rate(arrivals["rate"], append_pointer(append_pointer(p, "arrivals"), "rate"), world);
      if (auto req = w.find("request"); req != w.end()) {
        std::string rp = append_pointer(p, "request");
        if (req->contains("cpuMs")) config.cpu_ms = read_distribution((*req)["cpuMs"], append_pointer(rp, "cpuMs"));
        if (req->contains("timeout")) config.timeout = read_duration((*req)["timeout"], append_pointer(rp, "timeout"));
        if (config.timeout.us() <= 0) throw ScenarioError(append_pointer(rp, "timeout"), "expected a positive timeout");
      }
      model.parts.push_back(std::make_unique<Workload>(world.ctx, std::move(config), sink));
    }
  }
  WorkloadModel* wm = &model;
  world.provide_action("setRate", [wm](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
    std::string name = entry["workload"].get<std::string>();
    std::vector<std::string> names;
    for (auto& w : wm->parts) {
      names.push_back(w->name());
      if (w->name() == name) {
        Workload* target = w.get();
        double rate = entry["rate"].get<double>();
        return [target, rate] { target->set_rate(rate); };
      }
    }
    std::string msg = "no workload named \"" + name + "\"";
    if (auto near = closest_name(name, names)) msg += " (did you mean \"" + *near + "\"?)";
    throw ScenarioError(append_pointer(p, "workload"), msg);
  });
}

}  // namespace

void register_workloads(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  const Shape* rate_value = s.number(0, 1e9);
  const Shape* fraction = s.number(0, 1);
  auto pattern = [&](const char* name, const char* doc) -> Shape& {
    Shape& v = s.object(std::string("a ") + name + " rate", doc);
    v.required("pattern", s.one_of_strings(std::string("\"") + name + "\"", {name}), "the pattern");
    return v;
  };
  Shape& step = s.object("a rate step", "The rate from a time on.");
  step.required("at", s.duration(), "from when").required("rate", rate_value, "requests per second");
  Shape& tagged = s.make(ShapeKind::kTagged, "a rate pattern", "A time-varying rate in requests per second.");
  tagged.discriminator = "pattern";
  tagged.alternatives = {
      &pattern("diurnal", "mean x (1 + amplitude x cos(2 pi (t - peak) / 24 h)); the simulation starts at midnight.")
           .required("mean", rate_value, "mean rate")
           .field("amplitude", fraction, "relative swing, 0-1 (default 0.5)")
           .field("peak", s.string(), "time of day of the peak, \"HH:MM\" (default 14:00)"),
      &pattern("steps", "Piecewise constant; 0 before the first step.")
           .required("steps", s.array_of(&step, 1000000), "the steps"),
      &pattern("ramp", "Linear from `from` to `to` over `duration`, starting at `start`.")
           .required("from", rate_value, "rate before the ramp")
           .required("to", rate_value, "rate after the ramp")
           .field("start", s.duration(), "when the ramp starts (default 0)")
           .required("duration", s.duration(), "how long it takes"),
      &pattern("spike", "`base`, with `peak` from `at` for `duration`.")
           .required("base", rate_value, "rate outside the spike")
           .required("peak", rate_value, "rate during the spike")
           .required("at", s.duration(), "when the spike starts")
           .required("duration", s.duration(), "how long it lasts"),
      &pattern("trace", "Rates read from a CSV file (path relative to the scenario), one row per interval.")
           .required("file", s.string(), "CSV file with a header row")
           .field("column", s.string(), "column to read (default requests)")
           .field("interval", s.duration(), "time per row (default 60s)")
           .field("scale", s.number(0, 1e6), "multiplier (default 1)"),
  };
  Shape& rate = s.make(ShapeKind::kOneOf, "a rate: a number or a pattern", "Requests per second.");
  rate.alternatives = {rate_value, &tagged};
  Shape& arrivals = s.object("an arrival process", "How requests arrive.");
  arrivals
      .field("process", s.one_of_strings("an arrival process", {"poisson", "deterministic"}),
             "poisson (default) or deterministic")
      .required("rate", &rate, "requests per second");
  Shape& target = s.object("a workload target", "Where requests go.");
  target.field("loadBalancer", s.string(), "load balancer name or ARN")
      .field("ingress", s.string(), "EKS: NAMESPACE/NAME of an Ingress of class alb (its ALB)")
      .field("service", s.string(),
             "EKS: NAMESPACE/NAME of a Service: in-cluster requests to its ClusterIP, through kube-proxy")
      .field("cluster", s.string(), "EKS: the cluster of the ingress or service")
      .field("port", s.integer(1, 65535), "listener port (default 80)")
      .field("queue", s.string(),
             "SQS queue name or ARN: each arrival sends one message, processed by the queue's workers");
  Shape& request = s.object("a request", "What each request needs.");
  request.field("cpuMs", distribution_shape(s), "CPU milliseconds at one vCPU")
      .field("timeout", s.duration(), "client timeout: 504 past it (default 60s, the ALB idle timeout)");
  Shape& workload = s.object("a workload", "A source of traffic.");
  workload.required("name", s.string(), "name")
      .required("target", &target, "destination")
      .required("arrivals", &arrivals, "arrival process")
      .field("request", &request, "per-request demand");
  r.add_section("workloads", s.array_of(&workload, 10000), "the traffic");

  Shape& set_rate = s.object("a setRate action", "From this time on, the workload's rate is constant.");
  set_rate.required("workload", s.string(), "workload name").required("rate", rate_value, "requests per second");
  r.add_timeline_action("setRate", set_rate);
  r.add_model({"workloads", 80, &build_workloads});
}

}  // namespace fleetsim
