// IAM policy evaluation against the documented rules: each row names the page of the IAM User Guide it follows.

#include <catch2/catch.hpp>

#include "models/iam/managed_policies.hpp"
#include "models/iam/policy.hpp"
#include "sim/wildcard.hpp"

namespace fleetsim {
namespace {

// The pages of the IAM User Guide (https://docs.aws.amazon.com/IAM/latest/UserGuide/...) the rows follow.
constexpr const char* kEvaluation = "reference_policies_evaluation-logic.html";
constexpr const char* kAction = "reference_policies_elements_action.html";
constexpr const char* kNotAction = "reference_policies_elements_notaction.html";
constexpr const char* kResource = "reference_policies_elements_resource.html";

PolicyStatement allow(std::vector<std::string> actions, std::vector<std::string> resources = {"*"}) {
  return {"", true, false, std::move(actions), false, std::move(resources)};
}
PolicyStatement deny(std::vector<std::string> actions, std::vector<std::string> resources = {"*"}) {
  return {"", false, false, std::move(actions), false, std::move(resources)};
}

const std::string kRepo = "arn:aws:ecr:us-east-1:123456789012:repository/web";

TEST_CASE("IAM evaluation table", "[iam][policy]") {
  struct Row {
    const char* doc;  // the page the expectation comes from
    std::vector<PolicyStatement> statements;
    std::string action;
    std::string resource;
    PolicyDecision expected;
  };
  const std::vector<Row> rows = {
      // "By default, all requests are implicitly denied"
      {kEvaluation, {}, "ecr:BatchGetImage", kRepo, PolicyDecision::kImplicitDeny},
      // "An explicit allow in an identity-based policy overrides this default"
      {kEvaluation, {allow({"ecr:BatchGetImage"})}, "ecr:BatchGetImage", kRepo, PolicyDecision::kAllow},
      // "An explicit deny in any policy overrides any allows"
      {kEvaluation,
       {allow({"ecr:*"}), deny({"ecr:BatchGetImage"})},
       "ecr:BatchGetImage",
       kRepo,
       PolicyDecision::kExplicitDeny},
      {kEvaluation,
       {deny({"ecr:BatchGetImage"}, {kRepo}), allow({"*"})},
       "ecr:BatchGetImage",
       kRepo,
       PolicyDecision::kExplicitDeny},
      // An allow for another action leaves the request implicitly denied.
      {kEvaluation, {allow({"ecr:GetAuthorizationToken"})}, "ecr:BatchGetImage", kRepo, PolicyDecision::kImplicitDeny},
      // Action wildcards: "ecr:*", "*", a prefix "ecr:Get*", and "?" for one character.
      {kAction, {allow({"ecr:*"})}, "ecr:BatchGetImage", kRepo, PolicyDecision::kAllow},
      {kAction,
       {allow({"*"})},
       "sqs:ReceiveMessage",
       "arn:aws:sqs:us-east-1:123456789012:jobs",
       PolicyDecision::kAllow},
      {kAction, {allow({"ecr:Get*"})}, "ecr:GetDownloadUrlForLayer", kRepo, PolicyDecision::kAllow},
      {kAction, {allow({"ecr:Get*"})}, "ecr:BatchGetImage", kRepo, PolicyDecision::kImplicitDeny},
      {kAction, {allow({"sqs:?eceiveMessage"})}, "sqs:ReceiveMessage", "*", PolicyDecision::kAllow},
      // "Action ... values are case insensitive"
      {kAction, {allow({"ECR:batchgetimage"})}, "ecr:BatchGetImage", kRepo, PolicyDecision::kAllow},
      // A wildcard does not cross services.
      {kAction, {allow({"ecs:*"})}, "ecr:BatchGetImage", kRepo, PolicyDecision::kImplicitDeny},
      // NotAction with Allow: every action except those listed.
      {kNotAction, {{"", true, true, {"iam:*"}, false, {"*"}}}, "ecr:BatchGetImage", kRepo, PolicyDecision::kAllow},
      {kNotAction,
       {{"", true, true, {"ecr:*"}, false, {"*"}}},
       "ecr:BatchGetImage",
       kRepo,
       PolicyDecision::kImplicitDeny},
      // NotAction with Deny: denies everything but the listed actions, which stay allowed.
      {kNotAction,
       {allow({"*"}), {"", false, true, {"sqs:*"}, false, {"*"}}},
       "ecr:BatchGetImage",
       kRepo,
       PolicyDecision::kExplicitDeny},
      {kNotAction,
       {allow({"*"}), {"", false, true, {"sqs:*"}, false, {"*"}}},
       "sqs:DeleteMessage",
       "*",
       PolicyDecision::kAllow},
      // Resource ARNs with wildcards: "*" for any run, "?" for one character.
      {kResource,
       {allow({"ecr:BatchGetImage"}, {"arn:aws:ecr:*:123456789012:repository/*"})},
       "ecr:BatchGetImage",
       kRepo,
       PolicyDecision::kAllow},
      {kResource,
       {allow({"ecr:BatchGetImage"}, {"arn:aws:ecr:us-east-1:123456789012:repository/we?"})},
       "ecr:BatchGetImage",
       kRepo,
       PolicyDecision::kAllow},
      {kResource,
       {allow({"ecr:BatchGetImage"}, {"arn:aws:ecr:us-east-1:123456789012:repository/api"})},
       "ecr:BatchGetImage",
       kRepo,
       PolicyDecision::kImplicitDeny},
      // Resource names are case-sensitive, unlike actions.
      {kResource,
       {allow({"ecr:BatchGetImage"}, {"arn:aws:ecr:us-east-1:123456789012:repository/WEB"})},
       "ecr:BatchGetImage",
       kRepo,
       PolicyDecision::kImplicitDeny},
      // NotResource: every resource but those listed.
      {kResource,
       {{"", true, false, {"sqs:*"}, true, {"arn:aws:sqs:*:*:admin"}}},
       "sqs:ReceiveMessage",
       "arn:aws:sqs:us-east-1:123456789012:jobs",
       PolicyDecision::kAllow},
      {kResource,
       {{"", true, false, {"sqs:*"}, true, {"arn:aws:sqs:*:*:jobs"}}},
       "sqs:ReceiveMessage",
       "arn:aws:sqs:us-east-1:123456789012:jobs",
       PolicyDecision::kImplicitDeny},
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    INFO("row " << i << " (" << r.doc << "): " << r.action << " on " << r.resource);
    Policy p{"inline", r.statements};
    CHECK(evaluate_policies({&p}, r.action, r.resource).decision == r.expected);
  }
}

TEST_CASE("the deciding statement: the first deny, else the first allow", "[iam][policy]") {
  Policy a{"a", {allow({"ecr:Get*"}), allow({"ecr:*"})}};
  Policy b{"b", {allow({"sqs:*"}), {"NoEcrPulls", false, false, {"ecr:GetDownloadUrlForLayer"}, false, {"*"}}}};
  PolicyEvaluation e = evaluate_policies({&a}, "ecr:GetAuthorizationToken", "*");
  CHECK(e.policy == "a");
  CHECK(e.statement == 0);
  // A deny in a later policy beats an allow found first (reference_policies_evaluation-logic.html).
  e = evaluate_policies({&a, &b}, "ecr:GetDownloadUrlForLayer", kRepo);
  CHECK(e.decision == PolicyDecision::kExplicitDeny);
  CHECK(e.policy == "b");
  CHECK(e.sid == "NoEcrPulls");
  CHECK(e.statement == 1);
}

TEST_CASE("AWS managed policies by name or ARN", "[iam][policy]") {
  // AmazonECSTaskExecutionRolePolicy: ECR pulls and awslogs, not secrets (task_execution_IAM_role.html).
  const ManagedPolicy* exec =
      find_managed_policy("arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
  REQUIRE(exec != nullptr);
  CHECK(exec == find_managed_policy("AmazonECSTaskExecutionRolePolicy"));
  const std::vector<const Policy*> roles = {&exec->policy};
  for (const char* action : {"ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
                             "logs:CreateLogStream", "logs:PutLogEvents"})
    CHECK(evaluate_policies(roles, action, kRepo).decision == PolicyDecision::kAllow);
  CHECK(evaluate_policies(roles, "secretsmanager:GetSecretValue", "*").decision == PolicyDecision::kImplicitDeny);
  // The container instance role registers the agent (security-iam-awsmanpol.html); ecs:Submit* covers the
  // state-change submissions.
  const ManagedPolicy* instance = find_managed_policy("AmazonEC2ContainerServiceforEC2Role");
  REQUIRE(instance != nullptr);
  const std::vector<const Policy*> agent = {&instance->policy};
  for (const char* action : {"ecs:RegisterContainerInstance", "ecs:Poll", "ecs:SubmitTaskStateChange"})
    CHECK(evaluate_policies(agent, action, "*").decision == PolicyDecision::kAllow);
  CHECK(evaluate_policies(agent, "sqs:ReceiveMessage", "*").decision == PolicyDecision::kImplicitDeny);
  const ManagedPolicy* sqs = find_managed_policy("AmazonSQSFullAccess");
  REQUIRE(sqs != nullptr);
  CHECK(evaluate_policies({&sqs->policy}, "sqs:DeleteMessage", "arn:aws:sqs:us-east-1:123456789012:jobs").decision ==
        PolicyDecision::kAllow);
  CHECK(find_managed_policy("AmazonECSTaskExecutionRole") == nullptr);
  CHECK(find_managed_policy("AmazonEC2ContainerRegistryReadOnly") != nullptr);
  CHECK(find_managed_policy("CloudWatchLogsFullAccess") != nullptr);
}

TEST_CASE("wildcard matching", "[iam][policy]") {
  CHECK(wildcard_match("*", "", {.question_mark = true}));
  CHECK(wildcard_match("a*b*c", "aXXbYYc", {.question_mark = true}));
  CHECK_FALSE(wildcard_match("a*b*c", "aXXbYY", {.question_mark = true}));
  CHECK(wildcard_match("a?c", "abc", {.question_mark = true}));
  CHECK_FALSE(wildcard_match("a?c", "ac", {.question_mark = true}));
  CHECK(wildcard_match("ECR:Get*", "ecr:getauthorizationtoken", {.question_mark = true, .fold_case = true}));
  CHECK_FALSE(wildcard_match("ECR:Get*", "ecr:getauthorizationtoken", {.question_mark = true}));
}

}  // namespace
}  // namespace fleetsim
