#pragma once
/// The assembled simulation: core services, the catalogue, and every model instance with the
/// name directories through which models find each other's interfaces.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/api/alarms.hpp"
#include "models/api/container_instances.hpp"
#include "models/api/cost_ledger.hpp"
#include "models/api/image_source.hpp"
#include "models/api/launch_platform.hpp"
#include "models/api/load_balancing.hpp"
#include "models/api/message_queue.hpp"
#include "models/api/metric_source.hpp"
#include "models/api/request_path.hpp"
#include "models/api/request_totals.hpp"
#include "models/api/run_context.hpp"
#include "models/api/scalable_resource.hpp"
#include "models/api/traffic_policy.hpp"
#include "models/api/zone_health.hpp"
#include "models/catalog/catalog.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace fleetsim {

/// A model instance's part in the run's life: start, finish, and its lines in summary.json.
class Model {
 public:
  virtual ~Model() = default;
  /// Schedules the model's first events (all models are built before any starts).
  virtual void start() {}
  /// The run reached its end: settle bills and counters (before the last period closes).
  virtual void finish(SimTime) {}
  /// Adds the model's figures to summary.json.
  virtual void write_summary(nlohmann::ordered_json&) const {}
};

/// A model whose parts each schedule their own first events (workloads, scheduled rules): it owns them
/// and starts them in the order they were built.
template <class Part>
class PartsModel : public Model {
 public:
  void start() override {
    for (auto& p : parts) p->start();
  }
  std::vector<std::unique_ptr<Part>> parts;
};

/// Name -> interface, ordered so iteration never depends on addresses.
template <class T>
class Directory {
 public:
  /// Adds `item` under `name`; false when the name is taken.
  bool add(const std::string& name, T* item) { return items_.emplace(name, item).second; }
  /// The item, or nullptr.
  T* find(const std::string& name) const {
    auto it = items_.find(name);
    return it == items_.end() ? nullptr : it->second;
  }
  /// All names, sorted.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [n, _] : items_) out.push_back(n);
    return out;
  }

 private:
  std::map<std::string, T*> items_;
};

/// A timeline action a model provides: checks a validated entry against the built world
/// (throwing ScenarioError with the entry's pointer) and returns the effect to run at its time.
using TimelineHandler = std::function<std::function<void()>(const nlohmann::json& entry, const std::string& pointer)>;

/// Everything built from one scenario.
struct World {
  RunContext& ctx;
  Catalog catalog = Catalog::built_in();
  std::string region = "us-east-1";
  std::vector<std::string> availability_zones;
  std::map<std::string, std::string> subnet_zones;  ///< subnet id -> AZ
  ZoneHealth zone_health;                           ///< which AZs are up (azOutage darkens one)
  std::string scenario_dir;                         ///< for paths relative to the scenario file
  CostLedger costs;
  RequestTotals requests;

  Directory<RequestSink> listeners;                ///< "loadBalancerName:port"
  Directory<TargetGroupPort> target_groups;        ///< by name
  Directory<MessageQueue> queues;                  ///< SQS queues by QueueName
  Directory<LaunchPlatform> platforms;             ///< "FARGATE", "FARGATE_SPOT"
  Directory<const ImageSource> images;             ///< "ecr"
  Directory<ScalableGroup> auto_scaling_groups;    ///< by AutoScalingGroupName
  Directory<SpotPool> spot_pools;                  ///< Auto Scaling groups by name, and "FARGATE_SPOT"
  const TrafficPolicy* traffic = nullptr;          ///< security groups; nullptr without the section (all allowed)
  std::vector<std::string> security_group_ids;     ///< defined groups, sorted
  std::vector<Diagnostic> warnings;                ///< valid, but probably not what the author meant
  Directory<const MetricSource> metric_sources;    ///< metric_source_key(namespace, metric, dimensions)
  Directory<ScalableResource> scalable_resources;  ///< ResourceId: "service/<cluster>/<service>"
  Directory<AlarmAction> alarm_actions;            ///< scaling policies by PolicyName
  AlarmHost* alarm_host = nullptr;                 ///< CloudWatch, once built
  std::int64_t start_unix_s = 1767225600;          ///< simulation.startTime (default 2026-01-01T00:00:00Z)
  std::map<std::string, TimelineHandler> timeline_actions;
  /// ECS RunTask for other models (EventBridge targets): checks a target (its `Arn` names the cluster,
  /// `EcsParameters` the tasks) at `pointer` against the built world, throwing ScenarioError, and returns
  /// what launches the tasks. Set by ECS.
  std::function<std::function<void()>(const nlohmann::json& target, const std::string& pointer)> run_task;
  std::vector<std::unique_ptr<Model>> models;  ///< in build order

  /// A world for `ctx`.
  explicit World(RunContext& context) : ctx(context), costs(context.metrics) {}
  /// The security group ids of the array `list` at `pointer`, each checked against the securityGroups
  /// section (throws ScenarioError naming the unknown one); unchecked when the scenario has no such section.
  std::vector<std::string> security_groups_at(const nlohmann::json& list, const std::string& pointer) const;
  /// Takes ownership of a model and returns it.
  template <class M>
  M& own(std::unique_ptr<M> m) {
    M& ref = *m;
    models.push_back(std::move(m));
    return ref;
  }
};

}  // namespace fleetsim
