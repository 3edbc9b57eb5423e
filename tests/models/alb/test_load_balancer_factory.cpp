// Target groups and listeners created on request (LoadBalancerFactory, as the AWS Load Balancer Controller
// creates them for an Ingress) from a model built after alb: the section's reading of health checks and
// attributes, the metric sources, a request through the listener reaching a registered target, and
// located errors for bad requests.

#include <catch2/catch.hpp>

#include "models/alb/alb_section.hpp"
#include "models/alb/target_group.hpp"
#include "models/registry.hpp"
#include "sim/scenario/json_reader.hpp"
#include "tests/support/model_world.hpp"

namespace fleetsim {
namespace {

const LoadBalancerSpec kIngressAlb{"k8s-default-web", {"sg-alb"}};

// A model ranked after alb (as EKS, 75) that creates the scenario's "late" target groups, then listeners.
void build_late(const nlohmann::json& scenario, World& world) {
  auto late = scenario.find("late");
  if (late == scenario.end()) return;
  LoadBalancerFactory& alb = world.need<LoadBalancerFactory>("alb", "/late", "load balancing");
  const nlohmann::json& groups = (*late)["targetGroups"];
  for (std::size_t i = 0; i < groups.size(); ++i)
    alb.create_target_group(groups[i], kIngressAlb, append_pointer("/late/targetGroups", i));
  const nlohmann::json& listeners = (*late)["listeners"];
  for (std::size_t i = 0; i < listeners.size(); ++i)
    alb.create_listener(listeners[i], kIngressAlb, append_pointer("/late/listeners", i));
}

// Adds the late model at rank 75.
void register_late(ModelRegistry& r) { r.add_model({"late", 75, &build_late}); }

// A pod that answers health checks and serves each request in 10 ms.
struct Pod : ServingTarget, TargetOwner {
  Engine* engine = nullptr;
  std::vector<double> requests;  // cpu_ms of each request (health checks cost 1 ms and are not kept)
  bool healthy = false;
  struct Pending {
    std::uint32_t token;
    ServingObserver* observer;
  };
  std::vector<std::unique_ptr<Pending>> pending;

