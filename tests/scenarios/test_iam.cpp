// IAM where ECS checks it, end to end (tests/scenarios/fixtures/iam-roles.json): an execution role that cannot
// pull from private ECR stops every task in PENDING with ECS's error; an updateService to a revision with a
// fixed role recovers the service; a task role that may not receive leaves the queue untouched; validate names
// the missing actions and the roles to add them to.

#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

std::filesystem::path fixture() { return source_root() / "tests" / "scenarios" / "fixtures" / "iam-roles.json"; }

constexpr const char* kAuthFailure =
    "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
    "unable to retrieve ecr registry auth: service call has been retried 3 time(s): AccessDeniedException: User: "
    "arn:aws:sts::123456789012:assumed-role/web-exec-logs-only is not authorized to perform: "
    "ecr:GetAuthorizationToken on resource: * because no identity-based policy allows the ecr:GetAuthorizationToken "
    "action";

// ec2-capacity-provider.json with `roles` and `profiles`, its on-demand and Spot groups given profiles `ondemand` and
// `spot`.
nlohmann::json ec2_with_profiles(nlohmann::json roles, nlohmann::json profiles, const std::string& ondemand,
                                 const std::string& spot) {
  nlohmann::json s =
      nlohmann::json::parse(read_file(source_root() / "scenarios" / "ec2-capacity-provider.json"), nullptr, true, true);
  s["roles"] = std::move(roles);
  s["instanceProfiles"] = std::move(profiles);
  s["autoScalingGroups"][0]["IamInstanceProfile"] = ondemand;
  s["autoScalingGroups"][1]["IamInstanceProfile"] = spot;
  return s;
}

// Writes `s` into `dir` and returns the file.
std::filesystem::path write_scenario(const TempDir& dir, const nlohmann::json& s) {
  std::filesystem::path file = dir.path() / "scenario.json";
  std::ofstream(file) << s.dump();
  return file;
}

// What `fleetsim validate FILE` prints; its exit code goes to `code`.
std::string validate_output(const std::filesystem::path& file, int& code) {
  std::stringstream buffer;
  std::streambuf* old = std::cout.rdbuf(buffer.rdbuf());
  code = validate_command(registry(), {file.string()});
  std::cout.rdbuf(old);
  return buffer.str();
}

}  // namespace

TEST_CASE("a role without ECR permissions stops tasks; a revision with a fixed role recovers", "[scenarios][iam]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture(), dir.path() / "out") == 0);
  std::istringstream in(read_file(dir.path() / "out" / "events.jsonl"));
  int v1_stopped = 0, v1_running = 0, v2_running = 0;
  double first_v2_running = 1e9;
  for (std::string line; std::getline(in, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["type"] != "TaskStateChange" || e["service"] != "web") continue;
    if (e["taskDefinition"] == "web:1") {
      if (e["lastStatus"] == "RUNNING") ++v1_running;
      if (e["lastStatus"] == "STOPPED") {
        ++v1_stopped;
        CHECK(e["stoppedReason"] == kAuthFailure);
      }
    } else if (e["lastStatus"] == "RUNNING") {
      ++v2_running;
      first_v2_running = std::min(first_v2_running, e["t"].get<double>());
    }
  }
  CHECK(v1_running == 0);
  CHECK(v1_stopped >= 2);         // every start of revision 1 failed, and the service kept trying
  CHECK(v2_running == 2);         // revision 2 reaches the desired count and stays there
  CHECK(first_v2_running > 600);  // only after the updateService at 10 minutes
  nlohmann::json summary = nlohmann::json::parse(read_file(dir.path() / "out" / "summary.json"));
  CHECK(summary["services"]["web"]["tasks"]["failedToStart"] == v1_stopped);
  // The worker's task role may not call sqs:ReceiveMessage: every message sent is still waiting.
  const nlohmann::json& q = summary["queues"]["jobs"];
  CHECK(q["received"] == 0);
  CHECK(q["sent"].get<int>() > 1000);
  CHECK(q["visible"] == q["sent"]);
}

