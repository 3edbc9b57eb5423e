#pragma once
/// ECS cluster auto scaling for one Auto Scaling group capacity provider: the CapacityProviderReservation
/// metric and the target tracking on it that sets the group's DesiredCapacity (aws-facts §3).

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "models/api/container_instances.hpp"
#include "models/api/run_context.hpp"

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

/// The DesiredCapacity target tracking asks for on scale-out from N instances with M needed: N + the
/// step ceil(M x 100 / target) - N clamped to [min_step, max_step]; 2 instances when scaling out from 0.
int scale_out_capacity(int m, int n, const ManagedScalingConfig& config);

/// The DesiredCapacity after one minute of scale-in: towards ceil(M x 100 / target), by at most half of N.
int scale_in_capacity(int m, int n, const ManagedScalingConfig& config);

/// Managed scaling of one capacity provider, evaluated every minute as ECS does.
class ManagedScaling {
 public:
  /// `load` returns the provider's (busy instances, waiting tasks) when called.
  using LoadFn = std::function<std::pair<int, std::vector<std::pair<int, int>>>()>;
  ManagedScaling(RunContext& ctx, std::string provider, std::string cluster, ManagedScalingConfig config,
                 ScalableGroup& group, LoadFn load);
  /// Starts the one-minute cadence.
  void start();

 private:
  void on_tick(std::uint64_t);

  RunContext& ctx_;
  std::string provider_;
  ManagedScalingConfig config_;
  ScalableGroup& group_;
  LoadFn load_;
  GaugeId cpr_;
  int minutes_below_ = 0;
};

}  // namespace fleetsim
