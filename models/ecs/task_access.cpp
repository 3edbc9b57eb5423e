#include "models/ecs/task_access.hpp"

#include <optional>

#include "models/api/permissions.hpp"
#include "models/ecs/task_definition.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

// One AWS call a principal makes for a task: its actions on one resource, and how ECS words the failure.
struct Need {
  std::vector<std::string> actions;
  std::string resource;
  std::string why;      // "to pull private image X", for the warning
  std::string pointer;  // the field that asks for it
  // The stoppedReason, given the denial's AccessDeniedException text.
  std::string (*reason)(const std::string& denial, const std::string& detail) = nullptr;
  std::string detail;  // what reason() needs besides the denial (the image, the secret store)
};

std::string arn(const char* service, const std::string& region, const std::string& rest) {
  return std::string("arn:aws:") + service + ":" + region + ":" + kSimulatedAccount + ":" + rest;
}

// ECS's stopped reasons for these failures, as its troubleshooting pages quote them
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/resource-initialization-error.html,
// .../task_cannot_pull_image.html); the AccessDeniedException is IAM's wording for an assumed role.
std::string auth_failure(const std::string& denial, const std::string& what) {
  return "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval "
         "failed: unable to retrieve " +
         what + ": service call has been retried 3 time(s): " + denial;
}
std::string pull_failure(const std::string&, const std::string& image) {
  std::size_t slash = image.find('/');
  std::size_t colon = image.rfind(':');
  std::string tag = colon == std::string::npos || colon < slash ? "latest" : image.substr(colon + 1);
  return "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref " + image +
         ": pulling from host " + image.substr(0, slash) + " failed with status code [manifests " + tag +
         "]: 403 Forbidden";
}
std::string log_failure(const std::string& denial, const std::string&) {
  return "CannotStartContainerError: Error response from daemon: failed to initialize logging driver: failed to "
         "create Cloudwatch log stream: " +
         denial;
}

// The repository ARN of a private ECR image "ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG".
std::string repository_arn(const std::string& image) {
  std::size_t slash = image.find('/');
  std::string host = image.substr(0, slash);
  std::string region = host.substr(std::string("123456789012.dkr.ecr.").size());
  region = region.substr(0, region.find('.'));
  std::string repo = image.substr(slash + 1);
  repo = repo.substr(0, std::min(repo.find('@'), repo.find(':')));
  return "arn:aws:ecr:" + region + ":" + image.substr(0, 12) + ":repository/" + repo;
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
  return {{action}, resource, "to read secret " + name, p, &auth_failure, store};
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
// returned stoppedReason.
std::string first_failure(const std::string& role, const std::vector<Need>& needs, const Permissions& permissions,
                          std::vector<Diagnostic>& warnings) {
  std::string failure;
  for (const Need& n : needs) {
    for (const std::string& action : n.actions) {
      AccessAnswer a = permissions.may(role, action, n.resource);
      if (a.allowed) continue;
      std::string denial = "AccessDeniedException: User: arn:aws:sts::" + std::string(kSimulatedAccount) +
                           ":assumed-role/" + role + " is not authorized to perform: " + action +
                           " on resource: " + n.resource +
                           (a.explicit_deny ? " with an explicit deny in an identity-based policy"
                                            : " because no identity-based policy allows the " + action + " action");
      warnings.push_back(
          {n.pointer, a.explicit_deny ? "role " + role + " denies " + action + " on " + n.resource + " (" + a.deciding +
                                            "), needed " + n.why + ": remove that deny from role " + role
                                      : "role " + role + " does not allow " + action + " on " + n.resource +
                                            ", needed " + n.why + ": add " + action + " to role " + role});
      if (failure.empty()) failure = n.reason != nullptr ? n.reason(denial, n.detail) : denial;
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
  std::vector<Need> calls = {{{"ecs:DiscoverPollEndpoint"}, "*", "for the ECS agent to register", pointer, nullptr, ""},
                             {{"ecs:RegisterContainerInstance"},
                              arn("ecs", region, "cluster/" + cluster),
                              "for the ECS agent to register its instances in cluster " + cluster,
                              pointer,
                              nullptr,
                              ""}};
  return first_failure(roles->front(), calls, permissions, warnings).empty();
}

void check_task_access(TaskDefinition& td, const nlohmann::json& json, const std::string& p,
                       const Permissions& permissions, const std::string& region, std::vector<Diagnostic>& warnings) {
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
    if (is_private_ecr_image(image)) {
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
                        &auth_failure,
                        "ecr registry auth"});
      pulls.push_back({{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"},
                       repository_arn(image),
                       "to pull private image " + image,
                       append_pointer(cp, "image"),
                       &pull_failure,
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
                      &log_failure,
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
  // On EC2 without an execution role the agent pulls and logs with the instance's role, which is not checked here.
  if (!execution.empty()) {
    std::vector<Need> needs = auth;
    needs.insert(needs.end(), secrets.begin(), secrets.end());
    needs.insert(needs.end(), pulls.begin(), pulls.end());
    needs.insert(needs.end(), logs.begin(), logs.end());
    td.access.start_failure = first_failure(execution, needs, permissions, warnings);
  }
  // The app's own calls use the task role: a queue worker receives and deletes its queue's messages.
  for (const ContainerDefinition& c : td.containers) {
    if (task_role.empty() || c.queue.empty()) continue;
    std::vector<Need> calls = {{{"sqs:ReceiveMessage", "sqs:DeleteMessage"},
                                arn("sqs", region, c.queue),
                                "for container " + c.name + " to take messages from queue " + c.queue,
                                append_pointer(p, "taskRoleArn"),
                                nullptr,
                                ""}};
    td.access.queue_denied = td.access.queue_denied || !first_failure(task_role, calls, permissions, warnings).empty();
  }
}

}  // namespace fleetsim
