#include "models/autoscaling/autoscaling_section.hpp"

#include <map>

#include "models/api/alarms.hpp"
#include "models/api/load_balancing.hpp"
#include "models/api/scalable_resource.hpp"
#include "models/api/tracked_group.hpp"
#include "models/autoscaling/autoscaling_reader.hpp"
#include "models/autoscaling/autoscaling_shapes.hpp"
#include "models/autoscaling/scheduled_action.hpp"
#include "models/autoscaling/step_scaling_policy.hpp"
#include "models/autoscaling/target_tracking_policy.hpp"
#include "models/registry.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

/// Application Auto Scaling of a run: its targets, policies and scheduled actions.
class AutoscalingModel : public Model {
 public:
  void start() override {
    for (auto& a : scheduled) a->start();
  }
  // Each service's target tracking policies, so reports can draw the target beside the metric.
  void write_summary(nlohmann::ordered_json& summary) const override {
    for (const auto& p : tracking) {
      const std::string& id = p->target().resource_id();
      std::string service = id.substr(id.rfind('/') + 1);
      if (!summary["services"].contains(service)) continue;
      nlohmann::ordered_json entry = {{"policy", p->config().name},
                                      {"metric", p->config().metric.metric},
                                      {"targetValue", p->config().target_value},
                                      {"periodSeconds", p->config().metric.resolution.us() / 1000000}};
      if (auto low = p->scale_in_threshold()) entry["scaleInThreshold"] = *low;
      summary["services"][service]["scaling"]["targetTracking"].push_back(entry);
    }
  }
  std::map<std::string, std::unique_ptr<ScalableTarget>> targets;  // by ResourceId
  std::vector<std::unique_ptr<TargetTrackingPolicy>> tracking;
  std::vector<std::unique_ptr<StepScalingPolicy>> steps;
  std::vector<std::unique_ptr<ScheduledAction>> scheduled;
  // Target tracking other models asked for on Auto Scaling groups (ECS managed scaling), kept out of the summary's
  // services.
  std::vector<std::unique_ptr<ScalableTarget>> group_targets;
  std::vector<std::unique_ptr<TargetTrackingPolicy>> group_tracking;
};

// The target tracking policy each TrackedGroup asks for, on the same alarms and arithmetic as a service's, with the
// alarm shapes it names (EC2 Auto Scaling has no cooldowns: the owner applies its warm-up).
void track_groups(World& world, AutoscalingModel& model) {
  for (const std::string& name : world.names<TrackedGroup>()) {
    TrackedGroup& group = *world.find<TrackedGroup>(name);
    TrackingPolicyRequest r = group.tracking_policy();
    model.group_targets.push_back(std::make_unique<ScalableTarget>(world.ctx, name, group, r.min_capacity,
                                                                   r.max_capacity, SuspendedState{},
                                                                   world.catalog.autoscaling.action_delay));
    TargetTrackingConfig config;
    config.name = "ECSManagedAutoScalingPolicy-" + name;
    config.metric.name_space = r.name_space;
    config.metric.metric = r.metric;
    config.metric.dimensions = r.dimensions;
    config.target_value = r.target_value;
    config.scale_out_cooldown = config.scale_in_cooldown = Duration::seconds(0);
    ScalingCatalog shapes = world.catalog.autoscaling;
    shapes.scale_out_datapoints = r.scale_out_datapoints;
    shapes.scale_in_datapoints = r.scale_in_datapoints;
    shapes.scale_in_ratio = r.scale_in_ratio;
    model.group_tracking.push_back(std::make_unique<TargetTrackingPolicy>(
        std::move(config), *model.group_targets.back(), world.need<AlarmHost>(kCloudWatch, "", "alarm host"), shapes));
  }
}

// The run as the readers see it, answered from the World.
class WorldLookup : public ScalingLookup {
 public:
  explicit WorldLookup(World& world) : world_(world) {}
  std::vector<std::string> services() const override { return world_.names<ScalableResource>(); }
  std::vector<std::string> target_groups() const override { return world_.names<TargetGroupPort>(); }
  bool has_metric(const std::string& name_space, const std::string& metric,
                  const std::string& dimensions) const override {
    return cloudwatch().has_metric(name_space, metric, dimensions);
  }
  std::optional<std::string> check_expression(const std::string& expression,
                                              const std::vector<std::string>& ids) const override {
    return cloudwatch().check_expression(expression, ids);
  }

