#include "models/iam/managed_policies.hpp"

#include <algorithm>

namespace fleetsim {

namespace {

ManagedPolicy allow_all_resources(std::string name, std::vector<std::string> actions, std::string source) {
  return {{std::move(name), {{"", true, false, std::move(actions), false, {"*"}}}}, std::move(source)};
}

const std::vector<ManagedPolicy>& table() {
  // Every document allows its actions on Resource "*"; only the actions ECS, the agent and a task's code perform
  // are listed (the others never decide a request fleetsim makes). Kept in name order.
  static const std::vector<ManagedPolicy> kPolicies = {
      allow_all_resources("AmazonEC2ContainerRegistryReadOnly",
                          {"ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                           "ecr:GetRepositoryPolicy", "ecr:DescribeRepositories", "ecr:ListImages",
                           "ecr:DescribeImages", "ecr:BatchGetImage", "ecr:GetLifecyclePolicy",
                           "ecr:GetLifecyclePolicyPreview", "ecr:ListTagsForResource", "ecr:DescribeImageScanFindings"},
                          "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/"
                          "AmazonEC2ContainerRegistryReadOnly.html"),
      // The container instance role: the agent registers, polls and submits state changes, and pulls from ECR and
      // writes awslogs for tasks without an execution role.
      allow_all_resources("AmazonEC2ContainerServiceforEC2Role",
                          {"ec2:DescribeTags", "ecs:CreateCluster", "ecs:DeregisterContainerInstance",
                           "ecs:DiscoverPollEndpoint", "ecs:Poll", "ecs:RegisterContainerInstance",
                           "ecs:StartTelemetrySession", "ecs:UpdateContainerInstancesState", "ecs:Submit*",
                           "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                           "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"},
                          "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-iam-awsmanpol.html"),
      allow_all_resources("AmazonECSTaskExecutionRolePolicy",
                          {"ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer",
                           "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"},
                          "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html"),
      allow_all_resources("AmazonSQSFullAccess", {"sqs:*"},
                          "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSQSFullAccess.html"),
      allow_all_resources("CloudWatchLogsFullAccess", {"logs:*", "cloudwatch:GenerateQuery"},
                          "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/"
                          "CloudWatchLogsFullAccess.html"),
  };
  return kPolicies;
}

}  // namespace

const ManagedPolicy* find_managed_policy(const std::string& reference) {
  // "arn:aws:iam::aws:policy/service-role/NAME" names NAME; a bare name is itself.
  std::string name = reference.substr(reference.rfind('/') == std::string::npos ? 0 : reference.rfind('/') + 1);
  const auto& t = table();
  auto it = std::find_if(t.begin(), t.end(), [&](const ManagedPolicy& m) { return m.policy.name == name; });
  return it == t.end() ? nullptr : &*it;
}

std::vector<std::string> managed_policy_names() {
  std::vector<std::string> names;
  for (const ManagedPolicy& m : table()) names.push_back(m.policy.name);
  return names;
}

}  // namespace fleetsim
