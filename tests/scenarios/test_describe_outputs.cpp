// Pasting what the AWS CLI prints (issue #17, "Pasting what AWS gives you"; spec scenario.md, "Principle: AWS
// shapes, AWS names"): every describe-* output in tests/scenarios/fixtures/describe/ loads in its section, the
// estate it describes runs exactly as the hand-written one, the read-only fields are listed as ignored at their
// places in the file, ARNs resolve to their names, and a file that is one such output says where it belongs.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"
#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

std::filesystem::path fixture(const std::string& name) {
  return source_root() / "tests/scenarios/fixtures/describe" / name;
}

nlohmann::json fixture_json(const std::string& name) { return JsonDocument::parse(read_file(fixture(name))).root(); }

nlohmann::json hand_written() { return fixture_json("hand-written.json"); }

// The hand-written estate with `section` replaced by what the AWS CLI printed for it.
nlohmann::json pasted(nlohmann::json scenario, const std::string& section) {
  if (section == "taskDefinitions") {
    // Two describe-task-definition outputs, each a list element as printed.
    scenario[section] = {fixture_json("describe-task-definition-web.json"),
                         fixture_json("describe-task-definition-worker.json")};
  } else if (section == "loadBalancers") {
    // describe-load-balancers prints no listeners: describe-listeners' output goes under "Listeners".
    nlohmann::json lbs = fixture_json("describe-load-balancers.json");
    lbs["LoadBalancers"][0]["Listeners"] = fixture_json("describe-listeners.json");
    scenario[section] = lbs;
  } else if (section == "rules") {
    // list-rules prints no targets: list-targets-by-rule's output goes under "Targets".
    nlohmann::json rules = fixture_json("list-rules.json");
    rules["Rules"][0]["Targets"] = fixture_json("list-targets-by-rule.json");
    scenario[section] = rules;
  } else if (section == "queues") {
    // get-queue-attributes prints {"Attributes": {...}}: with the queue's name beside it, that is a queue.
    nlohmann::json queue = fixture_json("get-queue-attributes.json");
    queue["QueueName"] = "jobs";
    scenario[section] = nlohmann::json::array({queue});
  } else {
    static const std::map<std::string, std::string> kFile = {{"subnets", "describe-subnets.json"},
                                                             {"clusters", "describe-clusters.json"},
                                                             {"autoScalingGroups", "describe-auto-scaling-groups.json"},
                                                             {"capacityProviders", "describe-capacity-providers.json"},
                                                             {"targetGroups", "describe-target-groups.json"},
                                                             {"services", "describe-services.json"},
                                                             {"scalableTargets", "describe-scalable-targets.json"},
                                                             {"scalingPolicies", "describe-scaling-policies.json"},
                                                             {"alarms", "describe-alarms.json"},
                                                             {"eksClusters", "eks-describe-cluster.json"},
                                                             {"nodegroups", "eks-describe-nodegroup.json"},
                                                             {"fargateProfiles", "eks-describe-fargate-profile.json"},
                                                             {"repositories", "describe-repositories.json"}};
    scenario[section] = fixture_json(kFile.at(section));
  }
  return scenario;
}

const std::vector<std::string> kSections = {
    "subnets",      "clusters",      "autoScalingGroups", "capacityProviders", "taskDefinitions",
    "targetGroups", "loadBalancers", "services",          "scalableTargets",   "scalingPolicies",
    "alarms",       "eksClusters",   "nodegroups",        "fargateProfiles",   "repositories",
    "rules",        "queues"};

std::filesystem::path write(const TempDir& dir, const std::string& name, const std::string& text) {
  std::filesystem::path p = dir.path() / name;
  std::ofstream(p) << text;
  return p;
}

struct Printed {
  int code = 0;
  std::string out, err;
};

// `fleetsim validate FILE`, in process, with what it printed.
Printed validate(const std::filesystem::path& file) {
  std::stringstream out, err;
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  Printed p;
  p.code = validate_command(registry(), {file.string()});
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  p.out = out.str();
  p.err = err.str();
  return p;
}