TEST_CASE("validate names each missing action and the role to add it to", "[scenarios][iam]") {
  int code = 1;
  const std::string out = validate_output(fixture(), code);
  CHECK(code == 0);
  INFO(out);
  for (const char* action : {"ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}) {
    CHECK(out.find("/taskDefinitions/0/containerDefinitions/0/image: warning: role web-exec-logs-only does not "
                   "allow " +
                   std::string(action)) != std::string::npos);
    CHECK(out.find(std::string("add ") + action + " to role web-exec-logs-only") != std::string::npos);
  }
  CHECK(out.find("/taskDefinitions/2/taskRoleArn: warning: role worker-task does not allow sqs:ReceiveMessage on "
                 "arn:aws:sqs:us-east-1:123456789012:jobs") != std::string::npos);
  // The fixed revision's role and the parameter the logs-only role may read raise nothing.
  CHECK(out.find("warning: role web-exec ") == std::string::npos);
  CHECK(out.find("ssm:GetParameters") == std::string::npos);
  CHECK(out.find("logs:") == std::string::npos);
}

TEST_CASE("instances whose profile may not register never join; managed scaling keeps launching", "[scenarios][iam]") {
  nlohmann::json s = ec2_with_profiles(
      {{{"RoleName", "node"}, {"AttachedPolicies", {"AmazonEC2ContainerServiceforEC2Role"}}},
       {{"RoleName", "no-register"},
        {"AttachedPolicies", {"AmazonEC2ContainerServiceforEC2Role"}},
        {"Policies",
         {{{"PolicyName", "deny"},
           {"PolicyDocument",
            {{"Statement",
              {{"Effect", "Deny"}, {"Action", "ecs:Register*"}, {"Resource", "arn:aws:ecs:*:*:cluster/*"}}}}}}}}}},
      {{{"InstanceProfileName", "ok"}, {"Roles", {"node"}}},
       {{"InstanceProfileName", "broken"}, {"Roles", {"no-register"}}}},
      "broken", "arn:aws:iam::123456789012:instance-profile/ok");
  TempDir dir;
  std::filesystem::path file = write_scenario(dir, s);
  REQUIRE(run_scenario(file, dir.path() / "out") == 0);
  std::istringstream in(read_file(dir.path() / "out" / "events.jsonl"));
  std::set<std::string> ondemand, active;
  for (std::string line; std::getline(in, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["type"] == "InstanceStateChange" && e["autoScalingGroup"] == "asg-ondemand") ondemand.insert(e["instanceId"]);
    if (e["type"] == "ContainerInstanceStateChange") active.insert(e["instanceId"]);
  }
  // The on-demand provider's base tasks wait for capacity, so it launches more than its 2 first instances...
  CHECK(ondemand.size() > 2);
  // ...none of which ever registers, while the Spot group's instances (a role that may) do.
  for (const std::string& id : ondemand) CHECK(active.count(id) == 0);
  CHECK(!active.empty());
}

TEST_CASE("on EC2 without an execution role the instance role pulls: a role without ECR pulls stops its tasks",
          "[scenarios][iam]") {
  // https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_ECS.html: on EC2 the agent pulls from private ECR
  // with the container instance IAM role (AmazonEC2ContainerServiceforEC2Role), on Fargate with the execution role.
  nlohmann::json s = ec2_with_profiles(
      {{{"RoleName", "node"}, {"AttachedPolicies", {"AmazonEC2ContainerServiceforEC2Role"}}},
       {{"RoleName", "no-pull"},
        {"Policies",
         {{{"PolicyName", "agent"},
           {"PolicyDocument",
            {{"Statement",
              {{"Effect", "Allow"}, {"Action", {"ecs:*", "ecr:GetAuthorizationToken"}}, {"Resource", "*"}}}}}}}}}},
      {{{"InstanceProfileName", "ok"}, {"Roles", {"node"}}}, {{"InstanceProfileName", "spot"}, {"Roles", {"no-pull"}}}},
      "ok", "spot");
  const std::string image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4";
  s["taskDefinitions"][0]["containerDefinitions"][0]["image"] = image;
  s["images"][0]["image"] = image;
  s["simulation"]["duration"] = "30m";
  TempDir dir;
  std::filesystem::path file = write_scenario(dir, s);
  int code = 1;
  const std::string out = validate_output(file, code);
  CHECK(code == 0);
  INFO(out);
  // The Spot group's role is named with the actions to add; the on-demand group's role raises nothing.
  for (const char* action : {"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}) {
    CHECK(out.find("/taskDefinitions/0/containerDefinitions/0/image: warning: role no-pull does not allow " +
                   std::string(action)) != std::string::npos);
  }
  CHECK(out.find("role node ") == std::string::npos);

  REQUIRE(run_scenario(file, dir.path() / "out") == 0);
  std::istringstream in(read_file(dir.path() / "out" / "events.jsonl"));
  std::map<std::string, std::string> group_of;  // instance id -> Auto Scaling group
  int running_ondemand = 0, running_spot = 0, denied = 0;
  const std::string reason =
      "CannotPullContainerError: The task can\u2019t pull the image. Check that the role has the permissions to pull "
      "images from the registry. Error response from daemon: pull access denied for "
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/web, repository does not exist or may require 'docker login': "
      "denied: User: arn:aws:sts::123456789012:assumed-role/no-pull is not authorized to perform: ecr:BatchGetImage "
      "on resource: arn:aws:ecr:us-east-1:123456789012:repository/web because no identity-based policy allows the "
      "ecr:BatchGetImage action";
  for (std::string line; std::getline(in, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["type"] == "InstanceStateChange") group_of[e["instanceId"]] = e["autoScalingGroup"];
    if (e["type"] != "TaskStateChange") continue;
    const std::string group = group_of[e.value("instanceId", std::string())];
    if (e["lastStatus"] == "RUNNING") ++(group == "asg-spot" ? running_spot : running_ondemand);
    if (e["lastStatus"] == "STOPPED" && e.value("stoppedReason", std::string()) == reason) ++denied;
  }
  CHECK(running_ondemand >= 4);  // the base on the on-demand group's instances, whose role may pull
  CHECK(running_spot == 0);      // none on the Spot group's: every one stopped with the pull's 403
  CHECK(denied > 0);
}
