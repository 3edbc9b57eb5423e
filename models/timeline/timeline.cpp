#include "models/timeline/timeline.hpp"

#include "models/registry.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

/// Runs each timeline entry's effect at its time and records a TimelineAction event.
class Timeline : public Model {
 public:
  struct Entry {
    SimTime at;
    nlohmann::ordered_json record;
    std::function<void()> effect;
  };
  explicit Timeline(RunContext& ctx) : ctx_(ctx) {}
  void start() override {
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (entries[i].at <= ctx_.end) ctx_.engine.schedule_at<&Timeline::fire>(entries[i].at, this, i);
    }
  }
  std::vector<Entry> entries;

 private:
  void fire(std::uint64_t i) {
    ctx_.events.emit(ctx_.engine.now(), "TimelineAction", entries[i].record);
    entries[i].effect();
  }
  RunContext& ctx_;
};

void build_timeline(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<Timeline>(world.ctx));
  auto section = scenario.find("timeline");
  if (section == scenario.end()) return;
  for (std::size_t i = 0; i < section->size(); ++i) {
    const nlohmann::json& e = (*section)[i];
    std::string p = append_pointer("/timeline", i);
    SimTime at = SimTime::zero() + read_duration(e["at"], append_pointer(p, "at"));
    std::string action = e["action"].get<std::string>();
    auto handler = world.timeline_actions.find(action);
    if (handler == world.timeline_actions.end())
      throw ScenarioError(append_pointer(p, "action"), "no model handles \"" + action + "\"");
    nlohmann::ordered_json record;
    for (auto it = e.begin(); it != e.end(); ++it) {
      if (it.key() != "at") record[it.key()] = *it;
    }
    model.entries.push_back(Timeline::Entry{at, record, handler->second(e, p)});
  }
}

}  // namespace

void register_timeline(ModelRegistry& r) {
  r.add_section("timeline", r.shapes().array_of(r.timeline_entry_shape(), 100000), "things that happen at given times");
  r.add_build_step(&build_timeline);
}

}  // namespace fleetsim