bool has_line(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

// 1-based line and column of the first `needle` in `text`.
std::pair<int, int> position(const std::string& text, const std::string& needle) {
  std::size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  std::size_t line_start = text.rfind('\n', at);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  return {static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1,
          static_cast<int>(at - line_start) + 1};
}

}  // namespace

TEST_CASE("every describe-* fixture loads in its section, its read-only fields listed as ignored", "[describe]") {
  TempDir dir;
  for (const std::string& section : kSections) {
    INFO(section);
    std::filesystem::path file = write(dir, section + ".json", pasted(hand_written(), section).dump(2));
    Printed v = validate(file);
    INFO(v.err);
    REQUIRE(v.code == 0);
    CHECK(has_line(v.out, "valid"));
    CHECK(!has_line(v.out, "did you mean"));
  }
  // A few read-only fields, at their places in the file as it was written (wrappers and all); the CLI's null for an
  // unset field reads as absent and is listed too (PlacementGroup).
  const std::vector<std::pair<std::string, std::vector<std::string>>> kReadOnly = {
      {"services",
       {"/services/failures", "/services/services/0/deployments", "/services/services/1/events",
        "/services/services/0/runningCount"}},
      {"taskDefinitions",
       {"/taskDefinitions/0/tags", "/taskDefinitions/0/taskDefinition/registeredAt",
        "/taskDefinitions/1/taskDefinition/requiresAttributes", "/taskDefinitions/1/taskDefinition/taskDefinitionArn"}},
      {"autoScalingGroups",
       {"/autoScalingGroups/AutoScalingGroups/0/PlacementGroup", "/autoScalingGroups/AutoScalingGroups/0/Instances"}},
      {"scalingPolicies", {"/scalingPolicies/ScalingPolicies/1/Alarms"}},
      {"alarms", {"/alarms/MetricAlarms/0/StateValue", "/alarms/CompositeAlarms"}},
      {"eksClusters", {"/eksClusters/cluster/resourcesVpcConfig/vpcId", "/eksClusters/cluster/health"}},
      {"nodegroups", {"/nodegroups/nodegroup/resources"}},
      {"fargateProfiles", {"/fargateProfiles/fargateProfile/fargateProfileArn"}},
      {"repositories", {"/repositories/repositories/0/repositoryUri"}},
      {"queues", {"/queues/0/Attributes/ApproximateNumberOfMessages", "/queues/0/Attributes/QueueArn"}},
      {"rules", {"/rules/Rules/0/Arn", "/rules/Rules/0/Targets/Targets/0/RoleArn"}}};
  const std::string ignored = ": AWS field accepted but not simulated (ignored)";
  for (const auto& [section, pointers] : kReadOnly) {
    Printed v = validate(write(dir, section + "-read-only.json", pasted(hand_written(), section).dump(2)));
    for (const std::string& p : pointers) CHECK(has_line(v.out, ": " + p + ignored));
  }
  // describe-rule prints one rule flat, with CreatedBy: a list element as printed, its targets added.
  nlohmann::json described = hand_written();
  described["rules"] = nlohmann::json::array({fixture_json("describe-rule.json")});
  described["rules"][0]["Targets"] = fixture_json("list-targets-by-rule.json");
  Printed v = validate(write(dir, "describe-rule.json", described.dump(2)));
  INFO(v.err);
  REQUIRE(v.code == 0);
  CHECK(has_line(v.out, ": /rules/0/CreatedBy" + ignored));
}

