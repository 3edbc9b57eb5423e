#include "models/ec2/ec2_section.hpp"

#include "models/api/auto_scaling_groups.hpp"
#include "models/api/container_instances.hpp"
#include "models/api/instance_fleet.hpp"
#include "models/api/launch_platform.hpp"
#include "models/api/permissions.hpp"
#include "models/api/subnet.hpp"
#include "models/ec2/auto_scaling_group.hpp"
#include "models/ec2/ec2_reader.hpp"
#include "models/ec2/ec2_shapes.hpp"
#include "models/registry.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/validator.hpp"

namespace fleetsim {

namespace {

// The run as the reader sees it, answered from the World.
class WorldLookup : public Ec2Lookup {
 public:
  explicit WorldLookup(const World& world) : world_(world) {}
  const InstanceType* instance_type(const std::string& name) const override {
    auto it = world_.catalog.instance_types.find(name);
    return it == world_.catalog.instance_types.end() ? nullptr : &it->second;
  }
  std::vector<std::string> instance_type_names() const override {
    std::vector<std::string> known;
    for (const auto& [n, _] : world_.catalog.instance_types) known.push_back(n);
    return known;
  }
  const std::string& region() const override { return world_.region; }
  bool has_price(const std::string& type) const override {
    return world_.catalog.instance_price(world_.region, type) != nullptr;
  }
  std::optional<std::string> subnet_zone(const std::string& subnet_id) const override {
    const Subnet* subnet = world_.find<const Subnet>(subnet_id);
    if (subnet == nullptr) return std::nullopt;
    return subnet->availability_zone;
  }
  const std::vector<std::string>& availability_zones() const override { return world_.availability_zones; }
  std::vector<std::string> security_groups(const nlohmann::json& list, const std::string& pointer) const override {
    return world_.security_groups_at(list, pointer);
  }

 private:
  const World& world_;
};

/// Every Auto Scaling group of a run, and the EC2 lines of summary.json; creates groups and instant fleets on
/// request.
class Ec2Model : public Model, public AutoScalingGroups, public InstanceFleets {
 public:
  explicit Ec2Model(World& world) : world_(world) {}

  /// Reads the CreateAutoScalingGroup-shaped `request` at `pointer` (valid against the section's shape), creates
  /// the group and provides it.
  AutoScalingGroup& add_group(const nlohmann::json& request, const std::string& pointer) {
    AsgConfig config = read_auto_scaling_group(request, pointer, WorldLookup(world_));
    const Permissions* permissions = world_.find<const Permissions>("iam");
    if (permissions != nullptr && !config.instance_profile.empty() &&
        !permissions->profile_roles(config.instance_profile))
      throw ScenarioError(append_pointer(pointer, "IamInstanceProfile"),
                          "instance profile \"" + config.instance_profile + "\" is not defined in instanceProfiles");
    if (find(config.name))
      throw ScenarioError(append_pointer(pointer, "AutoScalingGroupName"),
                          "group \"" + config.name + "\" is defined twice");
    return provide(std::move(config));
  }
  /// An instant fleet is a group in instant mode: the same instances, billing, Spot notices and AZ outages.
  InstanceFleet& create_instant_fleet(const std::string& name, const std::vector<std::string>& subnets) override {
    AsgConfig config;
    config.name = name;
    config.instant = true;
    config.cluster.clear();
    for (const std::string& id : subnets) {
      if (const Subnet* subnet = world_.find<const Subnet>(id)) {
        config.zones.push_back(subnet->availability_zone);
        config.subnets.push_back(id);
      }
    }
    if (config.zones.empty()) {
      config.zones = world_.availability_zones;
      config.subnets.assign(config.zones.size(), "");
    }
    return provide(std::move(config));
  }
  AutoScalingGroup& provide(AsgConfig config) {
    groups.push_back(std::make_unique<AutoScalingGroup>(world_.ctx, std::move(config), world_.catalog, world_.region,
                                                        world_.costs, world_.zone_health));
    AutoScalingGroup* group = groups.back().get();
    world_.zone_health.subscribe([group](const std::string& zone, bool up) { group->zone_changed(zone, up); });
    world_.provide<ScalableGroup>(group->name(), group);
    world_.provide<SpotPool>(group->name(), group);
    return *group;
  }
  ScalableGroup& create_auto_scaling_group(const nlohmann::json& request, const std::string& pointer) override {
    require_shape(request, auto_scaling_group_request_shape(), pointer);
    return add_group(request, pointer);
  }
  void start() override {
    for (auto& g : groups) g->start();
  }
  void finish(SimTime end) override {
    for (auto& g : groups) g->finish(end);
  }
  void write_summary(nlohmann::ordered_json& summary) const override {
    double hours = 0;
    int peak = 0;
    for (const auto& g : groups) {
      hours += g->instance_hours();
      peak += g->peak_instances();
    }
    summary["capacity"]["ec2"] = {{"instanceHours", hours}, {"peakInstances", peak}};
  }
  AutoScalingGroup* find(const std::string& name) const {
    for (const auto& g : groups) {
      if (g->name() == name) return g.get();
    }
    return nullptr;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& g : groups) out.push_back(g->name());
    return out;
  }
  std::vector<std::unique_ptr<AutoScalingGroup>> groups;

 private:
  World& world_;
};

void build_ec2(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<Ec2Model>(world));
  world.provide<AutoScalingGroups>("ec2", &model);
  world.provide<InstanceFleets>("ec2", &model);
  if (auto section = scenario.find("autoScalingGroups"); section != scenario.end()) {
    for (std::size_t i = 0; i < section->size(); ++i)
      model.add_group((*section)[i], append_pointer("/autoScalingGroups", i));
  }
  Ec2Model* ec2 = &model;
  auto group_of = [ec2](const nlohmann::json& entry, const std::string& p) {
    std::string name = entry["autoScalingGroup"].get<std::string>();
    AutoScalingGroup* g = ec2->find(name);
    if (g == nullptr)
      throw ScenarioError(append_pointer(p, "autoScalingGroup"),
                          no_such_name("Auto Scaling group", name, ec2->names()));
    return g;
  };
  World* w = &world;
  world.provide_action(
      "spotInterruption", [group_of, w](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
        int count = entry["count"].get<int>();
        SpotPool* pool = nullptr;
        if (entry.contains("autoScalingGroup") == entry.contains("capacityProvider")) {
          throw ScenarioError(p, "expected either \"autoScalingGroup\" or \"capacityProvider\": \"FARGATE_SPOT\"");
        }
        if (entry.contains("autoScalingGroup")) {
          pool = group_of(entry, p);
        } else if (entry["capacityProvider"] == "FARGATE_SPOT") {
          pool = w->find<SpotPool>("FARGATE_SPOT");
        } else {
          throw ScenarioError(append_pointer(p, "capacityProvider"),
                              "expected \"FARGATE_SPOT\" (EC2 Spot is interrupted through its autoScalingGroup)");
        }
        return [pool, count] { pool->interrupt_spot(count); };
      });
  world.provide_action("terminateInstances",
                       [group_of](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
                         AutoScalingGroup* g = group_of(entry, p);
                         int count = entry["count"].get<int>();
                         return [g, count] { g->terminate_instances(count, "Terminated by the scenario's timeline"); };
                       });
}

}  // namespace

void register_ec2(ModelRegistry& r) {
  declare_ec2_shapes(r);
  r.add_model({"ec2", 40, &build_ec2});
}

}  // namespace fleetsim
