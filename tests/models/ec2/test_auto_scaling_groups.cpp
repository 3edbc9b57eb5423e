// Auto Scaling groups created on request (AutoScalingGroups, as EKS creates a managed node group's group)
// from a model built after ec2: the section's reading, the group's sizes and types, its instances joining
// a registry with their type, AZ and subnet, the timeline's Spot interruption reaching it, and located errors.

#include <algorithm>
#include <catch2/catch.hpp>

#include "models/api/auto_scaling_groups.hpp"
#include "models/catalog/catalog_section.hpp"
#include "models/ec2/ec2_section.hpp"
#include "models/network/network_section.hpp"
#include "models/registry.hpp"
#include "sim/scenario/json_reader.hpp"
#include "tests/support/model_world.hpp"

namespace fleetsim {
namespace {

// A model ranked after ec2 (as EKS, 75) that creates the groups of the scenario's "late" list on request.
void build_late(const nlohmann::json& scenario, World& world) {
  auto late = scenario.find("late");
  if (late == scenario.end()) return;
  AutoScalingGroups& ec2 = world.need<AutoScalingGroups>("ec2", "/late", "Auto Scaling");
  for (std::size_t i = 0; i < late->size(); ++i) ec2.create_auto_scaling_group((*late)[i], append_pointer("/late", i));
}

// Adds the late model at rank 75.
void register_late(ModelRegistry& r) { r.add_model({"late", 75, &build_late}); }

// A cluster that records what the group's instances tell it.
struct RecordingRegistry : ContainerInstanceRegistry {
  std::vector<InstanceRegistration> registered;
  std::vector<std::string> draining, lost;
  void instance_registered(const InstanceRegistration& r) override { registered.push_back(r); }
  void instance_draining(const std::string& id, const std::string& reason) override {
    draining.push_back(id + ": " + reason);
  }
  void instance_lost(const std::string& id, const std::string&) override { lost.push_back(id); }
  int tasks_on(const std::string&) const override { return 0; }
};

// Two subnets and one group of the section, which requests must not clash with.
nlohmann::json base_scenario() {
  return {{"subnets",
           {{{"SubnetId", "subnet-a"}, {"AvailabilityZone", "us-east-1a"}},
            {{"SubnetId", "subnet-b"}, {"AvailabilityZone", "us-east-1b"}}}},
          {"autoScalingGroups",
           {{{"AutoScalingGroupName", "ecs-asg"}, {"MinSize", 0}, {"MaxSize", 2}, {"InstanceType", "m5.large"}}}}};
}

// A managed node group's group as EKS would ask for it: two types, all Spot, two subnets.
nlohmann::json node_group_request() {
  return {{"AutoScalingGroupName", "eks-ng-1"},
          {"MinSize", 1},
          {"MaxSize", 5},
          {"DesiredCapacity", 2},
          {"VPCZoneIdentifier", "subnet-a,subnet-b"},
          {"MixedInstancesPolicy",
           {{"LaunchTemplate", {{"Overrides", {{{"InstanceType", "m5.large"}}, {{"InstanceType", "m5.xlarge"}}}}}},
            {"InstancesDistribution", {{"OnDemandBaseCapacity", 0}, {"OnDemandPercentageAboveBaseCapacity", 0}}}}}};
}

TEST_CASE("a group created by a later model is read like the section's and provided under its name", "[ec2][asg]") {
  nlohmann::json scenario = base_scenario();
  scenario["late"] = {node_group_request()};
  testing::ModelWorld run({&register_catalog, &register_network, &register_ec2, &register_late}, scenario);
  ScalableGroup* group = run.world.find<ScalableGroup>("eks-ng-1");
  REQUIRE(group != nullptr);
  CHECK(run.world.find<SpotPool>("eks-ng-1") == group);
  CHECK(run.world.find<ScalableGroup>("ecs-asg") != nullptr);
  CHECK(group->min_size() == 1);
  CHECK(group->max_size() == 5);
  CHECK(group->desired_capacity() == 2);
  // m5.xlarge: 4 vCPUs = 4096 units; m5.large: 2 vCPUs = 2048.
  CHECK(group->largest_type().first == 4096);
  CHECK(group->smallest_type().first == 2048);

  RecordingRegistry nodes;
  group->join_cluster(&nodes, "eks-ng-1");  // as EKS joins a node group: managed draining on
  run.start();
  run.engine.run_until(SimTime::zero() + Duration::seconds(600));
  CHECK(group->instance_count() == 2);
  REQUIRE(nodes.registered.size() == 2);
  // The launch type is the first override's; one instance per subnet, each registering its AZ and subnet.
  std::vector<std::pair<std::string, std::string>> places;
  for (const InstanceRegistration& r : nodes.registered) {
    CHECK(r.instance_type == "m5.large");
    CHECK(r.vcpu == 2);
    places.emplace_back(r.availability_zone, r.subnet_id);
  }
  std::sort(places.begin(), places.end());
  CHECK(places ==
        std::vector<std::pair<std::string, std::string>>{{"us-east-1a", "subnet-a"}, {"us-east-1b", "subnet-b"}});

  // The timeline's spotInterruption finds the group by name: a two-minute notice, then the instance is gone.
  const TimelineHandler* spot = run.world.find<const TimelineHandler>("spotInterruption");
  REQUIRE(spot != nullptr);
  (*spot)({{"action", "spotInterruption"}, {"autoScalingGroup", "eks-ng-1"}, {"count", 1}}, "/timeline/0")();
  REQUIRE(nodes.draining.size() == 1);
  std::string interrupted = nodes.draining[0].substr(0, nodes.draining[0].find(':'));
  CHECK(nodes.draining[0] == interrupted + ": Spot interruption notice");
  CHECK(std::any_of(nodes.registered.begin(), nodes.registered.end(),
                    [&](const InstanceRegistration& r) { return r.instance_id == interrupted; }));
  run.engine.run_until(SimTime::zero() + Duration::seconds(600 + 119));
  CHECK(nodes.lost.empty());
  // Terminated at the end of the notice, and replaced: DesiredCapacity holds.
  run.engine.run_until(SimTime::zero() + Duration::seconds(1200));
  CHECK(nodes.lost == std::vector<std::string>{interrupted});
  CHECK(nodes.registered.size() == 3);
  CHECK(group->instance_count() == 2);
}

TEST_CASE("terminating one instance with a decrement lowers DesiredCapacity, never below MinSize", "[ec2][asg]") {
  nlohmann::json scenario = base_scenario();
  scenario["late"] = {node_group_request()};
  testing::ModelWorld run({&register_catalog, &register_network, &register_ec2, &register_late}, scenario);
  ScalableGroup* group = run.world.find<ScalableGroup>("eks-ng-1");
  REQUIRE(group != nullptr);
  RecordingRegistry nodes;
  group->join_cluster(&nodes, "");
  run.start();
  run.engine.run_until(SimTime::zero() + Duration::seconds(600));
  REQUIRE(nodes.registered.size() == 2);
  // The one named goes (not the one scale-in would pick), and the group does not replace it.
  const std::string second = nodes.registered[1].instance_id;
  CHECK(group->terminate_instance(second, "cluster-autoscaler scale-down"));
  CHECK(nodes.lost == std::vector<std::string>{second});
  CHECK(group->desired_capacity() == 1);
  CHECK(group->instance_count() == 1);
  CHECK_FALSE(group->terminate_instance(second, "again"));
  // At MinSize 1 the last one is replaced: DesiredCapacity stays at MinSize.
  CHECK(group->terminate_instance(nodes.registered[0].instance_id, "cluster-autoscaler scale-down"));
  CHECK(group->desired_capacity() == 1);
  run.engine.run_until(SimTime::zero() + Duration::seconds(1200));
  CHECK(nodes.registered.size() == 3);
  CHECK(group->instance_count() == 1);
}

TEST_CASE("a bad group request is a ScenarioError at the pointer given", "[ec2][asg]") {
  testing::ModelWorld run({&register_catalog, &register_network, &register_ec2, &register_late}, base_scenario());
  AutoScalingGroups* ec2 = run.world.find<AutoScalingGroups>("ec2");
  REQUIRE(ec2 != nullptr);
  // The section's shape is checked first (no exception from the JSON library), then the section's own checks.
  testing::check_bad_requests(
      node_group_request(),
      {{"/MinSize", "one", "/nodegroups/3/MinSize", "expected"},
       {"/MaxSize", nullptr, "/nodegroups/3", "missing required field \"MaxSize\""},
       {"/MinSize", 6, "/nodegroups/3/MinSize", "MinSize 6 is above MaxSize 5"},
       {"/DesiredCapacity", 9, "/nodegroups/3/DesiredCapacity",
        "expected a DesiredCapacity between MinSize 1 and MaxSize 5"},
       {"/VPCZoneIdentifier", "subnet-a,subnet-z", "/nodegroups/3/VPCZoneIdentifier",
        "subnet \"subnet-z\" is not in the subnets section"},
       {"/MixedInstancesPolicy/LaunchTemplate/Overrides/1/InstanceType", "m5.huge",
        "/nodegroups/3/MixedInstancesPolicy/LaunchTemplate/Overrides/1/InstanceType",
        "no instance type named \"m5.huge\""},
       {"/AutoScalingGroupName", "ecs-asg", "/nodegroups/3/AutoScalingGroupName",
        "group \"ecs-asg\" is defined twice"}},  // the section's group
      [&](const nlohmann::json& request) { ec2->create_auto_scaling_group(request, "/nodegroups/3"); });
}

}  // namespace
}  // namespace fleetsim
