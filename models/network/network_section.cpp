#include "models/network/network_section.hpp"

#include <algorithm>

#include "models/registry.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {
void build_network(const nlohmann::json& scenario, World& world) {
  auto section = scenario.find("subnets");
  if (section == scenario.end()) return;
  for (std::size_t i = 0; i < section->size(); ++i) {
    const nlohmann::json& s = (*section)[i];
    std::string p = append_pointer("/subnets", i);
    std::string az = s["AvailabilityZone"].get<std::string>();
    if (std::find(world.availability_zones.begin(), world.availability_zones.end(), az) == world.availability_zones.end()) {
      throw ScenarioError(append_pointer(p, "AvailabilityZone"), "\"" + az + "\" is not one of the scenario's Availability Zones");
    }
    if (!world.subnet_zones.emplace(s["SubnetId"].get<std::string>(), az).second) {
      throw ScenarioError(append_pointer(p, "SubnetId"), "subnet " + s["SubnetId"].dump() + " is listed twice");
    }
  }
}
}  // namespace

void register_network(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& subnet = s.object("a subnet", "ec2 CreateSubnet: maps a subnet id to its Availability Zone.");
  subnet.required("SubnetId", s.string(), "subnet id")
      .required("AvailabilityZone", s.string(), "its Availability Zone")
      .ignored({"CidrBlock", "Ipv6CidrBlock", "VpcId", "AvailabilityZoneId", "TagSpecifications", "Tags", "OutpostArn",
                "Ipv6Native", "MapPublicIpOnLaunch", "State", "SubnetArn", "AvailableIpAddressCount", "DefaultForAz"});
  r.add_section("subnets", s.array_of(&subnet, 10000), "subnet ids and their Availability Zones");
  r.add_build_step(&build_network);
}

}  // namespace fleetsim
