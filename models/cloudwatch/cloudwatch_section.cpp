#include "models/cloudwatch/cloudwatch_section.hpp"

#include "models/api/alarms.hpp"
#include "models/api/metric_source.hpp"
#include "models/cloudwatch/cloudwatch.hpp"
#include "models/cloudwatch/cloudwatch_reader.hpp"
#include "models/cloudwatch/cloudwatch_shapes.hpp"
#include "models/registry.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

void build_cloudwatch(const nlohmann::json&, World& world) {
  auto& cw = world.own(
      std::make_unique<CloudWatch>(world.ctx, world.directory<const MetricSource>(), world.catalog.autoscaling));
  world.provide<AlarmHost>(kCloudWatch, &cw);
}

// The run as the alarm reader sees it, answered from the World.
class WorldAlarmLookup : public AlarmLookup {
 public:
  WorldAlarmLookup(World& world, const AlarmHost& host) : world_(world), host_(host) {}
  bool has_metric(const std::string& name_space, const std::string& metric,
                  const std::string& dimensions) const override {
    return host_.has_metric(name_space, metric, dimensions);
  }
  std::vector<std::string> policies() const override { return world_.names<AlarmAction>(); }

 private:
  World& world_;
  const AlarmHost& host_;
};

// The actions `names` name, found in the World (the reader checked they exist).
std::vector<AlarmAction*> actions(const std::vector<std::string>& names, World& world) {
  std::vector<AlarmAction*> out;
  for (const std::string& name : names) out.push_back(world.find<AlarmAction>(name));
  return out;
}

void put_metric_alarms(const nlohmann::json& section, World& world) {
  AlarmHost& host = world.need<AlarmHost>(kCloudWatch, "", "alarm host");
  for (AlarmEntry& entry : read_alarms(section, WorldAlarmLookup(world, host))) {
    entry.spec.alarm_actions = actions(entry.alarm_actions, world);
    entry.spec.ok_actions = actions(entry.ok_actions, world);
    entry.spec.insufficient_data_actions = actions(entry.insufficient_data_actions, world);
    host.put_metric_alarm(std::move(entry.spec));
  }
}

/// The scenario's own alarms: put into CloudWatch when linking, once every scaling policy they name and
/// every metric they watch exists.
class MetricAlarms : public Model {
 public:
  explicit MetricAlarms(const nlohmann::json& section) : section_(section) {}
  void link(World& world) override { put_metric_alarms(section_, world); }

 private:
  const nlohmann::json& section_;  // the validated document outlives the build
};

void build_metric_alarms(const nlohmann::json& scenario, World& world) {
  if (auto section = scenario.find("alarms"); section != scenario.end())
    world.own(std::make_unique<MetricAlarms>(*section));
}

}  // namespace

void register_cloudwatch(ModelRegistry& r) {
  declare_cloudwatch_shapes(r);
  r.add_model({"cloudwatch", 100, &build_cloudwatch});
}

void register_metric_alarms(ModelRegistry& r) { r.add_model({"alarms", 120, &build_metric_alarms}); }

}  // namespace fleetsim
