// EKS against ECS at the same shape and load (issue #19: EKS within 20 % of ECS): 200 m5.2xlarge
// instances in three AZs running 5,000 containers of 250 millicores behind one ALB (round robin), under
// Poisson traffic of 20,000 requests/s of exponential 20 ms demand, for 10 simulated minutes. On ECS the
// instances are an Auto Scaling group's and the containers one service's tasks (bridge mode, instance:port
// targets); on EKS the instances are a managed node group's and the containers a Deployment's pods behind
// an Ingress (target-type ip). Both are timed in the same process, alternating, in processor time; the
// figure is answered requests per processor-second, start-up (instances booting, placement or scheduling)
// included.
//
//   bench_eks_vs_ecs [ROUNDS]

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/run_timed.hpp"

using namespace fleetsim;
using nlohmann::json;

namespace {

constexpr int kNodes = 200;
constexpr int kContainers = 5000;
constexpr double kRate = 20000;

json common(const char* name) {
  return {{"name", name},
          {"simulation", {{"duration", "10m"}, {"seed", 1}, {"metricsPeriod", "60s"}, {"region", "us-east-1"}}},
          {"subnets",
           {{{"SubnetId", "subnet-a"}, {"AvailabilityZone", "us-east-1a"}},
            {{"SubnetId", "subnet-b"}, {"AvailabilityZone", "us-east-1b"}},
            {{"SubnetId", "subnet-c"}, {"AvailabilityZone", "us-east-1c"}}}},
          {"images", {{{"image", "app:1"}, {"sizeMiB", 200}}}},
          {"outputs", {{"metrics", json::array({"fleetsim/CostUSD"})}, {"events", false}, {"report", false}}}};
}

json workload(json target) {
  return {{"name", "load"},
          {"target", std::move(target)},
          {"arrivals", {{"process", "poisson"}, {"rate", kRate}}},
          {"request", {{"cpuMs", {{"dist", "exponential"}, {"mean", 20}}}, {"timeout", "30s"}}}};
}

json ecs_scenario() {
  json s = common("ecs-200-instances");
  s["autoScalingGroups"] = {{{"AutoScalingGroupName", "fleet"},
                             {"InstanceType", "m5.2xlarge"},
                             {"MinSize", kNodes},
                             {"MaxSize", kNodes},
                             {"DesiredCapacity", kNodes},
                             {"VPCZoneIdentifier", "subnet-a,subnet-b,subnet-c"}}};
  s["taskDefinitions"] = {{{"family", "app"},
                           {"networkMode", "bridge"},
                           {"requiresCompatibilities", {"EC2"}},
                           {"containerDefinitions",
                            {{{"name", "app"},
                              {"image", "app:1"},
                              {"cpu", 256},
                              {"memoryReservation", 512},
                              {"portMappings", {{{"containerPort", 8080}, {"hostPort", 0}}}}}}}}};
  s["targetGroups"] = {{{"Name", "app-tg"}, {"Port", 8080}, {"TargetType", "instance"}}};
  s["loadBalancers"] = {
      {{"Name", "app-alb"},
       {"Listeners", {{{"Port", 80}, {"DefaultActions", {{{"Type", "forward"}, {"TargetGroupArn", "app-tg"}}}}}}}}};
  s["services"] = {
      {{"serviceName", "app"},
       {"taskDefinition", "app"},
       {"desiredCount", kContainers},
       {"launchType", "EC2"},
       {"placementStrategy", {{{"type", "spread"}, {"field", "instanceId"}}}},
       {"loadBalancers", {{{"targetGroupArn", "app-tg"}, {"containerName", "app"}, {"containerPort", 8080}}}}}};
  s["workloads"] = {workload({{"loadBalancer", "app-alb"}, {"port", 80}})};
  return s;
}

json eks_scenario() {
  json s = common("eks-200-nodes");
  s["eksClusters"] = {
      {{"name", "prod"}, {"resourcesVpcConfig", {{"subnetIds", {"subnet-a", "subnet-b", "subnet-c"}}}}}};
  s["nodegroups"] = {{{"clusterName", "prod"},
                      {"nodegroupName", "general"},
                      {"instanceTypes", {"m5.2xlarge"}},
                      {"scalingConfig", {{"minSize", kNodes}, {"maxSize", kNodes}, {"desiredSize", kNodes}}}}};
  // The Kubernetes objects as a manifest would hold them; the replica count is filled in below.
  json objects = json::parse(R"([
    {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
     "spec": {"selector": {"matchLabels": {"app": "web"}},
              "template": {"metadata": {"labels": {"app": "web"}},
                           "spec": {"containers": [{"name": "app", "image": "app:1", "ports": [{"containerPort": 8080}],
                                                    "resources": {"requests": {"cpu": "250m", "memory": "512Mi"}}}]}}}},
    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
     "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}},
    {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
     "metadata": {"name": "web", "annotations": {"alb.ingress.kubernetes.io/target-type": "ip"}},
     "spec": {"ingressClassName": "alb", "defaultBackend": {"service": {"name": "web", "port": {"number": 80}}}}}
  ])");
  objects[0]["spec"]["replicas"] = kContainers;
  s["kubernetes"] = {{{"cluster", "prod"}, {"objects", objects}}};
  s["workloads"] = {workload({{"ingress", "default/web"}, {"cluster", "prod"}})};
  return s;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  ModelRegistry registry;
  register_models(registry);
  const std::filesystem::path dir = std::filesystem::temp_directory_path();
  std::vector<LoadedScenario> loaded;
  for (const json& s : {ecs_scenario(), eks_scenario()}) {
    const std::filesystem::path file = dir / (s["name"].get<std::string>() + ".json");
    std::ofstream(file) << s.dump(1);
    loaded.push_back(load_scenario(file.string(), ScenarioOverrides{}, registry));
  }
  std::vector<double> ecs, eks;
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t k = 0; k < loaded.size(); ++k) {
      const bench::TimedRun run = bench::run_timed(loaded[k], registry);
      const double ok = run.summary["requests"]["ok"].get<double>();
      std::printf("%s round %d: %.0f requests answered (%.0f in all) in %.2f cpu-s: %.0f per cpu-second\n",
                  k == 0 ? "ECS" : "EKS", r + 1, ok, run.summary["requests"]["total"].get<double>(), run.seconds,
                  ok / run.seconds);
      (k == 0 ? ecs : eks).push_back(ok / run.seconds);
    }
  }
  const double a = median(ecs), b = median(eks);
  std::printf("median of %d: ECS %.0f, EKS %.0f answered requests per cpu-second; EKS / ECS = %.2f\n", rounds, a, b,
              b / a);
  return 0;
}
