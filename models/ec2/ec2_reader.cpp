#include "models/ec2/ec2_reader.hpp"

#include <algorithm>
#include <sstream>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

// The catalogue's type `name`, which must be priced in the run's region.
const InstanceType* instance_type(const Ec2Lookup& lookup, const std::string& name, const std::string& pointer) {
  const InstanceType* type = lookup.instance_type(name);
  if (type == nullptr) {
    throw ScenarioError(pointer, no_such_name("instance type", name, lookup.instance_type_names()) +
                                     " in the catalogue; add it under catalog.instanceTypes");
  }
  if (!lookup.has_price(name)) {
    throw ScenarioError(pointer, "the catalogue has no " + lookup.region() + " price for " + name +
                                     "; add catalog.instanceTypes." + name + ".prices");
  }
  return type;
}

}  // namespace

AsgConfig read_auto_scaling_group(const nlohmann::json& g, const std::string& p, const Ec2Lookup& lookup) {
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
    c.types.push_back(instance_type(lookup, g["InstanceType"].get<std::string>(), append_pointer(p, "InstanceType")));
  if (auto mixed = g.find("MixedInstancesPolicy"); mixed != g.end()) {
    std::string mp = append_pointer(p, "MixedInstancesPolicy");
    if (auto lt = mixed->find("LaunchTemplate"); lt != mixed->end() && lt->contains("Overrides")) {
      const nlohmann::json& overrides = (*lt)["Overrides"];
      for (std::size_t i = 0; i < overrides.size(); ++i) {
        std::string op = append_pointer(append_pointer(append_pointer(mp, "LaunchTemplate"), "Overrides"), i);
        if (!overrides[i].contains("InstanceType")) throw ScenarioError(op, "expected \"InstanceType\"");
        c.types.push_back(
            instance_type(lookup, overrides[i]["InstanceType"].get<std::string>(), append_pointer(op, "InstanceType")));
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
      std::optional<std::string> zone = lookup.subnet_zone(id);
      if (!zone)
        throw ScenarioError(append_pointer(p, "VPCZoneIdentifier"),
                            "subnet \"" + id + "\" is not in the subnets section");
      c.zones.push_back(*zone);
      c.subnets.push_back(id);
    }
  } else if (g.contains("AvailabilityZones")) {
    const nlohmann::json& zones = g["AvailabilityZones"];
    for (std::size_t i = 0; i < zones.size(); ++i) {
      std::string az = zones[i].get<std::string>();
      const std::vector<std::string>& known = lookup.availability_zones();
      if (std::find(known.begin(), known.end(), az) == known.end()) {
        throw ScenarioError(append_pointer(append_pointer(p, "AvailabilityZones"), i),
                            no_such_name("Availability Zone", az, known));
      }
      c.zones.push_back(az);
      c.subnets.emplace_back();
    }
  } else {
    c.zones = lookup.availability_zones();  // a convenience of the format, as for services
    c.subnets.assign(c.zones.size(), "");
  }
  c.new_instances_protected = g.value("NewInstancesProtectedFromScaleIn", false);
  if (g.contains("IamInstanceProfile"))
    c.instance_profile = name_from_reference(g["IamInstanceProfile"].get<std::string>());
  if (g.contains("SecurityGroups"))
    c.security_groups = lookup.security_groups(g["SecurityGroups"], append_pointer(p, "SecurityGroups"));
  if (auto x = g.find("x-fleetsim"); x != g.end()) {
    c.cluster = x->value("cluster", c.cluster);
    c.agent_spot_draining = x->value("spotInstanceDraining", false);
  }
  return c;
}

}  // namespace fleetsim