TEST_CASE("the estate pasted from describe-* outputs runs as the hand-written one", "[describe]") {
  TempDir dir;
  nlohmann::json all = hand_written();
  for (const std::string& section : kSections) all = pasted(all, section);
  std::filesystem::path by_hand = write(dir, "by-hand.json", hand_written().dump(2));
  std::filesystem::path from_aws = write(dir, "from-aws.json", all.dump(2));
  REQUIRE(run_scenario(by_hand, dir.path() / "by-hand") == 0);
  REQUIRE(run_scenario(from_aws, dir.path() / "from-aws") == 0);
  nlohmann::json a = nlohmann::json::parse(read_file(dir.path() / "by-hand/summary.json"));
  nlohmann::json b = nlohmann::json::parse(read_file(dir.path() / "from-aws/summary.json"));
  a.erase("scenarioSha256");
  b.erase("scenarioSha256");
  CHECK(a == b);
  // The same run to the byte: every event and every metric.
  CHECK(read_file(dir.path() / "by-hand/events.jsonl") == read_file(dir.path() / "from-aws/events.jsonl"));
  CHECK(read_file(dir.path() / "by-hand/metrics.csv") == read_file(dir.path() / "from-aws/metrics.csv"));
  // And a run with something in it: both services in web-cluster (not default), traffic served.
  const std::string events = read_file(dir.path() / "from-aws/events.jsonl");
  CHECK(has_line(events, "web-cluster"));
  CHECK(has_line(read_file(dir.path() / "from-aws/metrics.csv"), "ClusterName=web-cluster;ServiceName=worker"));
  CHECK(a["requests"]["ok"].get<long>() > 10000);
  // The pasted rule ran its tasks, the queue exists, the node group's node joined the pasted EKS cluster.
  CHECK(b["standaloneTasks"]["family:worker"]["launched"].get<long>() > 0);
  CHECK(b["queues"].contains("jobs"));
  CHECK(has_line(events, "\"type\":\"NodeStateChange\""));
}

