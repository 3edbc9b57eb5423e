// The roles, instanceProfiles and secrets sections read without a World: policies, managed policies by name or
// ARN, and what the reader refuses, at its pointer.

#include <catch2/catch.hpp>

#include "models/iam/iam_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

nlohmann::json role(const char* name, nlohmann::json statement) {
  return {{"RoleName", name},
          {"AttachedPolicies", {"arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}},
          {"Policies",
           {{{"PolicyName", "extra"}, {"PolicyDocument", {{"Version", "2012-10-17"}, {"Statement", statement}}}}}}};
}

TEST_CASE("roles, profiles and secrets read", "[iam][reader]") {
  nlohmann::json one = {{"Effect", "Allow"}, {"Action", "ssm:GetParameters"}, {"Resource", "*"}};
  IamConfig c = read_iam({{"roles", {role("exec", one)}},
                          {"instanceProfiles", {{{"InstanceProfileName", "ecs-node"}, {"Roles", {"exec"}}}}},
                          {"secrets", {{{"Name", "/prod/db"}, {"Type", "SecureString"}}, {{"Name", "api-key"}}}}});
  REQUIRE(c.roles.count("exec"));
  const Role& r = c.roles.at("exec");
  REQUIRE(r.policies().size() == 2);  // the managed one first, then the inline one
  CHECK(r.policies()[0]->name == "AmazonECSTaskExecutionRolePolicy");
  // A single statement object stands for a list of one.
  REQUIRE(r.inline_policies.at(0).statements.size() == 1);
  CHECK(r.inline_policies[0].statements[0].actions == std::vector<std::string>{"ssm:GetParameters"});
  CHECK(c.profiles.at("ecs-node") == std::vector<std::string>{"exec"});
  CHECK(c.secrets == std::set<std::string>{"prod/db", "api-key"});
}

TEST_CASE("what the IAM reader refuses, and where", "[iam][reader]") {
  nlohmann::json ok = {{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}};
  Diagnostic e = error_of([] { read_iam({{"roles", {role("exec", {{{"Effect", "Allow"}, {"Resource", "*"}}})}}}); });
  CHECK(e.pointer == "/roles/0/Policies/0/PolicyDocument/Statement/0");
  CHECK(e.message == "a permissions policy statement needs \"Action\" or \"NotAction\"");
  e = error_of([] {
    read_iam({{"roles",
               {role("exec", {{{"Effect", "Allow"}, {"Action", {"ecr:*", "BatchGetImage"}}, {"Resource", "*"}}})}}});
  });
  CHECK(e.pointer == "/roles/0/Policies/0/PolicyDocument/Statement/0/Action/1");
  e = error_of([] {
    read_iam(
        {{"roles", {role("exec", {{"Effect", "Deny"}, {"Action", "*"}, {"Resource", "*"}, {"NotResource", "*"}})}}});
  });
  CHECK(e.pointer == "/roles/0/Policies/0/PolicyDocument/Statement/NotResource");
  e = error_of([&] {
    nlohmann::json r = role("exec", ok);
    r["AttachedPolicies"] = {"AmazonECSTaskExecutionRole"};
    read_iam({{"roles", {r}}});
  });
  CHECK(e.pointer == "/roles/0/AttachedPolicies/0");
  CHECK(e.message.find("did you mean \"AmazonECSTaskExecutionRolePolicy\"") != std::string::npos);
  e = error_of([&] { read_iam({{"roles", {role("exec", ok), role("exec", ok)}}}); });
  CHECK(e.pointer == "/roles/1/RoleName");
  e = error_of([&] {
    read_iam({{"roles", {role("exec", ok)}},
              {"instanceProfiles", {{{"InstanceProfileName", "p"}, {"Roles", {"arn:aws:iam::1:role/node"}}}}}});
  });
  CHECK(e.pointer == "/instanceProfiles/0/Roles/0");
  CHECK(e.message.find("\"node\"") != std::string::npos);
  e = error_of([] { read_iam({{"secrets", {{{"Name", "/db"}}, {{"Name", "db"}}}}}); });
  CHECK(e.pointer == "/secrets/1/Name");
}

}  // namespace
}  // namespace fleetsim
