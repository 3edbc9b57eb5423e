#pragma once
/// The one visible place where models are registered: their scenario sections, timeline actions
/// and builders (whose ranks, not the order here, decide the build order). It fills the core's
/// registry interface (sim/model_registry.hpp), through which the command reaches the models.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/world_builder.hpp"
#include "sim/model_registry.hpp"

namespace fleetsim {

/// Sections, timeline actions and builders of every model; builds runs and answers the command.
class ModelRegistry : public Registry {
 public:
  /// Adds a model's builder.
  void add_model(ModelBuilder builder) { plan_.add(std::move(builder)); }
  /// How the world is built.
  const WorldPlan& plan() const { return plan_; }

  /// A world placed in the scenario's region and built by the plan (models/world_run.cpp).
  std::unique_ptr<ModelRun> build(const RunInput& input) const override;
  /// The built-in catalogue with Fargate's task sizes (models/registry_commands.cpp, as the three below).
  std::optional<nlohmann::ordered_json> catalog(const std::string& region) const override;
  /// ECS tasks and EC2 instances.
  std::vector<LifecycleKind> lifecycle_kinds() const override;
  /// Timeline actions, deployments, scaling and alarms.
  std::set<std::string> instant_event_types() const override;
  /// Requests, services and cost.
  std::string summary_lines(const nlohmann::ordered_json& summary) const override;

 private:
  WorldPlan plan_;
};

/// Adds one model (or a few fields) to a registry.
using RegisterModel = void (*)(ModelRegistry&);
/// Every model's registration, in the order of the schema's sections.
const std::vector<RegisterModel>& model_registrations();
/// Registers every model. Called once by `main`; the order here is the schema's order only.
void register_models(ModelRegistry& registry);

}  // namespace fleetsim
