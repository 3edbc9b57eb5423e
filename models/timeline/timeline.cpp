#include "models/timeline/timeline.hpp"

#include "models/registry.hpp"
#include "models/timeline/timeline_reader.hpp"
#include "sim/scenario/json_reader.hpp"

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
  Timeline(RunContext& ctx, const nlohmann::json* section) : ctx_(ctx), section_(section) {}
  // Every model's actions exist once all are created.
  void link(World& world) override {
    if (section_ == nullptr) return;
    for (std::size_t i = 0; i < section_->size(); ++i) {
      const nlohmann::json& e = (*section_)[i];
      std::string p = append_pointer("/timeline", i);
      TimelineEntryConfig entry = read_timeline_entry(e, p);
      const TimelineHandler* handler = world.find<const TimelineHandler>(entry.action);
      if (handler == nullptr)
        throw ScenarioError(append_pointer(p, "action"), "no model handles \"" + entry.action + "\"");
      // An action past the end never happens: a run that looks calmer than the scenario meant.
      if (entry.at > ctx_.end) {
        world.warnings.push_back({append_pointer(p, "at"), "at " + format_duration(entry.at - SimTime::zero()) +
                                                               " is after the end of the run (" +
                                                               format_duration(ctx_.end - SimTime::zero()) +
                                                               "): the action never happens; lengthen "
                                                               "simulation.duration or remove it"});
      }
      entries.push_back(Timeline::Entry{entry.at, std::move(entry.record), (*handler)(e, p)});
    }
  }
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
  const nlohmann::json* section_;  // null without a timeline; the validated document outlives the build
};

void build_timeline(const nlohmann::json& scenario, World& world) {
  auto section = scenario.find("timeline");
  world.own(std::make_unique<Timeline>(world.ctx, section == scenario.end() ? nullptr : &*section));
}

}  // namespace

void register_timeline(ModelRegistry& r) {
  r.add_section("timeline", r.shapes().array_of(r.timeline_entry_shape(), 100000), "things that happen at given times");
  r.add_model({"timeline", 140, &build_timeline});
}

}  // namespace fleetsim