 private:
  AlarmHost& cloudwatch() const { return world_.need<AlarmHost>(kCloudWatch, "", "alarm host"); }
  World& world_;
};

// A cooldown shorter than the tracked metric's publication delay ends while the alarms still see datapoints from
// before the last scaling activity, so the policy may scale again on load it has already answered: valid on AWS,
// but rarely what the author meant.
void warn_short_cooldowns(const std::vector<ScalingPolicyConfig>& policies, World& world) {
  const ScalingCatalog& c = world.catalog.autoscaling;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    if (!policies[i].tracking) continue;
    const TargetTrackingConfig& t = *policies[i].tracking;
    Duration delay =
        t.metric.resolution < Duration::seconds(60) ? c.high_resolution_publication_delay : c.publication_delay;
    std::string p = append_pointer(append_pointer("/scalingPolicies", i), "TargetTrackingScalingPolicyConfiguration");
    auto check = [&](const char* field, Duration cooldown) {
      if (cooldown >= delay) return;
      world.warnings.push_back({append_pointer(p, field), std::string(field) + " " + format_duration(cooldown) +
                                                              " is shorter than the publication delay of " +
                                                              t.metric.metric + " (" + format_duration(delay) +
                                                              ", catalog.autoscaling): the policy may scale again "
                                                              "on datapoints from before its last scaling"});
    };
    check("ScaleOutCooldown", t.scale_out_cooldown);
    if (!t.disable_scale_in) check("ScaleInCooldown", t.scale_in_cooldown);
  }
}

void build_autoscaling(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<AutoscalingModel>());
  WorldLookup lookup(world);
  const nlohmann::json none = nlohmann::json::array();
  auto section = [&](const char* name) -> const nlohmann::json& {
    auto s = scenario.find(name);
    return s == scenario.end() ? none : *s;
  };
  std::vector<ScalableTargetConfig> targets = read_scalable_targets(section("scalableTargets"), lookup);
  std::vector<ScalingPolicyConfig> policies = read_scaling_policies(section("scalingPolicies"), targets, lookup);
  std::vector<ScheduledActionEntry> scheduled = read_scheduled_actions(section("scheduledActions"), targets);
  warn_short_cooldowns(policies, world);
  for (const ScalableTargetConfig& t : targets) {
    auto made = model.targets.emplace(
        t.resource_id, std::make_unique<ScalableTarget>(
                           world.ctx, t.resource_id, *world.find<ScalableResource>(t.resource_id), t.min_capacity,
                           t.max_capacity, t.suspended, world.catalog.autoscaling.action_delay));
    world.provide<ScalableTarget>(t.resource_id, made.first->second.get());  // for external policies
  }
  for (ScalingPolicyConfig& p : policies) {
    ScalableTarget& target = *model.targets.at(p.resource_id);
    if (p.tracking) {
      model.tracking.push_back(std::make_unique<TargetTrackingPolicy>(
          std::move(*p.tracking), target, world.need<AlarmHost>(kCloudWatch, "", "alarm host"),
          world.catalog.autoscaling));
    } else {
      std::string name = p.step->name;
      model.steps.push_back(std::make_unique<StepScalingPolicy>(std::move(*p.step), target));
      world.provide<AlarmAction>(name, model.steps.back().get());
    }
  }
  for (ScheduledActionEntry& a : scheduled) {
    model.scheduled.push_back(std::make_unique<ScheduledAction>(world.ctx, std::move(a.config),
                                                                *model.targets.at(a.resource_id), world.start_unix_s));
  }
  track_groups(world, model);
}

}  // namespace

void register_autoscaling(ModelRegistry& r) {
  declare_autoscaling_shapes(r);
  r.add_model({"autoscaling", 110, &build_autoscaling});
}

}  // namespace fleetsim