TEST_CASE("ARNs and queue URLs resolve to the names they carry", "[describe]") {
  CHECK(name_from_reference("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3") == "web:3");
  CHECK(name_from_reference("arn:aws:ecs:us-east-1:123456789012:cluster/web-cluster") == "web-cluster");
  CHECK(name_from_reference("arn:aws:ecs:us-east-1:123456789012:service/web-cluster/web") == "web");
  CHECK(name_from_reference("arn:aws:ecs:us-east-1:123456789012:capacity-provider/ecs-cp") == "ecs-cp");
  CHECK(name_from_reference(
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067") == "web-tg");
  CHECK(name_from_reference("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/"
                            "50dc6c495c0c9188") == "web-alb");
  CHECK(name_from_reference("arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:a1b2c3d4-5678-90ab-cdef-"
                            "EXAMPLE11111:autoScalingGroupName/ecs-asg") == "ecs-asg");
  CHECK(name_from_reference("arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:ac542982-cbeb-4294-891c-"
                            "a5a941dfa787:resource/ecs/service/web-cluster/web:policyName/web-step-out") ==
        "web-step-out");
  CHECK(name_from_reference("arn:aws:cloudwatch:us-east-1:123456789012:alarm:web-cpu-high") == "web-cpu-high");
  CHECK(name_from_reference("arn:aws:iam::123456789012:role/ecsTaskExecutionRole") == "ecsTaskExecutionRole");
  // The SQS ARN's resource is the queue's name (it was read as "123456789012:jobs").
  CHECK(name_from_reference("arn:aws:sqs:us-east-1:123456789012:jobs") == "jobs");
  CHECK(name_from_reference("https://sqs.us-east-1.amazonaws.com/123456789012/jobs") == "jobs");
  CHECK(name_from_reference("jobs") == "jobs");
  CHECK(name_from_reference("web:3") == "web:3");
}

TEST_CASE("a queue named by its ARN or its URL is the queue", "[describe]") {
  TempDir dir;
  nlohmann::json s = nlohmann::json::parse(R"({
    "simulation": {"duration": "10m"},
    "queues": [{"QueueName": "jobs"}],
    "taskDefinitions": [{"family": "worker", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc",
      "cpu": "1024", "memory": "2048", "containerDefinitions": [{"name": "w", "image": "worker:1",
      "x-fleetsim": {"queue": "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"}}]}],
    "services": [{"serviceName": "worker", "taskDefinition": "worker", "desiredCount": 1, "launchType": "FARGATE"}],
    "workloads": [{"name": "w", "target": {"queue": "arn:aws:sqs:us-east-1:123456789012:jobs"},
      "arrivals": {"process": "poisson", "rate": 2}, "request": {"cpuMs": 50}}]
  })");
  std::filesystem::path file = write(dir, "sqs.json", s.dump(2));
  REQUIRE(run_scenario(file, dir.path() / "out") == 0);
  const std::string metrics = read_file(dir.path() / "out/metrics.csv");
  CHECK(has_line(metrics, "AWS/SQS,NumberOfMessagesSent,QueueName=jobs"));
  CHECK(has_line(metrics, "AWS/SQS,NumberOfMessagesDeleted,QueueName=jobs"));
}

TEST_CASE("a file that is one describe-* output says what it is and where it goes", "[describe]") {
  Printed v = validate(fixture("describe-task-definition-web.json"));
  CHECK(v.code == 2);
  CHECK(
      has_line(v.err, fixture("describe-task-definition-web.json").string() +
                          ":2:5: /taskDefinition: this looks like `aws ecs describe-task-definition` output, "
                          "not a scenario: put it under \"taskDefinitions\" in a scenario, where it loads as printed"));
  v = validate(fixture("describe-services.json"));
  CHECK(v.code == 2);
  CHECK(has_line(v.err,
                 ":2:5: /services: this looks like `aws ecs describe-services` output, not a scenario: put it "
                 "under \"services\""));
  v = validate(fixture("eks-describe-cluster.json"));
  CHECK(v.code == 2);
  CHECK(has_line(v.err,
                 ":2:5: /cluster: this looks like `aws eks describe-cluster` output, not a scenario: put it under "
                 "\"eksClusters\""));
  v = validate(fixture("describe-auto-scaling-groups.json"));
  CHECK(has_line(v.err,
                 "`aws autoscaling describe-auto-scaling-groups` output, not a scenario: put it under "
                 "\"autoScalingGroups\""));
  // An output's member at the top level of a scenario.
  TempDir dir;
  nlohmann::json s = hand_written();
  s["TargetGroups"] = fixture_json("describe-target-groups.json")["TargetGroups"];
  v = validate(write(dir, "misplaced.json", s.dump(2)));
  CHECK(v.code == 2);
  CHECK(has_line(v.err,
                 ": /TargetGroups: \"TargetGroups\" is a member of `aws elbv2 describe-target-groups` output: "
                 "put it under \"targetGroups\""));
  CHECK(!has_line(v.err, "did you mean"));
}

TEST_CASE("problems inside a pasted output are located in the file as written", "[describe]") {
  TempDir dir;
  // A shape error inside a list-form wrapper.
  nlohmann::json s = pasted(hand_written(), "services");
  s["services"]["services"][1]["desiredCount"] = -1;
  std::filesystem::path file = write(dir, "shape.json", s.dump(2));
  Printed v = validate(file);
  CHECK(v.code == 2);
  auto [line, column] = position(read_file(file), "\"desiredCount\": -1");
  CHECK(has_line(v.err, file.string() + ":" + std::to_string(line) + ":" + std::to_string(column + 16) +
                            ": /services/services/1/desiredCount: expected"));
  // A reader's error (a revision that does not exist) inside a wrapped list element.
  s = pasted(hand_written(), "taskDefinitions");
  s["services"][0]["taskDefinition"] = "web:9";
  s["taskDefinitions"][1]["taskDefinition"]["cpu"] = "lots";
  file = write(dir, "reader.json", s.dump(2));
  v = validate(file);
  CHECK(v.code == 2);
  CHECK(has_line(v.err, ": /taskDefinitions/1/taskDefinition/cpu: expected a number or \"N vCPU\""));
}
