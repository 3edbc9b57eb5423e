#include "models/iam/iam_shapes.hpp"

#include "models/registry.hpp"

namespace fleetsim {

void declare_iam_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  // IAM's grammar: a single string or a list of them, a single statement or a list of them.
  Shape& strings = s.make(ShapeKind::kOneOf, "a string or a list of strings");
  strings.alternatives = {s.string(), s.array_of(s.string(), 1000)};
  Shape& statement = s.object("a policy statement", "IAM JSON policy Statement element.");
  statement.field("Sid", s.string(), "statement id")
      .required("Effect", s.one_of_strings("an effect", {"Allow", "Deny"}), "Allow or Deny")
      .field("Action", &strings, "actions (service:Action, `*` and `?` wildcards, case-insensitive)")
      .field("NotAction", &strings, "every action but these")
      .field("Resource", &strings, "resource ARNs (`*` and `?` wildcards)")
      .field("NotResource", &strings, "every resource but these")
      // Conditions need request context fleetsim does not have: a statement applies as if its condition held.
      .ignored({"Condition", "Principal", "NotPrincipal"});
  Shape& statements = s.make(ShapeKind::kOneOf, "a statement or a list of statements");
  statements.alternatives = {s.array_of(&statement, 1000), &statement};
  Shape& document = s.object("a policy document",
                             "An IAM JSON policy document, as an object (as get-role and get-role-policy print it).");
  document
      .field("Version", s.one_of_strings("a policy language version", {"2012-10-17", "2008-10-17"}),
             "policy language version")
      .required("Statement", &statements, "statements")
      .field("Id", s.string(), "policy id");
  Shape& inline_policy = s.object("an inline policy", "iam PutRolePolicy.");
  inline_policy.required("PolicyName", s.string(), "policy name, unique in the role")
      .required("PolicyDocument", &document, "the permissions");
  Shape& role = s.object("a role", "iam CreateRole, with its attached and inline policies.");
  role.required("RoleName", s.string(), "role name (executionRoleArn, taskRoleArn and instance profiles name it)")
      .field("AssumeRolePolicyDocument", &document, "trust policy: who may assume the role")
      .field("AttachedPolicies", s.array_of(s.string(), 20),
             "AWS managed policies by name or ARN (those models/iam/README.md lists)")
      .field("Policies", s.array_of(&inline_policy, 100), "inline policies (PutRolePolicy)")
      .ignored(
          {"Path", "Description", "MaxSessionDuration", "PermissionsBoundary", "Tags", "RoleId", "Arn", "CreateDate"});
  r.add_section("roles", s.array_of(&role, 10000),
                "IAM roles; with this section ECS checks the task execution role, the task role and instance "
                "profiles as AWS does");
  Shape& profile = s.object("an instance profile", "iam CreateInstanceProfile + AddRoleToInstanceProfile.");
  profile.required("InstanceProfileName", s.string(), "profile name (an Auto Scaling group's IamInstanceProfile)")
      .field("Roles", s.array_of(s.string(), 1), "its role (a profile holds at most one)")
      .ignored({"Path", "Tags", "InstanceProfileId", "Arn", "CreateDate"});
  r.add_section("instanceProfiles", s.array_of(&profile, 10000), "IAM instance profiles");
  Shape& secret = s.object("a secret", "secretsmanager CreateSecret or ssm PutParameter: only the name is used.");
  secret.required("Name", s.string(), "secret or parameter name, as valueFrom references it")
      .field("Type", s.one_of_strings("a parameter type", {"String", "StringList", "SecureString"}),
             "an SSM parameter's type (absent: a Secrets Manager secret)")
      .ignored({"SecretString", "SecretBinary", "Value", "Description", "KmsKeyId", "Tags", "Tier", "Overwrite"});
  r.add_section("secrets", s.array_of(&secret, 100000), "Secrets Manager secrets and SSM parameters, by name");
}

}  // namespace fleetsim
