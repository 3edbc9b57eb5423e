#include "models/ec2/ec2_section.hpp"

#include <algorithm>
#include <sstream>

#include "models/api/auto_scaling_groups.hpp"
#include "models/api/container_instances.hpp"
#include "models/api/launch_platform.hpp"
#include "models/api/subnet.hpp"
#include "models/ec2/auto_scaling_group.hpp"
#include "models/registry.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/validator.hpp"

namespace fleetsim {

namespace {

/// CreateAutoScalingGroup's shape, as the section's entries and AutoScalingGroups requests take it.
const Shape& auto_scaling_group_shape(ShapeSet& s) {
  Shape& override_ = s.object("a launch template override", "autoscaling LaunchTemplateOverrides.");
  override_.field("InstanceType", s.string(), "instance type")
      .ignored({"WeightedCapacity", "LaunchTemplateSpecification", "InstanceRequirements"});
  Shape& lt = s.object("a mixed-instances launch template", "autoscaling LaunchTemplate.");
  lt.field("Overrides", s.array_of(&override_, 40), "instance types, the first one launched")
      .ignored({"LaunchTemplateSpecification"});
  Shape& dist = s.object("an instances distribution", "autoscaling InstancesDistribution.");
  dist.field("OnDemandBaseCapacity", s.integer(0, 100000), "on-demand instances first (default 0)")
      .field("OnDemandPercentageAboveBaseCapacity", s.integer(0, 100),
             "on-demand share above the base, percent (default 100)")
      .ignored({"OnDemandAllocationStrategy", "SpotAllocationStrategy", "SpotInstancePools", "SpotMaxPrice"});
  Shape& mixed = s.object("a mixed instances policy", "autoscaling MixedInstancesPolicy.");
  mixed.field("LaunchTemplate", &lt, "instance types")
      .field("InstancesDistribution", &dist, "on-demand and Spot split");
  Shape& x = s.object("fleetsim knobs of a group", "Simulation-only settings of an Auto Scaling group.");
  x.field("cluster", s.string(),
          "the ECS cluster its instances join when no capacity provider uses the group (default: default)");
  Shape& group = s.object("an Auto Scaling group", "autoscaling CreateAutoScalingGroup.");
  group.required("AutoScalingGroupName", s.string(), "group name")
      .required("MinSize", s.integer(0, 100000), "minimum instances")
      .required("MaxSize", s.integer(0, 100000), "maximum instances")
      .field("DesiredCapacity", s.integer(0, 100000), "instances to start with (default MinSize)")
      .field("InstanceType", s.string(), "instance type, as a launch configuration has it")
      .field("MixedInstancesPolicy", &mixed, "instance types and the on-demand/Spot split")
      .field("AvailabilityZones", s.array_of(s.string(), 32), "AZs (default: every AZ of the scenario)")
      .field("VPCZoneIdentifier", s.string(), "comma-separated subnet ids (their AZs come from the subnets section)")
      .field("NewInstancesProtectedFromScaleIn", s.boolean(), "scale-in protection of new instances")
      .field("SecurityGroups", s.array_of(s.string(), 5),
             "the instances' security groups, as a launch configuration has them")
      .field("x-fleetsim", &x, "simulation-only settings")
      .ignored({"LaunchTemplate",
                "LaunchConfigurationName",
                "InstanceId",
                "DefaultCooldown",
                "HealthCheckType",
                "HealthCheckGracePeriod",
                "LoadBalancerNames",
                "TargetGroupARNs",
                "TerminationPolicies",
                "PlacementGroup",
                "CapacityRebalance",
                "LifecycleHookSpecificationList",
                "Tags",
                "ServiceLinkedRoleARN",
                "MaxInstanceLifetime",
                "Context",
                "DesiredCapacityType",
                "DefaultInstanceWarmup",
                "TrafficSources",
                "InstanceMaintenancePolicy",
                "AutoScalingGroupARN",
                "Instances",
                "CreatedTime",
                "Status"});
  return group;
}

const InstanceType* instance_type(const World& world, const std::string& name, const std::string& pointer) {
  auto it = world.catalog.instance_types.find(name);
  if (it == world.catalog.instance_types.end()) {
    std::vector<std::string> known;
    for (const auto& [n, _] : world.catalog.instance_types) known.push_back(n);
    throw ScenarioError(
        pointer, no_such_name("instance type", name, known) + " in the catalogue; add it under catalog.instanceTypes");
  }
  if (world.catalog.instance_price(world.region, name) == nullptr) {
    throw ScenarioError(pointer, "the catalogue has no " + world.region + " price for " + name +
                                     "; add catalog.instanceTypes." + name + ".prices");
  }
  return &it->second;
}

AsgConfig read_group(const nlohmann::json& g, const std::string& p, const World& world) {
  AsgConfig c;
  c.name = g["AutoScalingGroupName"].get<std::string>();
  c.min_size = g["MinSize"].get<int>();
  c.max_size = g["MaxSize"].get<int>();
  if (c.min_size > c.max_size) {
    throw ScenarioError(append_pointer(p, "MinSize"),
                        "MinSize " + std::to_string(c.min_size) + " is above MaxSize " + std::to_string(c.max_size));
  }
  c.desired = g.value("DesiredCapacity", c.min_size);
  if (c.desired < c.min_size || c.desired > c.max_size) {
    throw ScenarioError(append_pointer(p, "DesiredCapacity"), "expected a DesiredCapacity between MinSize " +
                                                                  std::to_string(c.min_size) + " and MaxSize " +
                                                                  std::to_string(c.max_size));
  }
  if (g.contains("InstanceType"))
    c.types.push_back(instance_type(world, g["InstanceType"].get<std::string>(), append_pointer(p, "InstanceType")));
  if (auto mixed = g.find("MixedInstancesPolicy"); mixed != g.end()) {
    std::string mp = append_pointer(p, "MixedInstancesPolicy");
    if (auto lt = mixed->find("LaunchTemplate"); lt != mixed->end() && lt->contains("Overrides")) {
      const nlohmann::json& overrides = (*lt)["Overrides"];
      for (std::size_t i = 0; i < overrides.size(); ++i) {
        std::string op = append_pointer(append_pointer(append_pointer(mp, "LaunchTemplate"), "Overrides"), i);
        if (!overrides[i].contains("InstanceType")) throw ScenarioError(op, "expected \"InstanceType\"");
        c.types.push_back(
            instance_type(world, overrides[i]["InstanceType"].get<std::string>(), append_pointer(op, "InstanceType")));
      }
    }
    if (auto d = mixed->find("InstancesDistribution"); d != mixed->end()) {
      c.on_demand_base = d->value("OnDemandBaseCapacity", 0);
      c.on_demand_percent = d->value("OnDemandPercentageAboveBaseCapacity", 100);
    }
  }
  if (c.types.empty()) {
    throw ScenarioError(p,
                        "expected \"InstanceType\" or \"MixedInstancesPolicy.LaunchTemplate.Overrides\": the group "
                        "needs an instance type");
  }
  if (g.contains("VPCZoneIdentifier")) {
    std::stringstream ids(g["VPCZoneIdentifier"].get<std::string>());
    for (std::string id; std::getline(ids, id, ',');) {
      id.erase(std::remove(id.begin(), id.end(), ' '), id.end());
      const Subnet* subnet = world.find<const Subnet>(id);
      if (subnet == nullptr)
        throw ScenarioError(append_pointer(p, "VPCZoneIdentifier"),
                            "subnet \"" + id + "\" is not in the subnets section");
      c.zones.push_back(subnet->availability_zone);
      c.subnets.push_back(id);
    }
  } else if (g.contains("AvailabilityZones")) {
    const nlohmann::json& zones = g["AvailabilityZones"];
    for (std::size_t i = 0; i < zones.size(); ++i) {
      std::string az = zones[i].get<std::string>();
      if (std::find(world.availability_zones.begin(), world.availability_zones.end(), az) ==
          world.availability_zones.end()) {
        throw ScenarioError(append_pointer(append_pointer(p, "AvailabilityZones"), i),
                            no_such_name("Availability Zone", az, world.availability_zones));
      }
      c.zones.push_back(az);
      c.subnets.emplace_back();
    }
  } else {
    c.zones = world.availability_zones;  // a convenience of the format, as for services
    c.subnets.assign(c.zones.size(), "");
  }
  c.new_instances_protected = g.value("NewInstancesProtectedFromScaleIn", false);
  if (g.contains("SecurityGroups"))
    c.security_groups = world.security_groups_at(g["SecurityGroups"], append_pointer(p, "SecurityGroups"));
  if (auto x = g.find("x-fleetsim"); x != g.end()) c.cluster = x->value("cluster", c.cluster);
  return c;
}

/// The shape of the section's entries, built once, for requests that skipped the scenario's validation.
const Shape& own_group_shape() {
  static ShapeSet set;
  static const Shape& shape = auto_scaling_group_shape(set);
  return shape;
}

/// Every Auto Scaling group of a run, and the EC2 lines of summary.json; creates groups on request.
class Ec2Model : public Model, public AutoScalingGroups {
 public:
  explicit Ec2Model(World& world) : world_(world) {}

