#pragma once
/// ECS task placement on EC2 container instances: ECS's constraints and strategies over a HostTable,
/// the scale-in choice, and ECS's wording of failures.
///
/// A pure component: no engine, no clock. The EC2 capacity model keeps a HostTable in step with its
/// instances and asks a TaskPlacement over it where to start (place) or which task to stop (choose_scale_in).
///
/// Order of evaluation, as ECS documents it: (1) instances with enough CPU, memory, free static host
/// ports and (awsvpc) a free ENI; (2) the binding constraints; (3) each strategy in order narrows the
/// candidates to its best ones (best effort: a strategy never empties the set); (4) select. Steps (1)
/// and (2) are the HostTable's filter; the memberOf expressions become its eligibility mask.
/// Tie-break: when candidates remain after the last strategy, the lowest position wins (the order the
/// instances were given in, which must be increasing `index`).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ecs/cluster_query.hpp"
#include "models/hosts/host_table.hpp"
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

/// The host row of a container instance: ECS's built-in attributes (ecs.instance-type, ...), then its
/// custom ones (a custom attribute with a built-in name overrides it).
HostView host_view(const InstanceView& instance);

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

/// ECS's reason string for `failure` (RunTask `failures[].reason`); "" for kNone and kNoHosts.
std::string_view failure_reason(PlacementFailure failure);

/// The outcome of one placement.
struct PlacementResult {
  PlacementFailure failure = PlacementFailure::kNoHosts;  ///< kNone when placed
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

class TaskPlacement;

/// A policy prepared for one cluster: names interned, memberOf evaluated once per instance (instance
/// attributes never change). Valid for that cluster, and copies made after binding, for their whole life.
class BoundPolicy {
 public:
  /// Spread per instance rather than per attribute value.
  static constexpr std::uint32_t kPerInstance = StringPool::kAbsent;
  /// The hosts its constraints allow, as the HostTable filters them.
  HostFilter filter() const { return {member_mask_.data(), distinct_instance_}; }

 private:
  friend class TaskPlacement;
  struct Rule {
    PlacementStrategy::Type type;
    BinpackField field;
    std::uint32_t attribute;  // spread: interned name, or kPerInstance
    std::int32_t totals;      // spread on an attribute: the HostTable's spread handle, or -1
  };
  std::vector<Rule> rules_;
  std::vector<BoundQuery> member_of_;
  std::vector<std::uint8_t> member_mask_;  // per position: 1 if every memberOf query holds
  bool distinct_instance_ = false;
  bool needs_rng_ = false;
};

/// ECS's placement over the container instances of one cluster (a HostTable it does not own).
class TaskPlacement {
 public:
  /// Places onto `hosts`, which must outlive it.
  explicit TaskPlacement(HostTable& hosts) : hosts_(hosts) {}

  /// Interns `policy` for this cluster; bind once per service, not per placement.
  BoundPolicy bind(const PlacementPolicy& policy);
  /// Evaluates a bound policy's constraints on the instances added since it was bound or refreshed.
  void refresh(BoundPolicy& policy) const;

  /// Chooses an instance for one task of the current group; `rng` is required when a strategy is random.
  /// Does not change the hosts: reserve the task on the result with HostTable::reserve.
  PlacementResult place(const BoundPolicy& policy, const ResourceRequest& task, Rng* rng = nullptr);

  /// Chooses the instance (by index) from which the service scheduler stops one task of the group on
  /// scale-in; nullopt when the group has no task. The strategies apply in order with the opposite
  /// sense: binpack keeps the instances with the most of the resource left; spread keeps the attribute
  /// values, then the instances, with the most tasks; random picks uniformly; ties go to the lowest position.
  std::optional<std::uint32_t> choose_scale_in(const BoundPolicy& policy, Rng* rng = nullptr);

 private:
  void narrow(const BoundPolicy::Rule& rule, bool scale_in, Rng* rng);
  void narrow_spread_scale_in(std::uint32_t attribute);

  HostTable& hosts_;
  // Scratch, kept between calls so placement allocates nothing in steady state.
  std::vector<std::uint32_t> candidates_;  // positions
  std::vector<int> value_tasks_;           // per value id: group tasks on instances with that value
};

}  // namespace fleetsim
