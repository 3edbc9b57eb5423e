#include "sim/report/event_digest.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "sim/report/input_files.hpp"

namespace fleetsim {

namespace {

using Json = nlohmann::json;

std::string text_of(const Json& e, const char* field) {
  auto it = e.find(field);
  if (it == e.end()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// The fields after t and type, "k=v" joined by spaces: the text of marks without a reason.
std::string fields_text(const Json& e) {
  std::string out;
  for (const auto& [k, v] : e.items()) {
    if (k == "t" || k == "type") continue;
    if (!out.empty()) out += ' ';
    out += k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return out;
}

// Builds the digest one event at a time; state lives here between lines.
class Digester {
 public:
  explicit Digester(double duration_s) : duration_s_(duration_s) {}

  void add(double t, const std::string& type, const Json& e) {
    if (type == "ServiceScalingAction") {
      mark(t, "scaling", text_of(e, "service") + " " + text_of(e, "from") + " \u2192 " + text_of(e, "to"),
           text_of(e, "reason"));
    } else if (type == "CapacityProviderScaling") {
      mark(t, "capacity", text_of(e, "capacityProvider") + " " + text_of(e, "from") + " \u2192 " + text_of(e, "to"),
           text_of(e, "reason"));
    } else if (type == "AlarmStateChange") {
      alarm(t, e);
    } else if (type == "TimelineAction") {
      mark(t, "action", text_of(e, "action"), fields_text(e));
    } else if (type == "SpotInterruptionWarning") {
      mark(t, "spot", "Spot interruption " + text_of(e, "instanceId"), fields_text(e));
    } else if (type.find("Decision") != std::string::npos) {
      std::string reason = text_of(e, "reason");
      mark(t, "decision", type, reason.empty() ? fields_text(e) : reason);
    } else if (type == "DeploymentStateChange") {
      deployment(t, e);
    } else if (type == "AvailabilityZoneStateChange") {
      zone(t, e);
    } else if (type == "InstanceStateChange") {
      instance(t, e);
    }
  }

  EventDigest finish() {
    for (auto& [id, open] : open_spans_) close(open, duration_s_, "");
    std::stable_sort(out_.spans.begin(), out_.spans.end(),
                     [](const Span& a, const Span& b) { return a.from < b.from; });
    // Steps reach the end of the run, so the last state shows until there.
    for (auto& [name, points] : out_.alarms) step(points, duration_s_, points.back().v);
    for (auto& [name, points] : out_.instances) step(points, duration_s_, points.back().v);
    return std::move(out_);
  }

 private:
  void mark(double t, std::string kind, std::string label, std::string text) {
    out_.marks.push_back({t, std::move(kind), std::move(label), std::move(text)});
  }

  // A step series from 0 at the start: the value from `t` on is `v` (a later change at the same
  // time replaces an earlier one).
  static void step(std::vector<Point>& points, double t, double v) {
    if (points.empty() && t > 0) points.push_back({0, 0});
    if (!points.empty() && points.back().t == t) {
      points.back().v = v;
    } else {
      points.push_back({t, v});
    }
  }

  void alarm(double t, const Json& e) {
    std::string name = text_of(e, "alarm");
    std::string to = text_of(e, "to");
    step(out_.alarms[name], t, to == "ALARM" ? 1.0 : 0.0);
    if (to == "ALARM") mark(t, "alarm", name + " \u2192 ALARM", text_of(e, "reason"));
  }

  void close(Span& span, double t, const std::string& state) {
    span.to = t;
    if (!state.empty()) span.label += " " + state;
    out_.spans.push_back(span);
  }

  void deployment(double t, const Json& e) {
    std::string id = "deployment " + text_of(e, "deploymentId");
    std::string state = text_of(e, "state");
    auto it = open_spans_.find(id);
    if (state == "IN_PROGRESS" || state == "ROLLBACK_IN_PROGRESS") {
      if (it == open_spans_.end()) {
        std::string what = state == "IN_PROGRESS" ? "deploying " : "rolling back to ";
        open_spans_[id] = {t, t, "deployment", text_of(e, "service") + ": " + what + text_of(e, "taskDefinition")};
      }
    } else if (it != open_spans_.end()) {
      close(it->second, t, state);
      open_spans_.erase(it);
    }
  }

  void zone(double t, const Json& e) {
    std::string az = text_of(e, "availabilityZone");
    std::string id = "zone " + az;
    auto it = open_spans_.find(id);
    if (text_of(e, "state") != "available") {
      if (it == open_spans_.end()) open_spans_[id] = {t, t, "fault", az + " " + text_of(e, "state")};
    } else if (it != open_spans_.end()) {
      close(it->second, t, "");
      open_spans_.erase(it);
    }
  }

  void instance(double t, const Json& e) {
    std::string id = text_of(e, "instanceId");
    bool running = text_of(e, "state") == "running";
    auto it = running_.find(id);
    bool was = it != running_.end();
    if (running == was) return;
    std::string group = text_of(e, "instanceType") + " " + text_of(e, "lifecycle");
    if (was) group = it->second;
    auto& points = out_.instances[group];
    step(points, t, (points.empty() ? 0 : points.back().v) + (running ? 1 : -1));
    if (running) {
      running_[id] = group;
    } else {
      running_.erase(it);
    }
  }

  double duration_s_;
  EventDigest out_;
  std::map<std::string, Span> open_spans_;
  std::map<std::string, std::string> running_;  // instance id -> its group
};

}  // namespace

EventDigest read_event_digest(const std::filesystem::path& dir, double duration_s) {
  std::filesystem::path path = dir / "events.jsonl";
  Digester digester(duration_s);
  if (!std::filesystem::exists(path)) return digester.finish();
  for_each_json_line(path, [&](const Json& e, const std::string& where) {
    if (!e.contains("t") || !e["t"].is_number() || !e.contains("type") || !e["type"].is_string())
      throw ReportError(where + ": expected an event object with t and type");
    digester.add(e["t"].get<double>(), e["type"].get<std::string>(), e);
  });
  return digester.finish();
}

}  // namespace fleetsim
