// EKS against ECS at the same shape and load (issue #19: EKS within 20 % of ECS): 200 m5.2xlarge
// instances in three AZs running 5,000 containers of 250 millicores behind one ALB (round robin), under
// Poisson traffic of 20,000 requests/s of exponential 20 ms demand, for 10 simulated minutes. On ECS the
// instances are an Auto Scaling group's and the containers one service's tasks (bridge mode, instance:port
// targets); on EKS the instances are a managed node group's and the containers a Deployment's pods behind
// an Ingress (target-type ip). Both are timed in the same process, alternating, in processor time; the
// figure is answered requests per processor-second, start-up (instances booting, placement or scheduling)
// included. Each round times both, ECS first in odd rounds and EKS first in even ones, and the ratio is
// the median of the rounds' own ratios: on a shared machine whose speed drifts by tens of percent over
// minutes, pairing the two runs of a round cancels the drift that medians of each side taken apart keep.
//
//   bench_eks_vs_ecs [ROUNDS [NODES [DURATION]]]
//
// NODES (default 200) scales the whole shape: 25 containers and 100 requests/s per instance; DURATION
// (default 10m) is the simulated time. A smaller shape (40 nodes, 2m) suits callgrind.

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

// When the containers are deployed: once every instance of the group is in service (the 200 instances
// are running, ECS-registered or Ready nodes by 75 s), as a user applies the Deployment after `eksctl
// create nodegroup` returns (or creates the ECS service after the Auto Scaling group is InService). Both
// sides deploy at the same time, so both place onto the whole fleet at once: kube-scheduler spreads the
// pods evenly (LeastAllocated scoring), as ECS's spread strategy does. Deployed at start, the nodes
// would join one by one and kube-scheduler would fill the first (31 pods on 162 of 200 nodes).
constexpr const char* kDeployAt = "90s";

/// The shape: instances, containers on them, requests per second, simulated time.
struct BenchShape {
  int nodes = 200;                               ///< instances (nodes)
  int containers() const { return 25 * nodes; }  ///< tasks (pods)
  double rate() const { return 100.0 * nodes; }  ///< Poisson requests per second
  std::string duration = "10m";                  ///< simulated time
};

json common(const std::string& name, const BenchShape& shape) {
  return {
      {"name", name},
      {"simulation", {{"duration", shape.duration}, {"seed", 1}, {"metricsPeriod", "60s"}, {"region", "us-east-1"}}},
      {"subnets",
       {{{"SubnetId", "subnet-a"}, {"AvailabilityZone", "us-east-1a"}},
        {{"SubnetId", "subnet-b"}, {"AvailabilityZone", "us-east-1b"}},
        {{"SubnetId", "subnet-c"}, {"AvailabilityZone", "us-east-1c"}}}},
      {"images", {{{"image", "app:1"}, {"sizeMiB", 200}}}},
      {"outputs", {{"metrics", json::array({"fleetsim/CostUSD"})}, {"events", false}, {"report", false}}}};
}

json workload(json target, const BenchShape& shape) {
  return {{"name", "load"},
          {"target", std::move(target)},
          {"arrivals", {{"process", "poisson"}, {"rate", shape.rate()}}},
          {"request", {{"cpuMs", {{"dist", "exponential"}, {"mean", 20}}}, {"timeout", "30s"}}}};
}

json ecs_scenario(const BenchShape& shape) {
  json s = common("ecs-" + std::to_string(shape.nodes) + "-instances", shape);
  s["autoScalingGroups"] = {{{"AutoScalingGroupName", "fleet"},
                             {"InstanceType", "m5.2xlarge"},
                             {"MinSize", shape.nodes},
                             {"MaxSize", shape.nodes},
                             {"DesiredCapacity", shape.nodes},
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
       {"desiredCount", 0},
       {"launchType", "EC2"},
       {"placementStrategy", {{{"type", "spread"}, {"field", "instanceId"}}}},
       {"loadBalancers", {{{"targetGroupArn", "app-tg"}, {"containerName", "app"}, {"containerPort", 8080}}}}}};
  s["workloads"] = {workload({{"loadBalancer", "app-alb"}, {"port", 80}}, shape)};
  s["timeline"] = {
      {{"at", kDeployAt}, {"action", "updateService"}, {"service", "app"}, {"desiredCount", shape.containers()}}};
  return s;
}

