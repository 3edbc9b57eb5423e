#include "models/network/network_shapes.hpp"

#include "models/registry.hpp"

namespace fleetsim {

void declare_network_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& subnet = s.object("a subnet", "ec2 CreateSubnet: maps a subnet id to its Availability Zone.");
  subnet.required("SubnetId", s.string(), "subnet id")
      .required("AvailabilityZone", s.string(), "its Availability Zone")
      .ignored({"CidrBlock", "Ipv6CidrBlock", "VpcId", "AvailabilityZoneId", "TagSpecifications", "Tags", "OutpostArn",
                "Ipv6Native", "MapPublicIpOnLaunch", "State", "SubnetArn", "AvailableIpAddressCount", "DefaultForAz",
                // read-only: describe-subnets prints them
                "MapCustomerOwnedIpOnLaunch", "CustomerOwnedIpv4Pool", "OwnerId", "AssignIpv6AddressOnCreation",
                "Ipv6CidrBlockAssociationSet", "EnableDns64", "PrivateDnsNameOptionsOnLaunch", "EnableLniAtDeviceIndex",
                "BlockPublicAccessStates"});
  r.add_section("subnets",
                s.array_of(&subnet, 10000, AwsOutput{"aws ec2 describe-subnets", "Subnets", false, {"NextToken"}}),
                "subnet ids and their Availability Zones");
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
  r.add_section(
      "securityGroups",
      s.array_of(&group, 10000, AwsOutput{"aws ec2 describe-security-groups", "SecurityGroups", false, {"NextToken"}}),
      "security groups: inbound rules between the ALB and its targets");
}

}  // namespace fleetsim
