#pragma once
/// ECS task placement on EC2 container instances: resources, constraints, strategies, scale-in choice.
///
/// A pure component: no engine, no clock. The EC2 capacity model keeps a PlacementCluster in step with
/// its instances and asks it where to start (place) or which task to stop (choose_scale_in).
///
/// Order of evaluation, as ECS documents it: (1) instances with enough CPU, memory, free static host
/// ports and (awsvpc) a free ENI; (2) the binding constraints; (3) each strategy in order narrows the
/// candidates to its best ones (best effort: a strategy never empties the set); (4) select.
/// Tie-break: when candidates remain after the last strategy, the lowest position wins (the order the
/// instances were given in, which must be increasing `index`). Positions, not ids or pointers, so the
/// choice is the same on every machine.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/ecs/cluster_query.hpp"
#include "sim/random/rng.hpp"

namespace fleetsim {

/// One container instance as the placement engine sees it.
struct InstanceView {
  std::uint32_t index = 0;                        ///< the caller's id; must increase along the list
  std::string instance_id;                        ///< e.g. "i-0abc"; only for messages
  std::string availability_zone;                  ///< ecs.availability-zone
  std::string instance_type;                      ///< ecs.instance-type
  std::string os_type = "linux";                  ///< ecs.os-type
  std::string cpu_architecture = "x86_64";        ///< ecs.cpu-architecture
  std::string ami_id;                             ///< ecs.ami-id (omitted when empty)
  std::string subnet_id;                          ///< ecs.subnet-id (omitted when empty)
  std::map<std::string, std::string> attributes;  ///< custom attributes; a built-in name here overrides it
  int remaining_cpu_units = 0;                    ///< registered minus reserved by running tasks
  int remaining_memory_mib = 0;                   ///< registered minus reserved by running tasks
  std::vector<int> used_host_ports;               ///< static ports taken, including the agent's reserved ones
  int free_enis = 0;                              ///< ENI attachment points left for awsvpc tasks
  int tasks_of_group = 0;                         ///< tasks of the group being placed (service or task group)
  bool draining = false;                          ///< DRAINING instances take no new tasks
};

/// What one task needs from an instance.
struct TaskRequirement {
  int cpu_units = 0;                   ///< task-level or summed container CPU reservation
  int memory_mib = 0;                  ///< memory reservation (soft limit if set, else hard)
  std::vector<int> static_host_ports;  ///< non-zero host ports (bridge/host mode)
  bool needs_eni = false;              ///< awsvpc network mode
};

/// The resource binpack minimises.
enum class BinpackField : std::uint8_t { kCpu, kMemory };

/// One placement strategy rule.
struct PlacementStrategy {
  /// Which rule.
  enum class Type : std::uint8_t { kBinpack, kSpread, kRandom };
  Type type = Type::kRandom;
  BinpackField binpack_field = BinpackField::kMemory;  ///< binpack only
  std::string spread_attribute;                        ///< spread only: attribute name; empty = per instance

  /// binpack on `field`.
  static PlacementStrategy binpack(BinpackField field);
  /// spread on "instanceId", "host" or "attribute:NAME"; throws std::invalid_argument otherwise.
  static PlacementStrategy spread(std::string_view field);
  /// random.
  static PlacementStrategy random();
  /// From the API's (type, field) strings; throws std::invalid_argument with a message naming the bad part.
  static PlacementStrategy parse(std::string_view type, std::string_view field);
};

/// One binding placement constraint.
struct PlacementConstraint {
  /// Which constraint.
  enum class Type : std::uint8_t { kDistinctInstance, kMemberOf };
  Type type = Type::kDistinctInstance;
  std::optional<ClusterQuery> expression;  ///< memberOf only

  /// distinctInstance.
  static PlacementConstraint distinct_instance();
  /// memberOf `expression`; throws QueryParseError.
  static PlacementConstraint member_of(std::string_view expression);
};

/// Strategies and constraints of a service or RunTask call.
struct PlacementPolicy {
  std::vector<PlacementStrategy> strategies;  ///< empty: the service default (see effective_strategies)
  std::vector<PlacementConstraint> constraints;

