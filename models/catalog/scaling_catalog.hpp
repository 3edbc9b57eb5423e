#pragma once
/// Catalogue defaults of CloudWatch alarms and Application Auto Scaling: the undocumented parts of
/// the scaling pipeline, chosen to reproduce AWS's own reaction-time benchmark (aws-facts §1.1;
/// scenarios/calibration-step.json checks them).

#include <nlohmann/json.hpp>
#include <string>

#include "sim/scenario/shape.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// CloudWatch and Application Auto Scaling values a scenario may override under `catalog`.
struct ScalingCatalog {
  // Publication delays are undocumented (aws-facts §2 "Ingestion or publication delay", [UNVERIFIED]);
  // with the defaults below, a load step at a minute boundary triggers target tracking after 366 s
  // (1-minute metrics) and 86 s (20-second metrics), against AWS's 363 s and 86 s (aws-facts §1.1).
  Duration publication_delay = Duration::seconds(180);  ///< 60-s datapoints: end of interval -> visible to alarms
  Duration high_resolution_publication_delay = Duration::seconds(20);  ///< 20-s datapoints: the same
  /// Periods an alarm fetches beyond EvaluationPeriods. AWS: "depends on the period and the
  /// resolution", e.g. 5 for N = 3 (aws-facts §2 "Evaluation range"). 3 rather than 2, so that an
  /// alarm still sees N real datapoints with the 3-minute publication delay.
  int evaluation_range_extra = 3;
  /// From an alarm invoking a policy to the scaling activity (Application Auto Scaling and the ECS
  /// UpdateService call). Undocumented [UNVERIFIED].
  Duration action_delay = Duration::seconds(6);
  int scale_out_datapoints = 3;  ///< target tracking high alarm: 3 of 3 (aws-facts §1.1)
  int scale_in_datapoints = 15;  ///< target tracking low alarm: 15 of 15 (aws-facts §1.1)
  double scale_in_ratio = 0.9;   ///< low alarm threshold = ratio x target (aws-facts §1.1, [OBS] for ECS)
  /// Wall-clock time an external policy may take to answer before the run ends (exit 3). Not AWS's: fleetsim's
  /// bound on a hung program. It bounds the wait only and never reaches a result.
  Duration external_policy_timeout = Duration::seconds(10);

  /// The shape of `catalog.autoscaling`.
  static const Shape* section_shape(ShapeSet& shapes);
  /// Applies a validated `catalog.autoscaling`.
  void apply_overrides(const nlohmann::json& section);
  /// As `fleetsim catalog` prints it.
  nlohmann::ordered_json to_json() const;
};

}  // namespace fleetsim
