#pragma once
/// The ECS model of a run: task definitions, clusters, capacity, services and RunTask groups, as the
/// wiring builds them.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "models/api/image_source.hpp"
#include "models/api/task_launcher.hpp"
#include "models/ecs/cluster_capacity.hpp"
#include "models/ecs/managed_scaling.hpp"
#include "models/ecs/service.hpp"
#include "models/ecs/standalone_tasks.hpp"
#include "models/ecs/task_definition.hpp"
#include "models/world.hpp"

namespace fleetsim {

/// The ECS control plane of a run: task definitions, clusters and services.
class EcsModel : public Model, public TaskLauncher {
 public:
  explicit EcsModel(World& world) : world_(world) {}
  std::function<void()> run_task(const nlohmann::json& target, const std::string& pointer) override;
  void start() override {
    for (auto& m : scalers) m->start();
    for (auto& s : services) s->start();
  }
  void finish(SimTime end) override {
    for (auto& s : services) s->finish(end);
  }
  void write_summary(nlohmann::ordered_json& summary) const override {
    for (const auto& s : services) summary["services"][s->name()] = s->summary();
    // RunTask groups; targets sharing a group add up.
    std::map<std::string, TaskCounts> groups;
    for (const auto& g : standalone) groups[g->group()] += g->counts();
    for (const auto& [name, c] : groups) summary["standaloneTasks"][name] = c.summary();
    write_elasticity(summary["elasticity"]);
  }

  // SPEC Research Group elasticity metrics (Herbst et al., "Ready for Rain?"), per service over its
  // metric periods, then averaged over services: accuracy is the mean relative shortfall (or excess)
  // of supply against demand; timeshare the fraction of periods under (or over) provisioned;
  // instability the fraction of period changes where supply and demand move in different directions.
  /// The SPEC elasticity figures, averaged over services.
  void write_elasticity(nlohmann::ordered_json& out) const {
    double under_acc = 0, over_acc = 0, under_time = 0, over_time = 0, instability = 0;
    int counted = 0;
    for (const auto& svc : services) {
      const ElasticityTally& e = svc->elasticity();
      if (e.periods() == 0) continue;
      under_acc += e.under_accuracy(), over_acc += e.over_accuracy();
      under_time += e.under_timeshare(), over_time += e.over_timeshare();
      instability += e.instability();
      ++counted;
    }
    if (counted == 0) return;
    out = {{"underProvisioningAccuracy", under_acc / counted},
           {"overProvisioningAccuracy", over_acc / counted},
           {"underProvisioningTimeshare", under_time / counted},
           {"overProvisioningTimeshare", over_time / counted},
           {"instability", instability / counted}};
  }
  /// The service named `name`, or nullptr.
  Service* find(const std::string& name) const {
    for (const auto& s : services) {
      if (s->name() == name) return s.get();
    }
    return nullptr;
  }
  /// Every service name, in definition order.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& s : services) out.push_back(s->name());
    return out;
  }

  /// The groups a service's EC2 tasks can land on: its providers' groups, or every group of the cluster.
  std::vector<ScalableGroup*> groups_for(const ServiceConfig& config) {
    std::vector<ScalableGroup*> out;
    for (const ProviderShare& share : config.providers) {
      if (auto g = provider_group.find(share.name); g != provider_group.end()) out.push_back(g->second);
      if (share.name == "EC2") return cluster_groups[config.cluster];
    }
    return out;
  }
  /// The EC2 capacity of `cluster`, made on first use.
  ClusterCapacity& capacity(World& world, const std::string& cluster) {
    auto& slot = capacities[cluster];
    if (!slot) {
      slot = std::make_unique<ClusterCapacity>(world.ctx, cluster,
                                               world.need<const ImageSource>("ecr", "", "image source"),
                                               world.catalog.ec2.ephemeral_first, world.catalog.ec2.ephemeral_last);
    }
    return *slot;
  }

  TaskDefinitionTable definitions;
  std::set<std::string> clusters{"default"};
  std::map<std::string, nlohmann::json> default_strategies;           // cluster -> defaultCapacityProviderStrategy
  std::map<std::string, std::string> provider_cluster;                // ASG capacity provider -> its cluster
  std::map<std::string, std::vector<ScalableGroup*>> cluster_groups;  // cluster -> groups whose instances join it
  std::map<std::string, ScalableGroup*> provider_group;               // ASG capacity provider -> its group
  std::map<std::string, std::unique_ptr<ClusterCapacity>> capacities;
  std::vector<std::unique_ptr<ManagedScaling>> scalers;
  IpAllocator ips;
  std::vector<std::unique_ptr<Service>> services;
  std::vector<std::unique_ptr<StandaloneTasks>> standalone;  // one per RunTask target

 private:
  World& world_;
};

}  // namespace fleetsim