  /// The strategies actually applied: the given ones, or ECS's service default when none are given,
  /// spread over ecs.availability-zone then over instances (fewest tasks of the group).
  std::vector<PlacementStrategy> effective_strategies() const;
};

/// Why no instance was chosen; ordered by how far the closest instance got.
enum class PlacementFailure : std::uint8_t {
  kNone,              ///< placed
  kNoInstances,       ///< no ACTIVE instance at all
  kCpu,               ///< RESOURCE:CPU
  kMemory,            ///< RESOURCE:MEMORY
  kPorts,             ///< RESOURCE:PORTS
  kEni,               ///< RESOURCE:ENI
  kMemberOf,          ///< MemberOf placement constraint unsatisfied
  kDistinctInstance,  ///< DistinctInstance placement constraint unsatisfied
};

/// ECS's reason string for `failure` (RunTask `failures[].reason`); "" for kNone and kNoInstances.
std::string_view failure_reason(PlacementFailure failure);

/// The outcome of one placement.
struct PlacementResult {
  PlacementFailure failure = PlacementFailure::kNoInstances;  ///< kNone when placed
  std::uint32_t instance = 0;  ///< placed: the chosen instance's index; failed: the closest matching one's
  /// True when a task was placed.
  bool ok() const { return failure == PlacementFailure::kNone; }
  /// ECS's reason string; "" when placed.
  std::string_view reason() const { return failure_reason(failure); }
};

/// The service event ECS writes when a placement fails, e.g. "service web was unable to place a task
/// because no container instance met all of its requirements. The closest matching container-instance
/// i-1 has insufficient memory available. ..."; `closest_instance_id` names result.instance.
std::string service_event_message(std::string_view service_name, const PlacementResult& result,
                                  std::string_view closest_instance_id);

class PlacementCluster;

/// A policy prepared for one cluster: names interned, memberOf evaluated once per instance (instance
/// attributes never change). Valid for that cluster, and copies made after binding, for their whole life.
class BoundPolicy {
 public:
  /// Spread per instance rather than per attribute value.
  static constexpr std::uint32_t kPerInstance = StringPool::kAbsent;

 private:
  friend class PlacementCluster;
  struct Rule {
    PlacementStrategy::Type type;
    BinpackField field;
    std::uint32_t attribute;  // spread: interned name, or kPerInstance
    std::int32_t totals;      // spread on an attribute: index into the cluster's spread totals, or -1
  };
  std::vector<Rule> rules_;
  std::vector<BoundQuery> member_of_;
  std::vector<std::uint8_t> member_mask_;  // per position: 1 if every memberOf query holds
  bool distinct_instance_ = false;
  bool needs_rng_ = false;
};

/// The container instances of one cluster, as flat columns, with the running tasks of one group.
class PlacementCluster {
 public:
  /// Builds the columns; throws std::invalid_argument unless indices strictly increase.
  explicit PlacementCluster(const std::vector<InstanceView>& instances);

  /// Appends one instance (its index above every other); policies bound before need refresh().
  void add_instance(const InstanceView& instance);

  /// Interns `policy` for this cluster; bind once per service, not per placement.
  BoundPolicy bind(const PlacementPolicy& policy);
  /// Evaluates a bound policy's constraints on the instances added since it was bound or refreshed.
  void refresh(BoundPolicy& policy) const;

  /// Chooses an instance for one task of the current group; `rng` is required when a strategy is random.
  /// Does not change the cluster: call commit() with the result to reserve the resources.
  PlacementResult place(const BoundPolicy& policy, const TaskRequirement& task, Rng* rng = nullptr);

