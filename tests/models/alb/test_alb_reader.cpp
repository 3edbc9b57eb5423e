// The ALB readers without a World: good input gives the configs, bad input the pointer and message.

#include <catch2/catch.hpp>

#include "models/alb/alb_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

nlohmann::json attribute(const std::string& key, const std::string& value) { return {{"Key", key}, {"Value", value}}; }

TEST_CASE("a target group: AWS's defaults, attributes and what AWS refuses", "[alb][reader]") {
  TargetGroupConfig tg = read_target_group({{"Name", "web"}}, "/targetGroups/0");
  CHECK(tg.name == "web");
  CHECK(tg.target_type == "instance");
  CHECK(tg.algorithm == RoutingAlgorithm::kRoundRobin);
  CHECK(tg.deregistration_delay == Duration::seconds(300));
  CHECK(tg.health.interval == Duration::seconds(30));
  CHECK(tg.health.healthy_threshold == 5);
  CHECK(tg.health.initial_healthy_threshold == 1);

  tg = read_target_group({{"TargetGroupName", "api"},
                          {"TargetType", "ip"},
                          {"HealthCheckIntervalSeconds", 10},
                          {"Attributes",
                           {attribute("load_balancing.algorithm.type", "least_outstanding_requests"),
                            attribute("deregistration_delay.timeout_seconds", "0")}}},
                         "/targetGroups/1");
  CHECK(tg.name == "api");
  CHECK(tg.target_type == "ip");
  CHECK(tg.algorithm == RoutingAlgorithm::kLeastOutstandingRequests);
  CHECK(tg.deregistration_delay == Duration::seconds(0));
  CHECK(tg.health.interval == Duration::seconds(10));

  Diagnostic e = error_of([] { read_target_group({{"Port", 80}}, "/targetGroups/0"); });
  CHECK(e.pointer == "/targetGroups/0");
  CHECK(e.message == "missing required field \"Name\"");
  e = error_of([] {
    read_target_group({{"Name", "web"}, {"HealthCheckIntervalSeconds", 5}, {"HealthCheckTimeoutSeconds", 5}}, "/t/0");
  });
  CHECK(e.pointer == "/t/0/HealthCheckTimeoutSeconds");
  e = error_of([] {
    read_target_group({{"Name", "web"}, {"Attributes", {attribute("deregistration_delay.timeout", "5")}}}, "/t/0");
  });
  CHECK(e.pointer == "/t/0/Attributes/0/Key");
  CHECK(e.message ==
        "unknown target group attribute \"deregistration_delay.timeout\" (did you mean "
        "\"deregistration_delay.timeout_seconds\"?)");
  e = error_of([] {
    read_target_group({{"Name", "web"}, {"Attributes", {attribute("slow_start.duration_seconds", "10")}}}, "/t/0");
  });
  CHECK(e.pointer == "/t/0/Attributes/0/Value");
  CHECK(e.message == "expected a whole number of seconds from 30 to 900 (or 0), got \"10\"");
  // Slow start and least outstanding requests exclude each other (aws-facts §7 "LOR constraints").
  e = error_of([] {
    read_target_group({{"Name", "web"},
                       {"Attributes",
                        {attribute("slow_start.duration_seconds", "30"),
                         attribute("load_balancing.algorithm.type", "least_outstanding_requests")}}},
                      "/t/0");
  });
  CHECK(e.pointer == "/t/0/Attributes");
  // Cross-zone load balancing: on for an ALB's target groups unless the group turns it off (ALB-UG
  // "Cross-zone load balancing"; the default value is use_load_balancer_configuration).
  CHECK(read_target_group({{"Name", "web"}}, "/t/0").cross_zone);
  CHECK_FALSE(read_target_group(
                  {{"Name", "web"}, {"Attributes", {attribute("load_balancing.cross_zone.enabled", "false")}}}, "/t/0")
                  .cross_zone);
  e = error_of([] {
    read_target_group({{"Name", "web"}, {"Attributes", {attribute("load_balancing.cross_zone.enabled", "off")}}},
                      "/t/0");
  });
  CHECK(e.pointer == "/t/0/Attributes/0/Value");
}

