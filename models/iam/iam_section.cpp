#include "models/iam/iam_section.hpp"

#include "models/api/permissions.hpp"
#include "models/iam/iam_reader.hpp"
#include "models/iam/iam_shapes.hpp"
#include "models/registry.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

/// The scenario's roles answering for their policies.
class IamModel : public Model, public Permissions {
 public:
  explicit IamModel(IamConfig config) : config_(std::move(config)) {}
  bool has_role(const std::string& role) const override { return config_.roles.count(name_from_reference(role)); }
  AccessAnswer may(const std::string& role, const std::string& action, const std::string& resource) const override {
    PolicyEvaluation e = evaluate_policies(config_.roles.at(name_from_reference(role)).policies(), action, resource);
    AccessAnswer a{e.decision == PolicyDecision::kAllow, e.decision == PolicyDecision::kExplicitDeny, {}};
    if (e.statement >= 0) {
      a.deciding = "policy " + e.policy + " statement " + std::to_string(e.statement);
      if (!e.sid.empty()) a.deciding += " (" + e.sid + ")";
    }
    return a;
  }
  std::optional<std::vector<std::string>> profile_roles(const std::string& profile) const override {
    auto it = config_.profiles.find(name_from_reference(profile));
    if (it == config_.profiles.end()) return std::nullopt;
    return it->second;
  }
  bool has_secret(const std::string& name) const override {
    return config_.secrets.count(name.starts_with('/') ? name.substr(1) : name);
  }

 private:
  IamConfig config_;
};

void build_iam(const nlohmann::json& scenario, World& world) {
  IamConfig config = read_iam(scenario);
  // Without roles nothing is checked: scenarios written before IAM was simulated run as they did.
  if (!scenario.contains("roles")) return;
  auto& model = world.own(std::make_unique<IamModel>(std::move(config)));
  world.provide<const Permissions>("iam", &model);
}

}  // namespace

void register_iam(ModelRegistry& r) {
  declare_iam_shapes(r);
  r.add_model({"iam", 15, &build_iam});
}

}  // namespace fleetsim