  /// Chooses the instance (by index) from which the service scheduler stops one task of the group on
  /// scale-in; nullopt when the group has no task. The strategies apply in order with the opposite
  /// sense: binpack keeps the instances with the most of the resource left; spread keeps the attribute
  /// values, then the instances, with the most tasks; random picks uniformly; ties go to the lowest position.
  std::optional<std::uint32_t> choose_scale_in(const BoundPolicy& policy, Rng* rng = nullptr);

  /// Reserves `task` on the instance at `index` and counts it in the group.
  void commit(std::uint32_t index, const TaskRequirement& task);
  /// Returns `task`'s reservation on the instance at `index` and removes it from the group.
  void release(std::uint32_t index, const TaskRequirement& task);
  /// Marks the instance at `index` DRAINING (or ACTIVE again).
  void set_draining(std::uint32_t index, bool draining);
  /// Replaces the group task counts (one per instance, in list order), to place for another group.
  void set_group_tasks(std::span<const int> tasks_per_instance);

  /// Number of instances.
  std::size_t size() const { return index_.size(); }
  /// The position of instance `index`; throws std::out_of_range if absent.
  std::size_t position_of(std::uint32_t index) const;
  /// Remaining CPU units of the instance at `index`.
  int remaining_cpu(std::uint32_t index) const { return cpu_[position_of(index)]; }
  /// Remaining memory (MiB) of the instance at `index`.
  int remaining_memory(std::uint32_t index) const { return memory_[position_of(index)]; }
  /// Free ENIs of the instance at `index`.
  int free_enis(std::uint32_t index) const { return enis_[position_of(index)]; }
  /// Tasks of the current group on the instance at `index`.
  int group_tasks(std::uint32_t index) const { return group_[position_of(index)]; }
  /// The instance id of the instance at `index`, for messages.
  const std::string& instance_id(std::uint32_t index) const { return ids_[position_of(index)]; }

 private:
  // Group tasks per value of one spread attribute, over ACTIVE instances, kept current by every change
  // so a spread step costs O(candidates) rather than O(instances).
  struct SpreadTotals {
    std::uint32_t column;
    std::vector<int> tasks;  // slot 0: "attribute absent"; value id v at v + 1
  };

  std::uint32_t column_for(std::string_view name);
  std::uint32_t value_of(std::size_t pos, std::uint32_t name) const;
  PlacementFailure check(std::size_t pos, const BoundPolicy& policy, const TaskRequirement& task) const;
  bool ports_free(std::size_t pos, const TaskRequirement& task) const;
  template <bool kCheckPorts>
  std::size_t scan(const BoundPolicy& policy, const TaskRequirement& task);
  void narrow(const BoundPolicy::Rule& rule, bool scale_in, Rng* rng);
  void narrow_spread_scale_in(std::uint32_t attribute);
  std::int32_t spread_totals_for(std::uint32_t attribute);
  void recount(SpreadTotals& t) const;
  void add_to_totals(std::size_t pos, int tasks);
  static std::size_t slot(const SpreadTotals&, std::uint32_t value) {
    return value == StringPool::kAbsent ? 0 : value + 1;
  }

  StringPool pool_;
  // One entry per instance, in list order (the tie-break order).
  std::vector<std::uint32_t> index_;
  std::vector<std::string> ids_;
  std::vector<int> cpu_;
  std::vector<int> memory_;
  std::vector<int> enis_;
  std::vector<int> group_;
  std::vector<std::uint8_t> draining_;
  std::vector<std::vector<int>> ports_;  // sorted
  // Attribute columns: column_of_[name id] is a column number or -1; columns_[c][pos] a value id.
  std::vector<std::int32_t> column_of_;
  std::vector<std::vector<std::uint32_t>> columns_;
  std::vector<SpreadTotals> spread_totals_;
  // Scratch, kept between calls so placement allocates nothing in steady state.
  std::vector<std::uint32_t> candidates_;  // positions
  std::vector<std::uint8_t> fit_;          // per position: passed the resource and constraint checks
  std::vector<int> value_tasks_;           // per value id: group tasks on instances with that value
};

}  // namespace fleetsim