json eks_scenario(const BenchShape& shape) {
  json s = common("eks-" + std::to_string(shape.nodes) + "-nodes", shape);
  s["eksClusters"] = {
      {{"name", "prod"}, {"resourcesVpcConfig", {{"subnetIds", {"subnet-a", "subnet-b", "subnet-c"}}}}}};
  s["nodegroups"] = {
      {{"clusterName", "prod"},
       {"nodegroupName", "general"},
       {"instanceTypes", {"m5.2xlarge"}},
       {"scalingConfig", {{"minSize", shape.nodes}, {"maxSize", shape.nodes}, {"desiredSize", shape.nodes}}}}};
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
  objects[0]["spec"]["replicas"] = shape.containers();
  s["kubernetes"] = {{{"cluster", "prod"}, {"objects", {objects[1], objects[2]}}}};
  s["timeline"] = {{{"at", kDeployAt}, {"action", "kubectlApply"}, {"cluster", "prod"}, {"objects", {objects[0]}}}};
  s["workloads"] = {workload({{"ingress", "default/web"}, {"cluster", "prod"}}, shape)};
  return s;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
  BenchShape shape;
  if (argc > 2) shape.nodes = std::max(1, std::atoi(argv[2]));
  if (argc > 3) shape.duration = argv[3];
  ModelRegistry registry;
  register_models(registry);
  const std::filesystem::path dir = std::filesystem::temp_directory_path();
  std::vector<LoadedScenario> loaded;
  for (const json& s : {ecs_scenario(shape), eks_scenario(shape)}) {
    const std::filesystem::path file = dir / (s["name"].get<std::string>() + ".json");
    std::ofstream(file) << s.dump(1);
    loaded.push_back(load_scenario(file.string(), ScenarioOverrides{}, registry));
  }
  std::vector<double> ecs, eks, ratios;
  for (int r = 0; r < rounds; ++r) {
    double rate[2] = {0, 0};
    for (std::size_t i = 0; i < loaded.size(); ++i) {
      const std::size_t k = r % 2 == 0 ? i : loaded.size() - 1 - i;
      const bench::TimedRun run = bench::run_timed(loaded[k], registry);
      const double ok = run.summary["requests"]["ok"].get<double>();
      if (ok == 0) {
        std::fprintf(stderr, "no request answered in %s: DURATION must leave time after the deployment at %s\n",
                     shape.duration.c_str(), kDeployAt);
        return 2;
      }
      rate[k] = ok / run.seconds;
      std::printf("%s round %d: %.0f requests answered (%.0f in all) in %.2f cpu-s: %.0f per cpu-second\n",
                  k == 0 ? "ECS" : "EKS", r + 1, ok, run.summary["requests"]["total"].get<double>(), run.seconds,
                  rate[k]);
    }
    ecs.push_back(rate[0]);
    eks.push_back(rate[1]);
    ratios.push_back(rate[1] / rate[0]);
    std::printf("round %d: EKS / ECS = %.2f\n", r + 1, ratios.back());
  }
  std::printf(
      "median of %d: ECS %.0f, EKS %.0f answered requests per cpu-second; EKS / ECS = %.2f (median of the "
      "rounds' ratios; %.2f to %.2f)\n",
      rounds, median(ecs), median(eks), median(ratios), *std::min_element(ratios.begin(), ratios.end()),
      *std::max_element(ratios.begin(), ratios.end()));
  return 0;
}
