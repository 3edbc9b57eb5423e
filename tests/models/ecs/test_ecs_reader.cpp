// The ECS section readers without a World: good input gives the settings, bad input the pointer and message.

#include <catch2/catch.hpp>

#include "models/ecs/ecs_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

TEST_CASE("deployment configuration: values, defaults and bounds", "[ecs][reader]") {
  DeploymentConfiguration d = read_deployment_configuration(nlohmann::json::object(), "/services/0");
  CHECK(d.minimum_healthy_percent == 100);
  CHECK(d.maximum_percent == 200);
  CHECK_FALSE(d.circuit_breaker);
  d = read_deployment_configuration({{"deploymentConfiguration",
                                      {{"minimumHealthyPercent", 50},
                                       {"maximumPercent", 150},
                                       {"deploymentCircuitBreaker", {{"enable", true}, {"rollback", true}}}}}},
                                    "/services/0");
  CHECK(d.minimum_healthy_percent == 50);
  CHECK(d.maximum_percent == 150);
  CHECK(d.circuit_breaker);
  CHECK(d.rollback);
  Diagnostic e = error_of([] {
    read_deployment_configuration(
        {{"deploymentConfiguration", {{"minimumHealthyPercent", 80}, {"maximumPercent", 50}}}}, "/services/2");
  });
  CHECK(e.pointer == "/services/2/deploymentConfiguration/maximumPercent");
  CHECK(e.message == "expected at least minimumHealthyPercent (80)");
  e = error_of([] {
    read_deployment_configuration({{"deploymentController", {{"type", "CODE_DEPLOY"}}}}, "/services/1");
  });
  CHECK(e.pointer == "/services/1/deploymentController/type");
  CHECK(e.message.rfind("only the rolling update controller", 0) == 0);
}

TEST_CASE("placement: strategies and constraints in order", "[ecs][reader]") {
  PlacementPolicy p = read_placement({{"placementStrategy",
                                       {{{"type", "spread"}, {"field", "attribute:ecs.availability-zone"}},
                                        {{"type", "binpack"}, {"field", "memory"}}}},
                                      {"placementConstraints", {{{"type", "distinctInstance"}}}}},
                                     "/services/0");
  CHECK(p.strategies.size() == 2);
  CHECK(p.constraints.size() == 1);
  Diagnostic e = error_of([] {
    read_placement({{"placementConstraints", {{{"type", "memberOf"}, {"expression", "attribute:x =="}}}}},
                   "/services/3");
  });
  CHECK(e.pointer == "/services/3/placementConstraints/0/expression");
  e = error_of([] {
    read_placement({{"placementStrategy", {{{"type", "binpack"}, {"field", "disk"}}}}}, "/services/0");
  });
  CHECK(e.pointer == "/services/0/placementStrategy/0");
}

TEST_CASE("managed scaling: defaults, values and the checks between fields", "[ecs][reader]") {
  const std::string ap = "/capacityProviders/0/autoScalingGroupProvider";
  ManagedScalingConfig m = read_managed_scaling(nlohmann::json::object(), ap);
  CHECK_FALSE(m.enabled);  // the API's default without managedScaling
  CHECK_FALSE(m.termination_protection);
  m = read_managed_scaling({{"managedScaling", {{"targetCapacity", 90}, {"maximumScalingStepSize", 4}}},
                            {"managedTerminationProtection", "ENABLED"}},
                           ap);
  CHECK(m.enabled);
  CHECK(m.target_capacity == 90);
  CHECK(m.min_step == 1);
  CHECK(m.max_step == 4);
  CHECK(m.warmup == Duration::seconds(300));
  CHECK(m.termination_protection);
  Diagnostic e = error_of([&] {
    read_managed_scaling({{"managedScaling", {{"minimumScalingStepSize", 5}, {"maximumScalingStepSize", 2}}}}, ap);
  });
  CHECK(e.pointer == ap + "/managedScaling/minimumScalingStepSize");
  CHECK(e.message == "expected at most maximumScalingStepSize (2)");
  e = error_of([&] {
    read_managed_scaling({{"managedScaling", {{"status", "DISABLED"}}}, {"managedTerminationProtection", "ENABLED"}},
                         ap);
  });
  CHECK(e.pointer == ap + "/managedTerminationProtection");
  CHECK(e.message == "managed termination protection requires managed scaling (status ENABLED)");
}

}  // namespace
}  // namespace fleetsim
