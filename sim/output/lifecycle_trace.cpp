#include "sim/output/lifecycle_trace.hpp"

namespace fleetsim {

LifecycleTrace::LifecycleTrace(std::ostream& out, std::vector<LifecycleKind> kinds, std::set<std::string> instant_types)
    : out_(out), kinds_(std::move(kinds)), instant_types_(std::move(instant_types)) {
  out_ << "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n";
  write({{"name", "process_name"}, {"ph", "M"}, {"pid", 0}, {"args", {{"name", "events"}}}});
}

void LifecycleTrace::write(const nlohmann::ordered_json& e) {
  if (!first_) out_ << ",\n";
  first_ = false;
  out_ << e.dump();
}

int LifecycleTrace::slot_in(Group& g) {
  if (g.free_slots.empty()) return g.next_slot++;
  int slot = *g.free_slots.begin();
  g.free_slots.erase(g.free_slots.begin());
  return slot;
}

// Trace timestamps are microseconds, which is what virtual time counts: no rounding.
void LifecycleTrace::close_slice(const Open& o, SimTime until) {
  write({{"name", o.state},
         {"ph", "X"},
         {"pid", o.pid},
         {"tid", o.tid},
         {"ts", o.since.us()},
         {"dur", (until - o.since).us()},
         {"args", o.args}});
}

void LifecycleTrace::record(SimTime t, const char* type, const nlohmann::ordered_json& fields) {
  if (instant_types_.count(type)) {
    write({{"name", type}, {"ph", "i"}, {"s", "g"}, {"pid", 0}, {"tid", 0}, {"ts", t.us()}, {"args", fields}});
    return;
  }
  for (const LifecycleKind& k : kinds_) {
    if (k.type != type) continue;
    auto id = fields.find(k.id_key);
    auto state = fields.find(k.state_key);
    if (id == fields.end() || state == fields.end()) return;
    std::string key = id->get<std::string>();
    auto it = open_.find(key);
    if (it == open_.end()) {
      std::string group = "other";
      for (const std::string& g : k.group_keys) {
        if (auto v = fields.find(g); v != fields.end()) {
          group = g + " " + v->get<std::string>();
          break;
        }
      }
      auto [gi, added] = groups_.try_emplace(group);
      if (added) {
        gi->second.pid = static_cast<int>(groups_.size());
        write({{"name", "process_name"}, {"ph", "M"}, {"pid", gi->second.pid}, {"args", {{"name", group}}}});
      }
      Open o;
      o.group = &gi->second;
      o.pid = gi->second.pid;
      o.tid = slot_in(gi->second);
      if (named_threads_.emplace(o.pid, o.tid).second) {
        write({{"name", "thread_name"},
               {"ph", "M"},
               {"pid", o.pid},
               {"tid", o.tid},
               {"args", {{"name", "slot " + std::to_string(o.tid)}}}});
      }
      it = open_.emplace(key, o).first;
    } else {
      close_slice(it->second, t);
    }
    Open& o = it->second;
    o.state = state->get<std::string>();
    o.since = t;
    o.args = fields;
    if (o.state == k.final_state) {
      o.group->free_slots.insert(o.tid);
      open_.erase(it);
    }
    return;
  }
}

void LifecycleTrace::finish(SimTime end) {
  for (const auto& [_, o] : open_) close_slice(o, end);
  open_.clear();
  out_ << "\n]}\n";
}

}  // namespace fleetsim
