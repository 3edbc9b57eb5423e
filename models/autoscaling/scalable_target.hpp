#pragma once
/// A RegisterScalableTarget: an ECS service's desired count between MinCapacity and MaxCapacity,
/// changed by its policies and scheduled actions.

#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/api/run_context.hpp"
#include "models/api/scalable_resource.hpp"
#include "models/autoscaling/cooldowns.hpp"

namespace fleetsim {

/// "service/<cluster>/<service>" -> the dimensions of the service's AWS/ECS metrics ("ClusterName=..;ServiceName=..").
std::string service_dimensions(const std::string& resource_id);

/// A target tracking policy's say on scale-in (several policies: scale in only if all agree).
class ScaleInVote {
 public:
  virtual ~ScaleInVote() = default;
  /// The capacity the policy would scale in to now, or nothing when it does not want to scale in.
  virtual std::optional<int> scale_in_vote() const = 0;
};

/// What a policy asks of its target.
struct ScalingRequest {
  std::string policy;  ///< PolicyName
  int capacity = 0;    ///< the new capacity it computed
  std::string reason;  ///< for the ServiceScalingAction event
  Duration cooldown;   ///< the policy's cooldown for this direction
  /// The policy's inputs and arithmetic for its ScalingDecision record (models/api/scaling_decision.hpp), which the
  /// target completes with what it did; null when the policy writes its own record (external policies).
  nlohmann::ordered_json decision = nullptr;
};

/// Suspend flags of RegisterScalableTarget's SuspendedState.
struct SuspendedState {
  bool dynamic_in = false;
  bool dynamic_out = false;
  bool scheduled = false;
};

/// One scalable target.
class ScalableTarget {
 public:
  /// `resource` found through World's directory by `resource_id`; policy requests take effect
  /// `action_delay` after they are submitted.
  ScalableTarget(RunContext& ctx, std::string resource_id, ScalableResource& resource, int min, int max,
                 SuspendedState suspended, Duration action_delay = Duration::seconds(0));

  /// How a submitted request is applied.
  enum class Direction { kOut, kIn, kInByTracking };
  /// A policy's request, applied after the action delay (Application Auto Scaling's reaction).
  void submit(const ScalingRequest& request, Direction direction);

  /// What a policy's arithmetic starts from: the running count (aws-facts §1.2 "Starting point"),
  /// or inside a scale-out cooldown the capacity that cooldown started from.
  int starting_capacity() const;
  /// A policy asks for more capacity: bounded by min/max and the scale-out cooldown.
  void scale_out(const ScalingRequest& request);
  /// A policy asks for less: bounded by min/max, the scale-in cooldown and deployments; `extra` goes into its
  /// decision record (the target tracking votes).
  void scale_in(const ScalingRequest& request, const nlohmann::ordered_json& extra = {});
  /// A target tracking policy asks to scale in: it happens only if every voter agrees, to the
  /// largest capacity any of them wants (aws-facts §1.2 "Multiple target-tracking policies").
  void scale_in_by_tracking(const ScalingRequest& request);
  /// A scheduled action changes the bounds; capacity outside them moves inside at once.
  void set_bounds(std::optional<int> min, std::optional<int> max, const std::string& action);
  /// Records a decision the policy made that asks nothing of the target (no step for the breach, a step that
  /// changes nothing): `r.decision` with the capacity kept and `why`.
  void record_unchanged(const ScalingRequest& r, const char* why) const;
  /// Adds a target tracking policy (with scale-in enabled) to the scale-in vote.
  void add_voter(const ScaleInVote* voter) { voters_.push_back(voter); }

  const std::string& resource_id() const { return resource_id_; }        ///< "service/default/web"
  int min_capacity() const { return min_; }                              ///< MinCapacity now
  int max_capacity() const { return max_; }                              ///< MaxCapacity now
  bool scheduled_suspended() const { return suspended_.scheduled; }      ///< ScheduledScalingSuspended
  int desired_capacity() const { return resource_.desired_capacity(); }  ///< the resource's desired count now
  int running_capacity() const { return resource_.actual_capacity(); }   ///< the resource's running count now

 private:
  RunContext& ctx_;
  std::string resource_id_;
  ScalableResource& resource_;
  int min_, max_;
  SuspendedState suspended_;
  Cooldowns cooldowns_;
  std::vector<const ScaleInVote*> voters_;
  Duration action_delay_;
  std::deque<std::pair<ScalingRequest, Direction>> pending_;

  void apply_next(std::uint64_t);
  // Writes r's ScalingDecision: its inputs, then the bounds, the capacity before and after and what held it.
  void record(const ScalingRequest& r, int current, int desired, const char* limited_by,
              const nlohmann::ordered_json& extra = {}) const;
};

}  // namespace fleetsim
