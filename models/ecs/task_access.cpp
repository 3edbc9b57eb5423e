#include "models/ecs/task_access.hpp"

#include <cstdint>
#include <optional>

#include "models/api/image_ref.hpp"
#include "models/api/image_source.hpp"
#include "models/api/permissions.hpp"
#include "models/ecs/ecs_reader.hpp"
#include "models/ecs/task_definition.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

// Which step of starting a task an AWS call belongs to: it decides how the failure is worded.
enum class Step : std::uint8_t { kRegistryAuth, kSecret, kPull, kLog, kAgent };

// One AWS call a principal makes for a task: its actions on one resource.
struct Need {
  std::vector<std::string> actions;
  std::string resource;
  std::string why;      // "to pull private image X", for the warning
  std::string pointer;  // the field that asks for it
  Step step = Step::kAgent;
  std::string detail;  // what the stoppedReason names besides the denial (the image, the secret store)
};

std::string arn(const char* service, const std::string& region, const std::string& rest) {
  return std::string("arn:aws:") + service + ":" + region + ":" + kSimulatedAccount + ":" + rest;
}

// ECS's stopped reasons for a denied call, given IAM's denial ("User: ... is not authorized to perform: ...").
// Fargate's agent (containerd) and the ECS container agent on EC2 (Docker) word them differently:
// - registry auth and secrets, Fargate: "ResourceInitializationError: unable to pull secrets or registry auth:
//   execution resource retrieval failed: unable to retrieve ecr registry auth | secret from asm | secrets from ssm:
//   service call has been retried ..." (https://repost.aws/knowledge-center/ecs-unable-to-pull-secrets, which quotes
//   it); on EC2 the agent fails the ECR token call as CannotPullECRContainerError (amazon-ecs-agent,
//   agent/dockerclient/dockerapi/errors.go), secrets as on Fargate.
// - the pull, Fargate: containerd's "failed to resolve ref ... 403 Forbidden"; EC2: the daemon's "pull access denied
//   for REPO ..." that the agent prefixes with "The task can't pull the image. Check that the role has the permissions
//   to pull images from the registry." (amazon-ecs-agent PR #4181, "CannotPullContainerError message enhancements").
// - awslogs, Fargate: "ResourceInitializationError: failed to validate logger args: create stream has been retried 1
//   times: failed to create Cloudwatch log stream: ..."; EC2: Docker's "CannotStartContainerError: Error response
//   from daemon: failed to initialize logging driver: failed to create Cloudwatch log stream: ..."
//   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cannot-start-container.html for the prefix).
std::string stopped_reason(Step step, bool docker, const std::string& denial, const std::string& detail) {
  const std::string access_denied = "AccessDeniedException: " + denial;
  switch (step) {
    case Step::kRegistryAuth:
      if (docker) return "CannotPullECRContainerError: " + access_denied;
      [[fallthrough]];
    case Step::kSecret:
      return "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval "
             "failed: unable to retrieve " +
             detail + ": service call has been retried 3 time(s): " + access_denied;
    case Step::kPull: {
      ImageRef ref = parse_image_ref(detail);
      if (docker) {
        return "CannotPullContainerError: The task can\u2019t pull the image. Check that the role has the permissions "
               "to pull images from the registry. Error response from daemon: pull access denied for " +
               ref.name() + ", repository does not exist or may require 'docker login': denied: " + denial;
      }
      return "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref " +
             detail + ": pulling from host " + ref.registry + " failed with status code [manifests " + ref.tag +
             "]: 403 Forbidden";
    }
    case Step::kLog:
      return docker ? "CannotStartContainerError: Error response from daemon: failed to initialize logging driver: "
                      "failed to create Cloudwatch log stream: " +
                          access_denied
                    : "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 "
                      "times: failed to create Cloudwatch log stream: " +
                          access_denied;
    case Step::kAgent:
      break;
  }
  return access_denied;
}

// The repository ARN of private ECR image `image`: its registry's account and region, or (a repository of the
// scenario named without a registry host) the scenario's.
std::string repository_arn(const std::string& image, const std::string& region) {
  ImageRef ref = parse_image_ref(image);
  EcrRegistry registry{kSimulatedAccount, region};
  parse_ecr_registry(ref.registry, registry);
  return "arn:aws:ecr:" + registry.region + ":" + registry.account + ":repository/" + ref.repository;
}

