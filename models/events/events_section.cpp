#include "models/events/events_section.hpp"

#include <set>

#include "models/api/task_launcher.hpp"
#include "models/registry.hpp"
#include "models/schedule/schedule_runner.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

/// The EventBridge rules of a run.
using EventsModel = PartsModel<ScheduleRunner>;

void build_events(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<EventsModel>());
  auto section = scenario.find("rules");
  if (section == scenario.end()) return;
  std::set<std::string> names;
  for (std::size_t i = 0; i < section->size(); ++i) {
    const nlohmann::json& r = (*section)[i];
    std::string p = append_pointer("/rules", i);
    std::string name = r["Name"].get<std::string>();
    if (!names.insert(name).second)
      throw ScenarioError(append_pointer(p, "Name"), "rule \"" + name + "\" is defined twice");
    if (r.contains("EventPattern"))
      throw ScenarioError(append_pointer(p, "EventPattern"),
                          "event pattern rules are not simulated by this version yet");
    if (!r.contains("ScheduleExpression"))
      throw ScenarioError(p, "expected \"ScheduleExpression\" (event pattern rules are not simulated)");
    std::string error;
    std::optional<ScheduleExpression> schedule =
        ScheduleExpression::parse(r["ScheduleExpression"].get<std::string>(), error);
    // PutRule takes rate() and cron() only; at() belongs to Application Auto Scaling and EventBridge Scheduler.
    if (schedule && schedule->one_time()) error = "a rule's ScheduleExpression is rate(...) or cron(...), not at(...)";
    if (!schedule || schedule->one_time()) throw ScenarioError(append_pointer(p, "ScheduleExpression"), error);
    std::vector<std::function<void()>> targets;
    const nlohmann::json list = r.value("Targets", nlohmann::json::array());
    std::set<std::string> ids;
    for (std::size_t t = 0; t < list.size(); ++t) {
      std::string tp = append_pointer(append_pointer(p, "Targets"), t);
      const nlohmann::json& target = list[t];
      if (!ids.insert(target["Id"].get<std::string>()).second)
        throw ScenarioError(append_pointer(tp, "Id"), "target Id is used twice in this rule");
      if (!target.contains("EcsParameters"))
        throw ScenarioError(tp, "expected \"EcsParameters\": only ECS RunTask targets are simulated");
      for (const char* unsupported : {"PlacementConstraints", "PlacementStrategy"}) {
        if (target["EcsParameters"].contains(unsupported)) {
          throw ScenarioError(append_pointer(append_pointer(tp, "EcsParameters"), unsupported),
                              std::string(unsupported) + " of RunTask targets is not simulated by this version yet");
        }
      }
      targets.push_back(world.need<TaskLauncher>(kEcs, tp, "task launcher").run_task(target, tp));
    }
    // A disabled rule is checked like any other but never runs.
    if (r.value("State", std::string("ENABLED")) == "DISABLED") continue;
    // The rule exists from the start of the run, so rate() counts from there; targets run in their order.
    model.parts.push_back(std::make_unique<ScheduleRunner>(world.ctx, *schedule, world.start_unix_s, std::nullopt,
                                                           std::nullopt, [targets = std::move(targets)] {
                                                             for (const auto& target : targets) target();
                                                           }));
  }
}

}  // namespace

void register_events(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& provider = s.object("a capacity provider strategy item",
                             "CapacityProviderStrategyItem (camelCase inside EcsParameters, as AWS has it).");
  provider.required("capacityProvider", s.string(), "FARGATE, FARGATE_SPOT or an Auto Scaling group capacity provider")
      .field("weight", s.integer(0, 1000), "relative share (default 0)")
      .field("base", s.integer(0, 100000), "tasks placed here first (default 0)");
  Shape& ecs = s.object("ECS parameters", "EcsParameters of a target: ecs RunTask.");
  ecs.required("TaskDefinitionArn", s.string(), "family, family:revision or ARN")
      .field("TaskCount", s.integer(1, 10), "tasks per invocation (default 1; RunTask starts at most 10)")
      .field("LaunchType", s.one_of_strings("a launch type", {"EC2", "FARGATE", "EXTERNAL"}), "launch type")
      .field("CapacityProviderStrategy", s.array_of(&provider, 20),
             "capacity provider strategy (default: the cluster's)")
      .field("Group", s.string(), "task group (default family:<family>); TaskStateChange events carry it")
      .field("PlacementConstraints", s.any(), "not simulated yet: refused")
      .field("PlacementStrategy", s.any(), "not simulated yet: refused")
      .ignored({"NetworkConfiguration", "PlatformVersion", "EnableECSManagedTags", "EnableExecuteCommand",
                "PropagateTags", "ReferenceId", "Tags"});
  Shape& target = s.object("a rule target", "events PutTargets Target: an ECS cluster running tasks.");
  target.required("Id", s.string(), "target id, unique in the rule")
      .required("Arn", s.string(), "the cluster: name or ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)")
      .field("EcsParameters", &ecs, "the RunTask call")
      .ignored({"RoleArn", "Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig"});
  Shape& rule = s.object("a rule", "events PutRule with its Targets (PutTargets).");
  rule.required("Name", s.string(), "rule name")
      .field("ScheduleExpression", s.string(), "rate(value unit) or cron(min hour dom month dow year), UTC")
      .field("EventPattern", s.any(), "not simulated yet: refused")
      .field("State",
             s.one_of_strings("a rule state", {"ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"}),
             "DISABLED: never runs")
      .field("Targets", s.array_of(&target, 5), "what it invokes (at most 5)")
      .ignored({"Description", "RoleArn", "Tags", "EventBusName", "Arn"});
  r.add_section("rules", s.array_of(&rule, 10000), "EventBridge scheduled rules");
  r.add_model({"events", 90, &build_events});
}

}  // namespace fleetsim
