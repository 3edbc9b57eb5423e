#pragma once
/// The one visible place where models are registered: their scenario sections, timeline actions
/// and build steps, in build order. It fills the core's registry interface (sim/model_registry.hpp),
/// through which the command reaches the models.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/world.hpp"
#include "sim/model_registry.hpp"

namespace fleetsim {

/// Builds part of the world from the validated scenario.
using BuildStep = void (*)(const nlohmann::json& scenario, World& world);

/// Sections, timeline actions and build steps of every model; builds runs and answers the command.
class ModelRegistry : public Registry {
 public:
  /// Adds a build step; steps run in the order added.
  void add_build_step(BuildStep step) { steps_.push_back(step); }
  /// The build steps in order.
  const std::vector<BuildStep>& build_steps() const { return steps_; }

  /// A world placed in the scenario's region and built by every step in order (models/world_run.cpp).
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
  std::vector<BuildStep> steps_;
};

/// Registers every model. Called once by `main`; the order here is the build order.
void register_models(ModelRegistry& registry);

}  // namespace fleetsim