// A container's secrets: Secrets Manager secrets by ARN, SSM parameters by ARN or name.
Need secret_need(const std::string& value_from, const std::string& p, const std::string& region,
                 const Permissions& permissions) {
  std::string name, resource, action, store;
  if (value_from.starts_with("arn:aws:secretsmanager:")) {
    // arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[:json-key:version-stage:version-id]
    std::size_t at = value_from.find(":secret:");
    name = at == std::string::npos ? "" : value_from.substr(at + 8);
    name = name.substr(0, name.find(':'));
    resource = value_from.substr(0, at + 8 + name.size());
    action = "secretsmanager:GetSecretValue";
    store = "secret from asm";
  } else {
    std::size_t at = value_from.find(":parameter/");
    name = value_from.starts_with("arn:aws:ssm:") && at != std::string::npos ? value_from.substr(at + 11) : value_from;
    if (name.starts_with('/')) name.erase(0, 1);
    resource = value_from.starts_with("arn:") ? value_from : arn("ssm", region, "parameter/" + name);
    action = "ssm:GetParameters";
    store = "secrets from ssm";
  }
  if (name.empty() || !permissions.has_secret(name))
    throw ScenarioError(p, "no secret or parameter \"" + name + "\" in the secrets section");
  return {{action}, resource, "to read secret " + name, p, Step::kSecret, store};
}

std::string role_reference(const nlohmann::json& json, const char* field, const std::string& p,
                           const Permissions& permissions) {
  if (!json.contains(field)) return {};
  std::string role = name_from_reference(json[field].get<std::string>());
  if (!permissions.has_role(role))
    throw ScenarioError(append_pointer(p, field), "role \"" + role + "\" is not defined in roles");
  return role;
}

// Asks `role` for each of `needs` in order: every missing permission becomes a warning, the first one the
// returned stoppedReason (worded by Docker on EC2 when `docker`, else by Fargate).
std::string first_failure(const std::string& role, const std::vector<Need>& needs, const Permissions& permissions,
                          bool docker, std::vector<Diagnostic>& warnings) {
  std::string failure;
  for (const Need& n : needs) {
    for (const std::string& action : n.actions) {
      AccessAnswer a = permissions.may(role, action, n.resource);
      if (a.allowed) continue;
      std::string denial = "User: arn:aws:sts::" + std::string(kSimulatedAccount) + ":assumed-role/" + role +
                           " is not authorized to perform: " + action + " on resource: " + n.resource +
                           (a.explicit_deny ? " with an explicit deny in an identity-based policy"
                                            : " because no identity-based policy allows the " + action + " action");
      warnings.push_back(
          {n.pointer, a.explicit_deny ? "role " + role + " denies " + action + " on " + n.resource + " (" + a.deciding +
                                            "), needed " + n.why + ": remove that deny from role " + role
                                      : "role " + role + " does not allow " + action + " on " + n.resource +
                                            ", needed " + n.why + ": add " + action + " to role " + role});
      if (failure.empty()) failure = stopped_reason(n.step, docker, denial, n.detail);
    }
  }
  return failure;
}

}  // namespace

bool agent_may_register(const std::string& profile, const std::string& cluster, const std::string& pointer,
                        const Permissions& permissions, const std::string& region, std::vector<Diagnostic>& warnings) {
  std::optional<std::vector<std::string>> roles = profile.empty() ? std::nullopt : permissions.profile_roles(profile);
  if (!roles || roles->empty()) {
    warnings.push_back({pointer, (profile.empty() ? std::string("no IamInstanceProfile")
                                                  : "instance profile " + profile + " has no role") +
                                     ": the ECS agent has no credentials and its instances never register in "
                                     "cluster " +
                                     cluster +
                                     "; give the instances a profile whose role has "
                                     "AmazonEC2ContainerServiceforEC2Role"});
    return false;
  }
  // The agent's first calls (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/instance_IAM_role.html).
  std::vector<Need> calls = {
      {{"ecs:DiscoverPollEndpoint"}, "*", "for the ECS agent to register", pointer, Step::kAgent, ""},
      {{"ecs:RegisterContainerInstance"},
       arn("ecs", region, "cluster/" + cluster),
       "for the ECS agent to register its instances in cluster " + cluster,
       pointer,
       Step::kAgent,
       ""}};
  return first_failure(roles->front(), calls, permissions, true, warnings).empty();
}

const std::string& TaskAccess::failure_on(const std::string& instance_profile) const {
  if (!start_failure.empty() || instance_role_failures.empty()) return start_failure;
  auto it = instance_role_failures.find(instance_profile);
  return it == instance_role_failures.end() ? start_failure : it->second;
}