TEST_CASE("load balancers: listeners, forward targets by name or ARN, and which group each one feeds",
          "[alb][reader]") {
  nlohmann::json section = nlohmann::json::parse(R"([
    {"Name": "web-lb", "SecurityGroups": ["sg-1"], "x-fleetsim": {"latency": 2},
     "Listeners": [
       {"Port": 8080, "DefaultActions": [{"Type": "forward",
         "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/abc"}]},
       {"Protocol": "HTTPS", "DefaultActions": [{"Type": "forward", "ForwardConfig": {"TargetGroups": [
         {"TargetGroupArn": "blue", "Weight": 90}, {"TargetGroupArn": "green", "Weight": 10}]}}]}]},
    {"LoadBalancerName": "other", "Listeners": [{"DefaultActions": [{"Type": "forward", "TargetGroupArn": "web"}]}]}
  ])");
  std::vector<LoadBalancerConfig> lbs = read_load_balancers(section);
  REQUIRE(lbs.size() == 2);
  CHECK(lbs[0].name == "web-lb");
  CHECK(lbs[0].security_groups == std::vector<std::string>{"sg-1"});
  CHECK(lbs[0].latency.has_value());
  REQUIRE(lbs[0].listeners.size() == 2);
  CHECK(lbs[0].listeners[0].port == 8080);
  REQUIRE(lbs[0].listeners[0].default_action.forward.size() == 1);
  CHECK(lbs[0].listeners[0].default_action.forward[0].target_group == "web");
  CHECK(lbs[0].listeners[0].default_action.forward[0].pointer ==
        "/loadBalancers/0/Listeners/0/DefaultActions/0/TargetGroupArn");
  CHECK(lbs[0].listeners[1].port == 443);  // HTTPS without Port
  REQUIRE(lbs[0].listeners[1].default_action.forward.size() == 2);
  CHECK(lbs[0].listeners[1].default_action.forward[1].target_group == "green");
  CHECK(lbs[0].listeners[1].default_action.forward[1].weight == 10);
  CHECK(lbs[0].listeners[1].default_action.forward[1].pointer ==
        "/loadBalancers/0/Listeners/1/DefaultActions/0/ForwardConfig/TargetGroups/1/TargetGroupArn");
  CHECK(lbs[1].name == "other");
  CHECK(lbs[1].listeners[0].port == 80);
  // The first load balancer in file order gives a group its LoadBalancer dimension.
  std::map<std::string, std::string> owner = load_balancer_of_groups(lbs);
  CHECK(owner == std::map<std::string, std::string>{{"blue", "web-lb"}, {"green", "web-lb"}, {"web", "web-lb"}});
}

TEST_CASE("listeners: what is refused, at its pointer", "[alb][reader]") {
  Diagnostic e = error_of([] { read_load_balancers(nlohmann::json::parse(R"([{"Listeners": []}])")); });
  CHECK(e.pointer == "/loadBalancers/0");
  CHECK(e.message == "missing required field \"Name\"");
  e = error_of([] { read_listener(nlohmann::json::parse(R"({"DefaultActions": []})"), "/l"); });
  CHECK(e.pointer == "/l/DefaultActions");
  CHECK(e.message == "expected at least one action");
  e = error_of([] { read_listener(nlohmann::json::parse(R"({"DefaultActions": [{"Type": "redirect"}]})"), "/l"); });
  CHECK(e.pointer == "/l/DefaultActions/0/Type");
  CHECK(e.message == "only \"forward\" and \"fixed-response\" actions are simulated");
  e = error_of([] { read_listener(nlohmann::json::parse(R"({"DefaultActions": [{"Type": "forward"}]})"), "/l"); });
  CHECK(e.pointer == "/l/DefaultActions/0");
  CHECK(e.message == "a forward action needs \"TargetGroupArn\" or \"ForwardConfig\"");
}

}  // namespace
}  // namespace fleetsim

namespace fleetsim {
namespace {

// ModifyLoadBalancerAttributes: idle_timeout.timeout_seconds is 1-4000 s, default 60 (ALB-UG "Connection idle
// timeout"); cross-zone load balancing is always on for an ALB (ALB-UG "Cross-zone load balancing").
TEST_CASE("load balancer attributes: the idle timeout, and what an ALB refuses", "[alb][reader]") {
  auto lb = [](const std::string& key, const std::string& value) {
    return nlohmann::json::array(
        {{{"Name", "lb"}, {"Attributes", nlohmann::json::array({{{"Key", key}, {"Value", value}}})}}});
  };
  CHECK(read_load_balancers(nlohmann::json::parse(R"([{"Name": "lb"}])"))[0].idle_timeout == Duration::seconds(60));
  CHECK(read_load_balancers(lb("idle_timeout.timeout_seconds", "120"))[0].idle_timeout == Duration::seconds(120));
  CHECK(read_load_balancers(lb("routing.http2.enabled", "false"))[0].idle_timeout == Duration::seconds(60));
  Diagnostic e = error_of([&] { read_load_balancers(lb("idle_timeout.timeout_seconds", "0")); });
  CHECK(e.pointer == "/loadBalancers/0/Attributes/0/Value");
  CHECK(e.message == "expected a whole number of seconds from 1 to 4000, got \"0\"");
  e = error_of([&] { read_load_balancers(lb("idle_timeout.timeout_second", "30")); });
  CHECK(e.pointer == "/loadBalancers/0/Attributes/0/Key");
  CHECK(e.message ==
        "unknown load balancer attribute \"idle_timeout.timeout_second\" (did you mean "
        "\"idle_timeout.timeout_seconds\"?)");
  e = error_of([&] { read_load_balancers(lb("load_balancing.cross_zone.enabled", "false")); });
  CHECK(e.pointer == "/loadBalancers/0/Attributes/0/Value");
}

}  // namespace
}  // namespace fleetsim