  /// Reads the CreateAutoScalingGroup-shaped `request` at `pointer` (valid against the section's shape), creates
  /// the group and provides it.
  AutoScalingGroup& add_group(const nlohmann::json& request, const std::string& pointer) {
    AsgConfig config = read_group(request, pointer, world_);
    if (find(config.name))
      throw ScenarioError(append_pointer(pointer, "AutoScalingGroupName"),
                          "group \"" + config.name + "\" is defined twice");
    groups.push_back(std::make_unique<AutoScalingGroup>(world_.ctx, std::move(config), world_.catalog, world_.region,
                                                        world_.costs, world_.zone_health));
    AutoScalingGroup* group = groups.back().get();
    world_.zone_health.subscribe([group](const std::string& zone, bool up) { group->zone_changed(zone, up); });
    world_.provide<ScalableGroup>(group->name(), group);
    world_.provide<SpotPool>(group->name(), group);
    return *group;
  }
  ScalableGroup& create_auto_scaling_group(const nlohmann::json& request, const std::string& pointer) override {
    require_shape(request, own_group_shape(), pointer);
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
  ShapeSet& s = r.shapes();
  r.add_section("autoScalingGroups", s.array_of(&auto_scaling_group_shape(s), 1000), "EC2 Auto Scaling groups");

  Shape& spot =
      s.object("a spotInterruption action",
               "EC2 reclaims Spot capacity: Spot instances of a group (a two-minute notice, the agent drains, then "
               "termination), or Fargate Spot tasks (SIGTERM with the notice; the service replaces them).");
  spot.field("autoScalingGroup", s.string(), "group name")
      .field("capacityProvider", s.string(), "\"FARGATE_SPOT\"")
      .required("count", s.integer(1, 100000), "instances or tasks interrupted");
  r.add_timeline_action("spotInterruption", spot);
  Shape& term =
      s.object("a terminateInstances action", "Instances of a group terminate at once; the group replaces them.");
  term.required("autoScalingGroup", s.string(), "group name")
      .required("count", s.integer(1, 100000), "instances terminated");
  r.add_timeline_action("terminateInstances", term);
  r.add_model({"ec2", 40, &build_ec2});
}

}  // namespace fleetsim
