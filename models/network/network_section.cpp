#include "models/network/network_section.hpp"

#include <algorithm>
#include <deque>

#include "models/api/subnet.hpp"
#include "models/api/traffic_policy.hpp"
#include "models/network/security_groups.hpp"
#include "models/registry.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {
/// The scenario's security groups and subnets, owned for the run.
class NetworkModel : public Model {
 public:
  SecurityGroups groups;
  std::deque<Subnet> subnets;  // a deque: provided addresses stay put as it grows
};

void build_network(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<NetworkModel>());
  if (auto sg = scenario.find("securityGroups"); sg != scenario.end()) {
    model.groups.load(*sg, "/securityGroups");
    world.provide<const TrafficPolicy>(kSecurityGroups, &model.groups);
  }
  auto section = scenario.find("subnets");
  if (section == scenario.end()) return;
  for (std::size_t i = 0; i < section->size(); ++i) {
    const nlohmann::json& s = (*section)[i];
    std::string p = append_pointer("/subnets", i);
    std::string az = s["AvailabilityZone"].get<std::string>();
    if (std::find(world.availability_zones.begin(), world.availability_zones.end(), az) ==
        world.availability_zones.end()) {
      throw ScenarioError(append_pointer(p, "AvailabilityZone"),
                          "\"" + az + "\" is not one of the scenario's Availability Zones");
    }
    model.subnets.push_back(Subnet{az});
    if (!world.provide<const Subnet>(s["SubnetId"].get<std::string>(), &model.subnets.back())) {
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
  Shape& pair = s.object("a group pair", "ec2 UserIdGroupPair: traffic from another security group.");
  pair.required("GroupId", s.string(), "source security group")
      .ignored({"UserId", "Description", "GroupName", "VpcId", "VpcPeeringConnectionId", "PeeringStatus"});
  Shape& range = s.object("an IP range", "ec2 IpRange.");
  range.required("CidrIp", s.string(), "source CIDR (any range is taken to cover the VPC)").ignored({"Description"});
  Shape& perm = s.object("an ingress rule", "ec2 IpPermission.");
  perm.required("IpProtocol", s.string(), "tcp, or -1 for all traffic")
      .field("FromPort", s.integer(-1, 65535), "first port")
      .field("ToPort", s.integer(-1, 65535), "last port")
      .field("UserIdGroupPairs", s.array_of(&pair, 1000), "source security groups")
      .field("IpRanges", s.array_of(&range, 1000), "source address ranges")
      .ignored({"Ipv6Ranges", "PrefixListIds"});
  Shape& group =
      s.object("a security group", "ec2 CreateSecurityGroup with AuthorizeSecurityGroupIngress's IpPermissions.");
  group.field("GroupId", s.string(), "the id other sections use")
      .field("GroupName", s.string(), "name (used as the id when GroupId is absent)")
      .field("IpPermissions", s.array_of(&perm, 1000), "inbound rules")
      .ignored({"Description", "VpcId", "TagSpecifications", "Tags", "IpPermissionsEgress", "OwnerId"});
  r.add_section("securityGroups", s.array_of(&group, 10000),
                "security groups: inbound rules between the ALB and its targets");
  r.add_model({"network", 10, &build_network});
}

}  // namespace fleetsim
