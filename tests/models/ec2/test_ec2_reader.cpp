// The Auto Scaling group reader without a World: good input gives the group's config, bad input the pointer and
// message. The run is a table: two instance types (one unpriced), two subnets in two AZs, one security group.

#include <catch2/catch.hpp>

#include "models/ec2/ec2_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

class TableLookup : public Ec2Lookup {
 public:
  TableLookup() {
    large_.name = "m5.large", large_.vcpu = 2;
    xlarge_.name = "m5.xlarge", xlarge_.vcpu = 4;
  }
  const InstanceType* instance_type(const std::string& name) const override {
    if (name == "m5.large") return &large_;
    if (name == "m5.xlarge") return &xlarge_;
    return nullptr;
  }
  std::vector<std::string> instance_type_names() const override { return {"m5.large", "m5.xlarge"}; }
  const std::string& region() const override { return region_; }
  bool has_price(const std::string& type) const override { return type == "m5.large"; }
  std::optional<std::string> subnet_zone(const std::string& id) const override {
    if (id == "subnet-a") return "us-east-1a";
    if (id == "subnet-b") return "us-east-1b";
    return std::nullopt;
  }
  const std::vector<std::string>& availability_zones() const override { return zones_; }
  std::vector<std::string> security_groups(const nlohmann::json& list, const std::string& pointer) const override {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (list[i] != "sg-1") throw ScenarioError(pointer + "/" + std::to_string(i), "no such group");
      out.push_back(list[i]);
    }
    return out;
  }

 private:
  InstanceType large_, xlarge_;
  std::string region_ = "us-east-1";
  std::vector<std::string> zones_ = {"us-east-1a", "us-east-1b", "us-east-1c"};
};

const TableLookup kRun;

nlohmann::json group() {
  return {{"AutoScalingGroupName", "asg"}, {"MinSize", 1}, {"MaxSize", 4}, {"InstanceType", "m5.large"}};
}

TEST_CASE("a group's sizes, type, zones and distribution", "[ec2][reader]") {
  AsgConfig c = read_auto_scaling_group(group(), "/autoScalingGroups/0", kRun);
  CHECK(c.name == "asg");
  CHECK(c.min_size == 1);
  CHECK(c.max_size == 4);
  CHECK(c.desired == 1);  // DesiredCapacity defaults to MinSize
  REQUIRE(c.types.size() == 1);
  CHECK(c.types[0]->name == "m5.large");
  CHECK(c.zones == std::vector<std::string>{"us-east-1a", "us-east-1b", "us-east-1c"});
  CHECK(c.cluster == "default");

  nlohmann::json g = group();
  g["VPCZoneIdentifier"] = "subnet-b, subnet-a";
  g["SecurityGroups"] = {"sg-1"};
  g["x-fleetsim"] = {{"cluster", "prod"}};
  g["MixedInstancesPolicy"] = {{"InstancesDistribution", {{"OnDemandBaseCapacity", 1}}}};
  c = read_auto_scaling_group(g, "/autoScalingGroups/0", kRun);
  CHECK(c.zones == std::vector<std::string>{"us-east-1b", "us-east-1a"});
  CHECK(c.subnets == std::vector<std::string>{"subnet-b", "subnet-a"});
  CHECK(c.security_groups == std::vector<std::string>{"sg-1"});
  CHECK(c.cluster == "prod");
  CHECK(c.on_demand_base == 1);
  CHECK(c.on_demand_percent == 100);
}

TEST_CASE("a group's errors keep their pointers", "[ec2][reader]") {
  nlohmann::json g = group();
  g["MinSize"] = 5;
  Diagnostic e = error_of([&] { read_auto_scaling_group(g, "/autoScalingGroups/2", kRun); });
  CHECK(e.pointer == "/autoScalingGroups/2/MinSize");
  CHECK(e.message == "MinSize 5 is above MaxSize 4");

  g = group();
  g["InstanceType"] = "m5.larg";
  e = error_of([&] { read_auto_scaling_group(g, "/autoScalingGroups/0", kRun); });
  CHECK(e.pointer == "/autoScalingGroups/0/InstanceType");
  CHECK_THAT(e.message, Catch::Contains("did you mean \"m5.large\""));

  g = group();
  g.erase("InstanceType");
  g["MixedInstancesPolicy"] = {{"LaunchTemplate", {{"Overrides", {{{"InstanceType", "m5.xlarge"}}}}}}};
  e = error_of([&] { read_auto_scaling_group(g, "/autoScalingGroups/0", kRun); });
  CHECK(e.pointer == "/autoScalingGroups/0/MixedInstancesPolicy/LaunchTemplate/Overrides/0/InstanceType");
  CHECK(e.message == "the catalogue has no us-east-1 price for m5.xlarge; add catalog.instanceTypes.m5.xlarge.prices");

  g = group();
  g["VPCZoneIdentifier"] = "subnet-a,subnet-z";
  e = error_of([&] { read_auto_scaling_group(g, "/autoScalingGroups/0", kRun); });
  CHECK(e.pointer == "/autoScalingGroups/0/VPCZoneIdentifier");
  CHECK(e.message == "subnet \"subnet-z\" is not in the subnets section");

  g = group();
  g["AvailabilityZones"] = {"us-east-1a", "us-east-1d"};
  e = error_of([&] { read_auto_scaling_group(g, "/autoScalingGroups/0", kRun); });
  CHECK(e.pointer == "/autoScalingGroups/0/AvailabilityZones/1");

  g = group();
  g.erase("InstanceType");
  e = error_of([&] { read_auto_scaling_group(g, "/autoScalingGroups/0", kRun); });
  CHECK(e.pointer == "/autoScalingGroups/0");
  CHECK_THAT(e.message, Catch::StartsWith("expected \"InstanceType\" or"));
}

}  // namespace
}  // namespace fleetsim
