#pragma once
/// Building a World from a scenario in three stages, in an order no registration can change.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/world.hpp"

namespace fleetsim {

/// One model's part in building the world.
struct ModelBuilder {
  /// Unique; names the model in messages and breaks ties between equal ranks.
  std::string name;
  /// When the model is created, lowest first. It fixes the order of whatever reaches the outputs from the
  /// build (models' start order, metrics.csv's series order), and a model may find, while it is created,
  /// what lower-ranked models provided. Ranks in use: catalog 5, network 10, iam 15, ecr 20,
  /// fargate 30, ec2 40, alb 50, sqs 60, ecs 70, eks 75, workloads 80, events 90, cloudwatch 100, autoscaling 110,
  /// externalPolicies 115, alarms 120, azOutage 130, timeline 140.
  int rank;
  /// Stage 1: reads the model's sections, creates and owns its instances and provides their interfaces.
  void (*create)(const nlohmann::json& scenario, World& world);
};

/// The models of a run, in their build order whatever the order they were added in.
class WorldPlan {
 public:
  /// Adds a model; throws std::logic_error when its name is taken.
  void add(ModelBuilder builder);
  /// Builds `world`: every model's create in rank order (stage 1), then every owned model's link (stage 2),
  /// then every owned model's check (stage 3). Throws ScenarioError on the scenario's first problem.
  void build(const nlohmann::json& scenario, World& world) const;
  /// The builders in build order.
  const std::vector<ModelBuilder>& builders() const { return builders_; }

 private:
  std::vector<ModelBuilder> builders_;  // sorted by (rank, name)
};

}  // namespace fleetsim
