#pragma once
/// ECS cluster auto scaling for one Auto Scaling group capacity provider: the CapacityProviderReservation
/// metric, published every minute, and the rules ECS adds to the target tracking policy that Auto Scaling keeps
/// on it (models/autoscaling builds the policy and its CloudWatch alarms; aws-facts §3).

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "models/api/container_instances.hpp"
#include "models/api/metric_source.hpp"
#include "models/api/run_context.hpp"
#include "models/api/tracked_group.hpp"

namespace fleetsim {

/// managedScaling of CreateCapacityProvider.
struct ManagedScalingConfig {
  bool enabled = true;
  int target_capacity = 100;                 ///< targetCapacity, percent
  int min_step = 1;                          ///< minimumScalingStepSize
  int max_step = 10000;                      ///< maximumScalingStepSize
  Duration warmup = Duration::seconds(300);  ///< instanceWarmupPeriod
  bool termination_protection = false;       ///< managedTerminationProtection
};

/// M, the instances needed: busy instances plus the waiting tasks binpacked onto the largest type;
/// tasks that fit on neither the largest nor the smallest type are ignored (aws-facts §3 "How M is computed").
int instances_needed(int busy_instances, const std::vector<std::pair<int, int>>& waiting_tasks,
                     std::pair<int, int> largest, std::pair<int, int> smallest);

/// CapacityProviderReservation in percent: M/N x 100; 100 when both are 0, 200 when only N is (aws-facts §3).
double capacity_provider_reservation(int m, int n);

/// The DesiredCapacity of a scale-out from N instances when target tracking asks for `wanted` (ceil(N x CPR /
/// target), that is ceil(M x 100 / target)): N + the step wanted - N clamped to [min_step, max_step]; 2 instances
/// when scaling out from 0.
int scale_out_capacity(int wanted, int n, const ManagedScalingConfig& config);

/// The DesiredCapacity after one minute of scale-in when target tracking asks for `wanted`: at most half of N less.
int scale_in_capacity(int wanted, int n);

/// Managed scaling of one capacity provider: CapacityProviderReservation every minute, and the group's capacity
/// set when the target tracking policy on that metric asks.
class ManagedScaling : public TrackedGroup {
 public:
  /// `load` returns the provider's (busy instances, waiting tasks) when called.
  using LoadFn = std::function<std::pair<int, std::vector<std::pair<int, int>>>()>;
  ManagedScaling(RunContext& ctx, std::string provider, std::string cluster, ManagedScalingConfig config,
                 ScalableGroup& group, LoadFn load);
  /// Starts the one-minute cadence.
  void start();
  /// The metric's key in the World's metric directory, and its datapoints for CloudWatch.
  std::string metric_key() const;
  /// CapacityProviderReservation as CloudWatch samples it.
  const MetricSource& metric() const { return published_; }

  TrackingPolicyRequest tracking_policy() const override;
  int desired_capacity() const override { return group_.desired_capacity(); }
  int actual_capacity() const override { return group_.instance_count(); }
  /// The policy's `capacity`, bounded as ECS bounds it: no scale-out inside an instance's warm-up, scale-out steps
  /// within [min_step, max_step] (2 from zero), scale-in by at most half the group.
  void set_capacity(int capacity, const std::string& policy, const std::string& reason) override;

 private:
  void on_tick(std::uint64_t);
  // Writes the ScalingDecision of a set_capacity: the reservation and instance counts, the step sizes and bounds.
  void record(int requested, int from, int to, const char* limited_by) const;

  RunContext& ctx_;
  std::string provider_, dimensions_;
  ManagedScalingConfig config_;
  ScalableGroup& group_;
  LoadFn load_;
  GaugeId cpr_;
  double last_cpr_ = 100;
  int last_m_ = 0;               // M at the last minute
  TimeAverageSource published_;  // the value published each minute, held until the next
};

}  // namespace fleetsim