void check_task_access(TaskDefinition& td, const nlohmann::json& json, const std::string& p,
                       const Permissions& permissions, const ImageSource& images, const std::string& region,
                       const std::vector<std::string>& instance_profiles, std::vector<Diagnostic>& warnings) {
  std::string execution = role_reference(json, "executionRoleArn", p, permissions);
  std::string task_role = role_reference(json, "taskRoleArn", p, permissions);
  bool fargate = false;
  for (const std::string& lt : td.requires_compatibilities) fargate = fargate || lt == "FARGATE";
  // The agent gets registry credentials first, then secrets, then pulls, then starts the log driver.
  std::vector<Need> auth, secrets, pulls, logs;
  const nlohmann::json& containers = json["containerDefinitions"];
  for (std::size_t c = 0; c < containers.size(); ++c) {
    const nlohmann::json& cd = containers[c];
    std::string cp = append_pointer(append_pointer(p, "containerDefinitions"), c);
    std::string image = cd["image"].get<std::string>();
    if (images.private_ecr(image)) {
      // RegisterTaskDefinition's ClientException: Fargate pulls from private ECR and sends awslogs with the execution
      // role only (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html).
      if (fargate && execution.empty())
        throw ScenarioError(append_pointer(cp, "image"),
                            "Fargate requires task definition to have execution role ARN to support ECR images.");
      if (auth.empty())
        auth.push_back({{"ecr:GetAuthorizationToken"},
                        "*",
                        "to pull private image " + image,
                        append_pointer(cp, "image"),
                        Step::kRegistryAuth,
                        "ecr registry auth"});
      pulls.push_back({{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"},
                       repository_arn(image, region),
                       "to pull private image " + image,
                       append_pointer(cp, "image"),
                       Step::kPull,
                       image});
    }
    const nlohmann::json log = cd.value("logConfiguration", nlohmann::json::object());
    if (log.value("logDriver", std::string()) == "awslogs") {
      std::string lp = append_pointer(cp, "logConfiguration");
      if (fargate && execution.empty())
        throw ScenarioError(lp,
                            "Fargate requires task definition to have execution role ARN to support log driver "
                            "awslogs.");
      std::string group =
          log.contains("options") ? log["options"].value("awslogs-group", std::string("*")) : std::string("*");
      logs.push_back({{"logs:CreateLogStream", "logs:PutLogEvents"},
                      arn("logs", region, "log-group:" + group + ":*"),
                      "to send container " + cd["name"].get<std::string>() + "'s logs with awslogs",
                      lp,
                      Step::kLog,
                      ""});
    }
    const nlohmann::json list = cd.value("secrets", nlohmann::json::array());
    for (std::size_t s = 0; s < list.size(); ++s) {
      std::string sp = append_pointer(append_pointer(append_pointer(cp, "secrets"), s), "valueFrom");
      if (execution.empty())
        throw ScenarioError(sp,
                            "When you are specifying container secrets, you must also specify a value for "
                            "'executionRoleArn'.");
      secrets.push_back(secret_need(list[s].value("valueFrom", std::string()), sp, region, permissions));
    }
  }
  std::vector<Need> needs = auth;
  needs.insert(needs.end(), secrets.begin(), secrets.end());
  needs.insert(needs.end(), pulls.begin(), pulls.end());
  needs.insert(needs.end(), logs.begin(), logs.end());
  if (!execution.empty()) {
    td.access.start_failure = first_failure(execution, needs, permissions, !fargate, warnings);
  } else if (compatible_with(td, "EC2") && !needs.empty()) {
    // On EC2 without an execution role the ECS agent pulls from private ECR and Docker's awslogs driver writes with
    // the container instance's role (https://docs.aws.amazon.com/AmazonECR/latest/userguide/ECR_on_ECS.html:
    // "Amazon ECS on Amazon EC2 instances: use the container instance IAM role"), so the answer depends on the
    // instance a task lands on: asked of each instance profile whose agents register.
    for (const std::string& profile : instance_profiles) {
      std::optional<std::vector<std::string>> roles = permissions.profile_roles(profile);
      std::vector<Need> asked = needs;
      for (Need& n : asked) n.why += " (role of instance profile " + profile + ": the task has no executionRoleArn)";
      std::string failure = first_failure(roles->front(), asked, permissions, true, warnings);
      if (!failure.empty()) td.access.instance_role_failures[profile] = failure;
    }
  }
  // The app's own calls use the task role: a queue worker receives and deletes its queue's messages.
  for (const ContainerDefinition& c : td.containers) {
    if (task_role.empty() || c.queue.empty()) continue;
    std::vector<Need> calls = {{{"sqs:ReceiveMessage", "sqs:DeleteMessage"},
                                arn("sqs", region, c.queue),
                                "for container " + c.name + " to take messages from queue " + c.queue,
                                append_pointer(p, "taskRoleArn"),
                                Step::kAgent,
                                ""}};
    td.access.queue_denied =
        td.access.queue_denied || !first_failure(task_role, calls, permissions, true, warnings).empty();
  }
}

}  // namespace fleetsim
