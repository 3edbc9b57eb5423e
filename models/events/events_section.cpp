#include "models/events/events_section.hpp"

#include "models/api/task_launcher.hpp"
#include "models/events/events_reader.hpp"
#include "models/events/events_shapes.hpp"
#include "models/events/rule_bus.hpp"
#include "models/registry.hpp"
#include "models/schedule/schedule_runner.hpp"

namespace fleetsim {

namespace {

/// The EventBridge rules of a run: scheduled ones, and the bus of the pattern ones.
class EventsModel : public PartsModel<ScheduleRunner> {
 public:
  std::unique_ptr<RuleBus> bus;  ///< only when a rule has an EventPattern
};

// ECS's RunTask, found in the World when a target asks for it (at the target's pointer).
class WorldLauncher : public TaskLauncher {
 public:
  explicit WorldLauncher(World& world) : world_(world) {}
  std::function<void()> run_task(const nlohmann::json& target, const std::string& pointer) override {
    return world_.need<TaskLauncher>(kEcs, pointer, "task launcher").run_task(target, pointer);
  }

 private:
  World& world_;
};

void build_events(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<EventsModel>());
  auto section = scenario.find("rules");
  if (section == scenario.end()) return;
  WorldLauncher launcher(world);
  for (RuleConfig& rule : read_rules(*section, launcher)) {
    // A disabled rule is checked like any other but never runs.
    if (!rule.enabled) continue;
    if (rule.pattern) {
      // The bus exists only with a pattern rule, so runs without one publish nothing.
      if (!model.bus) {
        model.bus = std::make_unique<RuleBus>(world.ctx, world.region, world.start_unix_s);
        world.ctx.bus = model.bus.get();
      }
      model.bus->add_rule(rule.name, std::move(*rule.pattern), std::move(rule.targets));
      continue;
    }
    // The rule exists from the start of the run, so rate() counts from there; targets run in their order.
    model.parts.push_back(std::make_unique<ScheduleRunner>(world.ctx, *rule.schedule, world.start_unix_s, std::nullopt,
                                                           std::nullopt, [targets = std::move(rule.targets)] {
                                                             for (const auto& target : targets) target();
                                                           }));
  }
}

}  // namespace

void register_events(ModelRegistry& r) {
  declare_events_shapes(r);
  r.add_model({"events", 90, &build_events});
}

}  // namespace fleetsim