  ProbeAnswer probe_answer() const override { return ProbeAnswer::kHealthy; }
  void serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) override {
    if (cpu_ms > 1) requests.push_back(cpu_ms);
    pending.push_back(std::make_unique<Pending>(Pending{token, observer}));
    engine->schedule_after(Duration::millis(10), &Pod::finish, pending.back().get(), 0);
  }
  static void finish(void* ctx, std::uint64_t) {
    auto* p = static_cast<Pending*>(ctx);
    p->observer->on_served(p->token);
  }
  std::uint32_t outstanding() const override { return 0; }
  void on_target_healthy(const std::string&) override { healthy = true; }
  void on_target_unhealthy(const std::string&, const std::string&) override { healthy = false; }
  void on_target_drained() override {}
};

// An Ingress's target group as the controller would create it (target-type ip, its health-check annotations).
nlohmann::json web_group() {
  return {{"Name", "k8s-default-web-1a2b3c"},
          {"Protocol", "HTTP"},
          {"Port", 8080},
          {"TargetType", "ip"},
          {"HealthCheckPath", "/healthz"},
          {"HealthCheckIntervalSeconds", 10},
          {"HealthCheckTimeoutSeconds", 4},
          {"HealthyThresholdCount", 2},
          {"UnhealthyThresholdCount", 3},
          {"Attributes",
           {{{"Key", "deregistration_delay.timeout_seconds"}, {"Value", "30"}},
            {{"Key", "slow_start.duration_seconds"}, {"Value", "60"}},
            {{"Key", "load_balancing.algorithm.type"}, {"Value", "weighted_random"}}}}};
}

// One group of the section, which requests may forward to and must not clash with.
nlohmann::json base_scenario() { return {{"targetGroups", {{{"Name", "ecs-tg"}, {"TargetType", "ip"}}}}}; }

TEST_CASE("a target group created by a later model is read like the section's", "[alb][factory]") {
  nlohmann::json scenario = base_scenario();
  scenario["late"] = {{"targetGroups", {web_group()}}, {"listeners", nlohmann::json::array()}};
  testing::ModelWorld run({&register_alb, &register_late}, scenario);
  TargetGroupPort* port = run.world.find<TargetGroupPort>("k8s-default-web-1a2b3c");
  REQUIRE(port != nullptr);
  CHECK(port->target_type() == "ip");
  CHECK(port->load_balancer() == "k8s-default-web");
  CHECK(port->source_security_groups() == std::vector<std::string>{"sg-alb"});
  const TargetGroupConfig& c = dynamic_cast<TargetGroup&>(*port).config();
  CHECK(c.health.enabled);
  CHECK(c.health.interval == Duration::seconds(10));
  CHECK(c.health.timeout == Duration::seconds(4));
  CHECK(c.health.healthy_threshold == 2);
  CHECK(c.health.unhealthy_threshold == 3);
  CHECK(c.deregistration_delay == Duration::seconds(30));
  CHECK(c.slow_start == Duration::seconds(60));
  CHECK(c.algorithm == RoutingAlgorithm::kWeightedRandom);
  // Alarms find RequestCountPerTarget with and without the LoadBalancer dimension.
  const MetricSource* by_group = run.world.find<const MetricSource>(metric_source_key(
      "AWS/ApplicationELB", "RequestCountPerTarget", make_dimensions({{"TargetGroup", "k8s-default-web-1a2b3c"}})));
  const MetricSource* by_both = run.world.find<const MetricSource>(metric_source_key(
      "AWS/ApplicationELB", "RequestCountPerTarget",
      make_dimensions({{"LoadBalancer", "k8s-default-web"}, {"TargetGroup", "k8s-default-web-1a2b3c"}})));
  CHECK(by_group == dynamic_cast<const MetricSource*>(port));
  CHECK(by_both == by_group);
  // Defaults where the request says nothing (aws-facts §7): round robin, 300 s delay, 30 s / 5 s checks.
  const TargetGroupConfig& ecs = dynamic_cast<TargetGroup&>(*run.world.find<TargetGroupPort>("ecs-tg")).config();
  CHECK(ecs.algorithm == RoutingAlgorithm::kRoundRobin);
  CHECK(ecs.deregistration_delay == Duration::seconds(300));
}

TEST_CASE("a request through a created listener reaches a target of a created group", "[alb][factory]") {
  nlohmann::json scenario = base_scenario();
  nlohmann::json api = web_group();
  api["Name"] = "k8s-default-api-4d5e6f";
  scenario["late"] = {
      {"targetGroups", {web_group(), api}},
      {"listeners",
       {{{"Port", 80},
         {"Protocol", "HTTP"},
         {"DefaultActions", {{{"Type", "forward"}, {"TargetGroupArn", "k8s-default-web-1a2b3c"}}}}},
        // Weighted forwarding, by ARN: weight 0 sends nothing to the first group.
        {{"Port", 8443},
         {"DefaultActions",
          {{{"Type", "forward"},
            {"ForwardConfig",
             {{"TargetGroups",
               {{{"TargetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/ecs-tg/abc"},
                 {"Weight", 0}},
                {{"TargetGroupArn", "k8s-default-api-4d5e6f"}, {"Weight", 1}}}}}}}}}}}}};
  testing::ModelWorld run({&register_alb, &register_late}, scenario);
  RequestSink* web = run.world.find<RequestSink>("k8s-default-web:80");
  RequestSink* weighted = run.world.find<RequestSink>("k8s-default-web:8443");
  REQUIRE(web != nullptr);
  REQUIRE(weighted != nullptr);

  Pod web_pod, api_pod;
  web_pod.engine = api_pod.engine = &run.engine;
  run.world.find<TargetGroupPort>("k8s-default-web-1a2b3c")
      ->register_target(&web_pod, {"10.0.1.5:8080", "us-east-1a"}, &web_pod);
  run.world.find<TargetGroupPort>("k8s-default-api-4d5e6f")
      ->register_target(&api_pod, {"10.0.2.7:8080", "us-east-1b"}, &api_pod);
  // Registration takes the catalogue's 10 s, the first check follows one 10 s interval later, and one passing
  // check makes a new target healthy (aws-facts §7 "Initial health", "Target registration latency").
  run.engine.run_until(SimTime::zero() + Duration::seconds(19));
  CHECK_FALSE(web_pod.healthy);
  run.engine.run_until(SimTime::zero() + Duration::seconds(25));
  CHECK(web_pod.healthy);
  CHECK(api_pod.healthy);
  web->on_request({25, Duration::seconds(60)});
  weighted->on_request({40, Duration::seconds(60)});
  weighted->on_request({41, Duration::seconds(60)});
  run.engine.run_until(SimTime::zero() + Duration::seconds(26));
  CHECK(web_pod.requests == std::vector<double>{25});
  CHECK(api_pod.requests == std::vector<double>{40, 41});
  CHECK(run.world.requests.ok == 3);
}

TEST_CASE("a bad target group or listener request is a ScenarioError at the pointer given", "[alb][factory]") {
  nlohmann::json scenario = base_scenario();
  scenario["late"] = {{"targetGroups", {web_group()}}, {"listeners", nlohmann::json::array()}};
  testing::ModelWorld run({&register_alb, &register_late}, scenario);
  LoadBalancerFactory* alb = run.world.find<LoadBalancerFactory>("alb");
  REQUIRE(alb != nullptr);
  nlohmann::json other = web_group();
  other["Name"] = "other";
  // The section's shape is checked first (no exception from the JSON library), then the section's own checks.
  testing::check_bad_requests(
      other,
      {{"/HealthCheckIntervalSeconds", "10s", "/ingress/2/HealthCheckIntervalSeconds", "expected"},
       {"/HealthCheckTimeoutSeconds", 10, "/ingress/2/HealthCheckTimeoutSeconds",
        "must be shorter than HealthCheckIntervalSeconds (10)"},
       {"/Attributes/1/Key", "slow_start.duration_second", "/ingress/2/Attributes/1/Key",
        "unknown target group attribute \"slow_start.duration_second\" (did you mean "
        "\"slow_start.duration_seconds\"?)"},
       {"/Attributes/0/Value", "5000", "/ingress/2/Attributes/0/Value",
        "expected a whole number of seconds from 0 to 3600 (or 0), got \"5000\""},
       {"/Attributes/2/Value", "least_outstanding_requests", "/ingress/2/Attributes",
        "slow_start.duration_seconds cannot be combined with least_outstanding_requests"},
       {"/Name", "k8s-default-web-1a2b3c", "/ingress/2/Name",
        "target group \"k8s-default-web-1a2b3c\" is defined twice"}},
      [&](const nlohmann::json& request) { alb->create_target_group(request, kIngressAlb, "/ingress/2"); });

  nlohmann::json listener{{"Port", 80},
                          {"DefaultActions", {{{"Type", "forward"}, {"TargetGroupArn", "k8s-default-web-1a2b3c"}}}}};
  auto create_listener = [&](const nlohmann::json& request) {
    alb->create_listener(request, kIngressAlb, "/ingress/2/listener");
  };
  testing::check_bad_requests(
      listener,
      {{"/DefaultActions", nullptr, "/ingress/2/listener", "missing required field \"DefaultActions\""},
       {"/DefaultActions/0/Type", "redirect", "/ingress/2/listener/DefaultActions/0/Type",
        "only \"forward\" and \"fixed-response\" actions are simulated"},
       {"/DefaultActions/0/TargetGroupArn", "k8s-default-web-1a2b3",
        "/ingress/2/listener/DefaultActions/0/TargetGroupArn",
        "no target group named \"k8s-default-web-1a2b3\" (did you mean \"k8s-default-web-1a2b3c\"?)"}},
      create_listener);
  create_listener(listener);
  testing::check_bad_requests(listener,
                              {{"/DefaultActions/0/TargetGroupArn", "ecs-tg", "/ingress/2/listener/Port",
                                "load balancer \"k8s-default-web\" has two listeners on port 80"}},
                              create_listener);
}

}  // namespace
}  // namespace fleetsim
