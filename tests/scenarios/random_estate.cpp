#include "tests/scenarios/random_estate.hpp"

#include <string>
#include <vector>

#include "tests/support/xorshift.hpp"

namespace fleetsim::testing {

namespace {

using Json = nlohmann::ordered_json;

/// Draws from the estate's seed; every choice of the generator goes through it, in a fixed order.
class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_{seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL} {
    if (rng_.state == 0) rng_.state = 1;
  }
  int between(int lo, int hi) { return lo + static_cast<int>(rng_.below(static_cast<std::uint64_t>(hi - lo + 1))); }
  bool chance(double p) { return rng_.unit() < p; }
  template <typename T>
  const T& one_of(const std::vector<T>& items) {
    return items[rng_.below(items.size())];
  }

 private:
  XorShift64 rng_;
};

std::string minutes(int m) { return std::to_string(m) + "m"; }

/// What the services of an estate run on: an EC2 cluster (Auto Scaling groups behind capacity providers), or
/// Fargate only.
struct Capacity {
  bool ec2 = false;
  bool spot = false;
  std::string cluster = "default";
};

void ec2_capacity(Draw& d, const std::vector<std::string>& zones, Capacity& cap, Json& scenario) {
  std::string subnets;
  for (const std::string& z : zones) subnets += (subnets.empty() ? "" : ",") + ("subnet-" + z.substr(z.size() - 2));
  Json groups = Json::array();
  groups.push_back({{"AutoScalingGroupName", "asg-od"},
                    {"InstanceType", d.one_of<std::string>({"m5.large", "m5.xlarge", "c5.xlarge", "t3.large"})},
                    {"MinSize", d.between(0, 1)},
                    {"MaxSize", d.between(4, 10)},
                    {"DesiredCapacity", d.between(1, 3)},
                    {"VPCZoneIdentifier", subnets},
                    {"NewInstancesProtectedFromScaleIn", d.chance(0.5)}});
  Json providers = Json::array();
  auto provider = [&](const std::string& name, const std::string& group) {
    Json p{{"name", name}, {"autoScalingGroupProvider", {{"autoScalingGroupArn", group}}}};
    Json& asg = p["autoScalingGroupProvider"];
    const bool managed = d.chance(0.7);
    if (managed) {
      asg["managedScaling"] = {
          {"status", "ENABLED"}, {"targetCapacity", d.between(70, 100)}, {"instanceWarmupPeriod", d.between(30, 300)}};
    }
    // ECS refuses managed termination protection without managed scaling.
    asg["managedTerminationProtection"] = managed && d.chance(0.5) ? "ENABLED" : "DISABLED";
    providers.push_back(p);
  };
  provider("cp-od", "asg-od");
  cap.spot = d.chance(0.5);
  if (cap.spot) {
    groups.push_back(
        {{"AutoScalingGroupName", "asg-spot"},
         {"MinSize", 0},
         {"MaxSize", d.between(4, 10)},
         {"DesiredCapacity", d.between(1, 3)},
         {"VPCZoneIdentifier", subnets},
         {"MixedInstancesPolicy",
          {{"LaunchTemplate",
            {{"Overrides", Json::array({{{"InstanceType", "c5.xlarge"}}, {{"InstanceType", "m5.xlarge"}}})}}},
           {"InstancesDistribution",
            {{"OnDemandBaseCapacity", 0},
             {"OnDemandPercentageAboveBaseCapacity", 0},
             {"SpotAllocationStrategy", "price-capacity-optimized"}}}}}});
    provider("cp-spot", "asg-spot");
  }
  if (groups[0]["DesiredCapacity"].get<int>() < groups[0]["MinSize"].get<int>()) groups[0]["DesiredCapacity"] = 1;
  scenario["autoScalingGroups"] = groups;
  scenario["capacityProviders"] = providers;
  Json names = Json::array({"cp-od"});
  if (cap.spot) names.push_back("cp-spot");
  scenario["clusters"] = Json::array({{{"clusterName", "prod"}, {"capacityProviders", names}}});
  cap.ec2 = true;
  cap.cluster = "prod";
}

Json startup(Draw& d) { return {{"dist", "uniform"}, {"min", d.between(1, 5)}, {"max", d.between(6, 20)}}; }

/// A task definition for a web service: Fargate sizes, or EC2 container reservations in bridge or awsvpc mode.
Json web_task_definition(Draw& d, const std::string& family, bool ec2, bool awsvpc, const std::string& image) {
  Json container{{"name", "app"}, {"image", image}, {"essential", true}};
  Json port{{"containerPort", 8080}};
  if (ec2 && !awsvpc) port["hostPort"] = 0;
  container["portMappings"] = Json::array({port});
  container["x-fleetsim"] = {{"startupTime", startup(d)}};
  if (d.chance(0.4)) container["x-fleetsim"]["maxConcurrency"] = d.between(4, 64);
  Json td{{"family", family},
          {"networkMode", awsvpc ? "awsvpc" : "bridge"},
          {"requiresCompatibilities", Json::array({ec2 ? "EC2" : "FARGATE"})}};
  if (ec2) {
    container["cpu"] = d.one_of<int>({256, 512, 1024});
    container["memory"] = d.one_of<int>({512, 1024, 2048});
    if (d.chance(0.5)) container["memoryReservation"] = container["memory"].get<int>() / 2;
  } else {
    const int cpu = d.one_of<int>({256, 512, 1024, 2048});
    td["cpu"] = std::to_string(cpu);
    td["memory"] = std::to_string(cpu * 2);
  }
  td["containerDefinitions"] = Json::array({container});
  return td;
}

Json target_tracking(const std::string& resource, const std::string& name, Draw& d) {
  return {{"PolicyName", name},
          {"ServiceNamespace", "ecs"},
          {"ResourceId", resource},
          {"ScalableDimension", "ecs:service:DesiredCount"},
          {"PolicyType", "TargetTrackingScaling"},
          {"TargetTrackingScalingPolicyConfiguration",
           {{"TargetValue", d.between(40, 75)},
            {"PredefinedMetricSpecification", {{"PredefinedMetricType", "ECSServiceAverageCPUUtilization"}}},
            {"ScaleOutCooldown", d.between(60, 300)},
            {"ScaleInCooldown", d.between(60, 300)}}}};
}

/// Step scaling out and in on the service's CPU, through two CloudWatch alarms.
void step_scaling(const std::string& resource, const std::string& service, const Capacity& cap, Draw& d,
                  Json& scenario) {
  const std::string out = service + "-out", in = service + "-in";
  scenario["scalingPolicies"].push_back(
      {{"PolicyName", out},
       {"ServiceNamespace", "ecs"},
       {"ResourceId", resource},
       {"ScalableDimension", "ecs:service:DesiredCount"},
       {"PolicyType", "StepScaling"},
       {"StepScalingPolicyConfiguration",
        {{"AdjustmentType", d.chance(0.5) ? "ChangeInCapacity" : "PercentChangeInCapacity"},
         {"MinAdjustmentMagnitude", 1},
         {"Cooldown", d.between(60, 300)},
         {"StepAdjustments",
          Json::array({{{"MetricIntervalLowerBound", 0}, {"ScalingAdjustment", d.between(1, 3)}}})}}}});
  scenario["scalingPolicies"].push_back(
      {{"PolicyName", in},
       {"ServiceNamespace", "ecs"},
       {"ResourceId", resource},
       {"ScalableDimension", "ecs:service:DesiredCount"},
       {"PolicyType", "StepScaling"},
       {"StepScalingPolicyConfiguration",
        {{"AdjustmentType", "ChangeInCapacity"},
         {"Cooldown", d.between(60, 300)},
         {"StepAdjustments", Json::array({{{"MetricIntervalUpperBound", 0}, {"ScalingAdjustment", -1}}})}}}});
  const Json dims =
      Json::array({{{"Name", "ClusterName"}, {"Value", cap.cluster}}, {{"Name", "ServiceName"}, {"Value", service}}});
  auto alarm = [&](const std::string& name, int threshold, const char* op, const std::string& policy) {
    scenario["alarms"].push_back({{"AlarmName", name},
                                  {"Namespace", "AWS/ECS"},
                                  {"MetricName", "CPUUtilization"},
                                  {"Dimensions", dims},
                                  {"Statistic", "Average"},
                                  {"Period", 60},
                                  {"EvaluationPeriods", d.between(1, 3)},
                                  {"Threshold", threshold},
                                  {"ComparisonOperator", op},
                                  {"TreatMissingData", d.one_of<std::string>({"missing", "notBreaching", "breaching"})},
                                  {"AlarmActions", Json::array({policy})}});
  };
  alarm(service + "-cpu-high", d.between(60, 85), "GreaterThanThreshold", out);
  alarm(service + "-cpu-low", d.between(10, 35), "LessThanThreshold", in);
}

struct ServicePlan {
  std::string name;
  bool web = true;
  bool ec2 = false;
};

/// One service with everything it needs: task definition(s), image, target group and ALB or queue, workload,
/// scaling.
ServicePlan add_service(int i, Draw& d, const Capacity& cap, int duration_min, Json& scenario) {
  ServicePlan plan;
  plan.name = "svc" + std::to_string(i);
  plan.ec2 = cap.ec2 && d.chance(0.6);
  plan.web = d.chance(0.75);
  const std::string image = plan.name + ":v1";
  scenario["images"].push_back({{"image", image}, {"sizeMiB", d.between(50, 400)}});
  Json service{{"serviceName", plan.name}, {"cluster", cap.cluster}, {"taskDefinition", plan.name + ":1"}};
  Json td;
  if (plan.web) {
    const bool awsvpc = !plan.ec2 || d.chance(0.4);
    td = web_task_definition(d, plan.name, plan.ec2, awsvpc, image);
    const std::string tg = plan.name + "-tg", alb = plan.name + "-alb";
    Json attributes = Json::array(
        {{{"Key", "load_balancing.algorithm.type"},
          {"Value", d.one_of<std::string>({"round_robin", "least_outstanding_requests", "weighted_random"})}},
         {{"Key", "deregistration_delay.timeout_seconds"}, {"Value", std::to_string(d.between(0, 60))}}});
    scenario["targetGroups"].push_back(
        {{"Name", tg},
         {"Protocol", "HTTP"},
         {"Port", 8080},
         {"TargetType", awsvpc ? "ip" : "instance"},
         {"HealthCheckIntervalSeconds", d.one_of<int>({10, 15, 30})},  // over the default 5 s timeout
         {"HealthyThresholdCount", d.between(2, 5)},
         {"Attributes", attributes}});
    scenario["loadBalancers"].push_back(
        {{"Name", alb},
         {"Listeners",
          Json::array({{{"Port", 80},
                        {"Protocol", "HTTP"},
                        {"DefaultActions", Json::array({{{"Type", "forward"}, {"TargetGroupArn", tg}}})}}})}});
    service["loadBalancers"] =
        Json::array({{{"targetGroupArn", tg}, {"containerName", "app"}, {"containerPort", 8080}}});
    service["healthCheckGracePeriodSeconds"] = d.between(0, 60);
    Json rate = d.chance(0.5)
                    ? Json(d.between(10, 150))
                    : Json{{"pattern", "steps"},
                           {"steps", Json::array({{{"at", "0s"}, {"rate", d.between(10, 80)}},
                                                  {{"at", minutes(duration_min / 3)}, {"rate", d.between(40, 200)}}})}};
    scenario["workloads"].push_back(
        {{"name", plan.name + "-traffic"},
         {"target", {{"loadBalancer", alb}, {"port", 80}}},
         {"arrivals", {{"process", "poisson"}, {"rate", rate}}},
         {"request", {{"cpuMs", {{"dist", "exponential"}, {"mean", d.between(5, 60)}}}, {"timeout", "30s"}}}});
  } else {
    const std::string queue = plan.name + "-jobs";
    scenario["queues"].push_back(
        {{"QueueName", queue},
         {"Attributes",
          {{"VisibilityTimeout", std::to_string(d.between(30, 120))}, {"ReceiveMessageWaitTimeSeconds", "20"}}}});
    const int cpu = d.one_of<int>({512, 1024});
    Json container{{"name", "worker"},
                   {"image", image},
                   {"essential", true},
                   {"x-fleetsim", {{"queue", queue}, {"pollers", d.between(1, 4)}, {"startupTime", startup(d)}}}};
    if (plan.ec2) container["cpu"] = cpu, container["memory"] = 2 * cpu;
    td = {{"family", plan.name},
          {"networkMode", plan.ec2 ? "bridge" : "awsvpc"},
          {"requiresCompatibilities", Json::array({plan.ec2 ? "EC2" : "FARGATE"})}};
    if (!plan.ec2) td["cpu"] = std::to_string(cpu), td["memory"] = std::to_string(2 * cpu);
    td["containerDefinitions"] = Json::array({container});
    scenario["workloads"].push_back(
        {{"name", plan.name + "-producer"},
         {"target", {{"queue", queue}}},
         {"arrivals", {{"process", "poisson"}, {"rate", d.between(1, 8)}}},
         {"request", {{"cpuMs", {{"dist", "exponential"}, {"mean", d.between(100, 1500)}}}}}});
  }
  scenario["taskDefinitions"].push_back(td);
  service["desiredCount"] = d.between(1, 6);
  if (plan.ec2) {
    Json strategy = Json::array({{{"capacityProvider", "cp-od"}, {"base", d.between(0, 2)}, {"weight", 1}}});
    if (cap.spot && d.chance(0.6)) strategy.push_back({{"capacityProvider", "cp-spot"}, {"weight", d.between(1, 3)}});
    service["capacityProviderStrategy"] = strategy;
    service["placementStrategy"] =
        Json::array({d.one_of<Json>({{{"type", "binpack"}, {"field", "cpu"}},
                                     {{"type", "spread"}, {"field", "attribute:ecs.availability-zone"}},
                                     {{"type", "random"}}})});
  } else if (d.chance(0.3)) {
    service["capacityProviderStrategy"] = Json::array(
        {{{"capacityProvider", "FARGATE"}, {"weight", 1}}, {{"capacityProvider", "FARGATE_SPOT"}, {"weight", 1}}});
  } else {
    service["launchType"] = "FARGATE";
  }
  if (d.chance(0.5)) {
    service["deploymentConfiguration"] = {
        {"minimumHealthyPercent", d.one_of<int>({0, 50, 100})},
        {"maximumPercent", d.one_of<int>({100, 150, 200})},
        {"deploymentCircuitBreaker", {{"enable", d.chance(0.7)}, {"rollback", d.chance(0.5)}}}};
    // ECS refuses a configuration that can neither stop nor start a task.
    if (service["deploymentConfiguration"]["minimumHealthyPercent"] == 100 &&
        service["deploymentConfiguration"]["maximumPercent"] == 100)
      service["deploymentConfiguration"]["maximumPercent"] = 200;
  }
  scenario["services"].push_back(service);

  const int scaling = d.between(0, 2);  // none, target tracking, step scaling
  if (scaling > 0) {
    const std::string resource = "service/" + cap.cluster + "/" + plan.name;
    const int desired = service["desiredCount"].get<int>();
    scenario["scalableTargets"].push_back({{"ServiceNamespace", "ecs"},
                                           {"ResourceId", resource},
                                           {"ScalableDimension", "ecs:service:DesiredCount"},
                                           {"MinCapacity", d.between(1, desired)},
                                           {"MaxCapacity", desired + d.between(0, 8)}});
    if (scaling == 1) {
      scenario["scalingPolicies"].push_back(target_tracking(resource, plan.name + "-cpu", d));
    } else {
      step_scaling(resource, plan.name, cap, d, scenario);
    }
  }
  return plan;
}

/// A second revision of `plan`'s task definition, deployed mid-run; sometimes one that crashes after start, so the
/// circuit breaker (where enabled) fails the deployment.
void add_deployment(const ServicePlan& plan, Draw& d, int at_min, Json& scenario) {
  Json td;
  for (const Json& t : scenario["taskDefinitions"]) {
    if (t["family"] == plan.name) td = t;
  }
  Json& x = td["containerDefinitions"][0]["x-fleetsim"];
  if (d.chance(0.4)) {
    x["crashAfter"] = {{"dist", "uniform"}, {"min", 2}, {"max", 8}};
    x["exitCode"] = 137;
  }
  scenario["taskDefinitions"].push_back(td);
  scenario["timeline"].push_back({{"at", minutes(at_min)},
                                  {"action", "updateService"},
                                  {"service", plan.name},
                                  {"taskDefinition", plan.name + ":2"}});
}

}  // namespace

