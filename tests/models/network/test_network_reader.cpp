// The network sections' readers without a World: subnets and their zones, security groups and their rules.

#include <catch2/catch.hpp>

#include "models/network/network_reader.hpp"
#include "models/network/security_groups.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

const std::vector<std::string> kZones = {"us-east-1a", "us-east-1b"};

nlohmann::json subnet(const std::string& id, const std::string& zone) {
  return {{"SubnetId", id}, {"AvailabilityZone", zone}};
}

TEST_CASE("subnets: ids and zones in order, each once, in the scenario's zones", "[network][reader]") {
  std::vector<SubnetConfig> s =
      read_subnets(nlohmann::json::array({subnet("subnet-b", "us-east-1b"), subnet("subnet-a", "us-east-1a")}), kZones);
  REQUIRE(s.size() == 2);
  CHECK(s[0].id == "subnet-b");
  CHECK(s[0].availability_zone == "us-east-1b");
  CHECK(s[1].id == "subnet-a");
  Diagnostic e = error_of([] { read_subnets(nlohmann::json::array({subnet("subnet-c", "us-east-1c")}), kZones); });
  CHECK(e.pointer == "/subnets/0/AvailabilityZone");
  CHECK(e.message == "\"us-east-1c\" is not one of the scenario's Availability Zones");
  e = error_of([] {
    read_subnets(nlohmann::json::array({subnet("subnet-a", "us-east-1a"), subnet("subnet-a", "us-east-1b")}), kZones);
  });
  CHECK(e.pointer == "/subnets/1/SubnetId");
  CHECK(e.message == "subnet \"subnet-a\" is listed twice");
}

TEST_CASE("security groups: rules between groups, by port range", "[network][reader]") {
  nlohmann::json section = {
      {{"GroupId", "sg-alb"}},
      {{"GroupName", "tasks"},
       {"IpPermissions",
        {{{"IpProtocol", "tcp"}, {"FromPort", 8000}, {"ToPort", 8080}, {"UserIdGroupPairs", {{{"GroupId", "sg-alb"}}}}},
         {{"IpProtocol", "udp"}, {"FromPort", 53}, {"ToPort", 53}, {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}}}}};
  SecurityGroups groups;
  groups.load(section, "/securityGroups");
  CHECK(groups.ids() == std::vector<std::string>{"sg-alb", "tasks"});  // GroupName stands in for a missing GroupId
  CHECK(groups.pointer_of("tasks") == "/securityGroups/1");
  CHECK(groups.allows({"sg-alb"}, {"tasks"}, 8080, 8080));
  CHECK_FALSE(groups.allows({"sg-alb"}, {"tasks"}, 8081, 8081));
  CHECK_FALSE(groups.allows({"sg-other"}, {"tasks"}, 8080, 8080));
  CHECK_FALSE(groups.allows({"sg-alb"}, {"tasks"}, 53, 53));  // udp carries no ALB traffic

  Diagnostic e = error_of([] {
    SecurityGroups g;
    g.load({{{"GroupId", "a"}}, {{"GroupId", "a"}}}, "/securityGroups");
  });
  CHECK(e.pointer == "/securityGroups/1/GroupId");
  CHECK(e.message == "security group \"a\" is defined twice");
  e = error_of([] {
    SecurityGroups g;
    g.load({{{"GroupId", "a"}, {"IpPermissions", {{{"IpProtocol", "tcp"}, {"FromPort", 90}, {"ToPort", 80}}}}}},
           "/securityGroups");
  });
  CHECK(e.pointer == "/securityGroups/0/IpPermissions/0/FromPort");
  CHECK(e.message == "FromPort is above ToPort");
  e = error_of([] {
    SecurityGroups g;
    g.load({{{"IpPermissions", nlohmann::json::array()}}}, "/securityGroups");
  });
  CHECK(e.pointer == "/securityGroups/0");
  CHECK(e.message == "expected \"GroupId\" or \"GroupName\"");
}

}  // namespace
}  // namespace fleetsim
