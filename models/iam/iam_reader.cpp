#include "models/iam/iam_reader.hpp"

#include "models/iam/managed_policies.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

std::vector<std::string> strings_of(const nlohmann::json& v) {
  if (v.is_string()) return {v.get<std::string>()};
  return v.get<std::vector<std::string>>();
}

// The element `name` or `not_name` of statement `s` (exactly one of them), its values and whether it was the Not form.
std::vector<std::string> one_of_pair(const nlohmann::json& s, const std::string& sp, const char* name,
                                     const char* not_name, bool& negated) {
  bool has = s.contains(name), has_not = s.contains(not_name);
  if (has && has_not)
    throw ScenarioError(append_pointer(sp, not_name),
                        std::string("a statement has \"") + name + "\" or \"" + not_name + "\", not both");
  if (!has && !has_not)
    throw ScenarioError(sp,
                        std::string("a permissions policy statement needs \"") + name + "\" or \"" + not_name + "\"");
  negated = has_not;
  return strings_of(s[has ? name : not_name]);
}

}  // namespace

std::vector<const Policy*> Role::policies() const {
  std::vector<const Policy*> out = attached;
  for (const Policy& p : inline_policies) out.push_back(&p);
  return out;
}

Policy read_policy_document(const nlohmann::json& document, const std::string& name, const std::string& p) {
  Policy policy{name, {}};
  const nlohmann::json& st = document["Statement"];
  std::string stp = append_pointer(p, "Statement");
  // IAM takes a single statement object in place of a list of one.
  nlohmann::json list = st.is_array() ? st : nlohmann::json::array({st});
  for (std::size_t i = 0; i < list.size(); ++i) {
    const nlohmann::json& s = list[i];
    std::string sp = st.is_array() ? append_pointer(stp, i) : stp;
    PolicyStatement out;
    out.sid = s.value("Sid", std::string());
    out.allow = s["Effect"].get<std::string>() == "Allow";
    out.actions = one_of_pair(s, sp, "Action", "NotAction", out.not_action);
    for (std::size_t a = 0; a < out.actions.size(); ++a) {
      const std::string& action = out.actions[a];
      // "*" alone, or "service:pattern": IAM refuses an action without its service prefix.
      if (action != "*" && (action.find(':') == std::string::npos || action.front() == ':')) {
        std::string where = append_pointer(sp, out.not_action ? "NotAction" : "Action");
        if (!s[out.not_action ? "NotAction" : "Action"].is_string()) where = append_pointer(where, a);
        throw ScenarioError(where, "action \"" + action + "\" is not \"service:Action\" (e.g. \"ecr:BatchGetImage\")");
      }
    }
    out.resources = one_of_pair(s, sp, "Resource", "NotResource", out.not_resource);
    policy.statements.push_back(std::move(out));
  }
  return policy;
}

IamConfig read_iam(const nlohmann::json& scenario) {
  IamConfig config;
  const nlohmann::json roles = scenario.value("roles", nlohmann::json::array());
  for (std::size_t i = 0; i < roles.size(); ++i) {
    const nlohmann::json& r = roles[i];
    std::string p = append_pointer("/roles", i);
    Role role;
    role.name = r["RoleName"].get<std::string>();
    const nlohmann::json attached = r.value("AttachedPolicies", nlohmann::json::array());
    for (std::size_t a = 0; a < attached.size(); ++a) {
      std::string ref = attached[a].get<std::string>();
      const ManagedPolicy* m = find_managed_policy(ref);
      if (m == nullptr)
        throw ScenarioError(append_pointer(append_pointer(p, "AttachedPolicies"), a),
                            no_such_name("AWS managed policy", ref, managed_policy_names()));
      role.attached.push_back(&m->policy);
    }
    const nlohmann::json policies = r.value("Policies", nlohmann::json::array());
    for (std::size_t k = 0; k < policies.size(); ++k) {
      std::string pp = append_pointer(append_pointer(p, "Policies"), k);
      std::string name = policies[k]["PolicyName"].get<std::string>();
      for (const Policy& earlier : role.inline_policies) {
        if (earlier.name == name)
          throw ScenarioError(append_pointer(pp, "PolicyName"), "policy \"" + name + "\" is in this role twice");
      }
      role.inline_policies.push_back(
          read_policy_document(policies[k]["PolicyDocument"], name, append_pointer(pp, "PolicyDocument")));
    }
    std::string name = role.name;
    if (!config.roles.emplace(name, std::move(role)).second)
      throw ScenarioError(append_pointer(p, "RoleName"), "role \"" + name + "\" is defined twice");
  }
  std::vector<std::string> role_names;
  for (const auto& [name, _] : config.roles) role_names.push_back(name);
  const nlohmann::json profiles = scenario.value("instanceProfiles", nlohmann::json::array());
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    std::string p = append_pointer("/instanceProfiles", i);
    std::string name = profiles[i]["InstanceProfileName"].get<std::string>();
    std::vector<std::string> members;
    const nlohmann::json list = profiles[i].value("Roles", nlohmann::json::array());
    for (std::size_t k = 0; k < list.size(); ++k) {
      std::string role = name_from_reference(list[k].get<std::string>());
      if (!config.roles.count(role))
        throw ScenarioError(append_pointer(append_pointer(p, "Roles"), k), no_such_name("role", role, role_names));
      members.push_back(role);
    }
    if (!config.profiles.emplace(name, std::move(members)).second)
      throw ScenarioError(append_pointer(p, "InstanceProfileName"),
                          "instance profile \"" + name + "\" is defined twice");
  }
  const nlohmann::json secrets = scenario.value("secrets", nlohmann::json::array());
  for (std::size_t i = 0; i < secrets.size(); ++i) {
    std::string name = secrets[i]["Name"].get<std::string>();
    // SSM parameter names are written with or without their leading '/'; both name the same parameter.
    if (!config.secrets.insert(name.starts_with('/') ? name.substr(1) : name).second)
      throw ScenarioError(append_pointer(append_pointer("/secrets", i), "Name"), "\"" + name + "\" is defined twice");
  }
  return config;
}

}  // namespace fleetsim