nlohmann::ordered_json random_estate(std::uint64_t seed) {
  Draw d(seed);
  const int duration_min = d.one_of<int>({15, 20, 30});
  std::vector<std::string> zones = {"us-east-1a", "us-east-1b"};
  if (d.chance(0.5)) zones.push_back("us-east-1c");
  Json scenario{{"name", "estate-" + std::to_string(seed)},
                {"simulation",
                 {{"duration", minutes(duration_min)},
                  {"seed", d.between(1, 1000000)},
                  {"metricsPeriod", "60s"},
                  {"region", "us-east-1"},
                  {"availabilityZones", zones}}}};
  Json subnets = Json::array();
  for (const std::string& z : zones)
    subnets.push_back({{"SubnetId", "subnet-" + z.substr(z.size() - 2)}, {"AvailabilityZone", z}});
  scenario["subnets"] = subnets;
  for (const char* list : {"taskDefinitions", "images", "targetGroups", "loadBalancers", "queues", "services",
                           "scalableTargets", "scalingPolicies", "alarms", "workloads", "timeline"})
    scenario[list] = Json::array();

  Capacity cap;
  if (d.chance(0.6)) ec2_capacity(d, zones, cap, scenario);
  std::vector<ServicePlan> plans;
  const int services = d.between(1, 3);
  for (int i = 0; i < services; ++i) plans.push_back(add_service(i, d, cap, duration_min, scenario));

  // The timeline: a few of every kind of action, before the end of the run.
  const int actions = d.between(0, 4);
  for (int a = 0; a < actions; ++a) {
    const int at = d.between(2, duration_min - 2);
    const ServicePlan& p = plans[static_cast<std::size_t>(d.between(0, services - 1))];
    switch (d.between(0, 5)) {
      case 0:
        scenario["timeline"].push_back(
            {{"at", minutes(at)}, {"action", "updateService"}, {"service", p.name}, {"desiredCount", d.between(0, 8)}});
        break;
      case 1:
        scenario["timeline"].push_back(
            {{"at", minutes(at)}, {"action", "killTasks"}, {"service", p.name}, {"percent", d.between(10, 100)}});
        break;
      case 2:
        scenario["timeline"].push_back({{"at", minutes(at)},
                                        {"action", "azOutage"},
                                        {"availabilityZone", d.one_of(zones)},
                                        {"duration", minutes(d.between(2, 10))}});
        break;
      case 3:
        if (cap.spot) {
          scenario["timeline"].push_back(
              {{"at", minutes(at)}, {"action", "spotInterruption"}, {"autoScalingGroup", "asg-spot"}, {"count", 1}});
        } else if (cap.ec2) {
          scenario["timeline"].push_back(
              {{"at", minutes(at)}, {"action", "terminateInstances"}, {"autoScalingGroup", "asg-od"}, {"count", 1}});
        }
        break;
      case 4:
        if (p.web)
          scenario["timeline"].push_back({{"at", minutes(at)},
                                          {"action", "setRate"},
                                          {"workload", p.name + "-traffic"},
                                          {"rate", d.between(0, 250)}});
        break;
      default:
        // One new revision per service: a second deploy of the same revision would change nothing.
        if (scenario["taskDefinitions"].size() < plans.size() + 1) add_deployment(p, d, at, scenario);
        break;
    }
  }
  // A scheduled RunTask rule: a batch job on the estate's capacity.
  if (d.chance(0.3)) {
    scenario["taskDefinitions"].push_back(
        {{"family", "batch"},
         {"networkMode", cap.ec2 ? "bridge" : "awsvpc"},
         {"requiresCompatibilities", Json::array({cap.ec2 ? "EC2" : "FARGATE"})},
         {"cpu", "512"},
         {"memory", "1024"},
         {"containerDefinitions",
          Json::array({{{"name", "job"},
                        {"image", "svc0:v1"},
                        {"x-fleetsim", {{"runTime", {{"dist", "uniform"}, {"min", 60}, {"max", 400}}}}}}})}});
    Json params{{"TaskDefinitionArn", "batch"}, {"TaskCount", d.between(1, 4)}};
    if (!cap.ec2) params["LaunchType"] = "FARGATE";
    scenario["rules"] =
        Json::array({{{"Name", "batch"},
                      {"ScheduleExpression", "rate(" + std::to_string(d.between(3, 10)) + " minutes)"},
                      {"State", "ENABLED"},
                      {"Targets", Json::array({{{"Id", "batch"}, {"Arn", cap.cluster}, {"EcsParameters", params}}})}}});
  }
  // Empty lists are left out, as a person writing the scenario would.
  Json out;
  for (auto& [key, value] : scenario.items()) {
    if (!(value.is_array() && value.empty())) out[key] = value;
  }
  return out;
}

nlohmann::ordered_json shrink_estate(nlohmann::ordered_json scenario,
                                     const std::function<bool(const nlohmann::ordered_json&)>& still_fails) {
  for (bool smaller = true; smaller;) {
    smaller = false;
    std::vector<std::string> keys;
    for (auto& [key, value] : scenario.items()) keys.push_back(key);
    for (const std::string& key : keys) {
      if (key == "name" || key == "simulation") continue;
      // The whole section, then its elements one by one, last first (so indices stay valid).
      Json without = scenario;
      without.erase(key);
      if (still_fails(without)) {
        scenario = without;
        smaller = true;
        continue;
      }
      if (!scenario[key].is_array()) continue;
      for (std::size_t i = scenario[key].size(); i-- > 0;) {
        Json fewer = scenario;
        fewer[key].erase(i);
        if (still_fails(fewer)) {
          scenario = fewer;
          smaller = true;
        }
      }
    }
  }
  return scenario;
}

}  // namespace fleetsim::testing
