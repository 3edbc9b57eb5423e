#include "models/catalog/scaling_catalog.hpp"

namespace fleetsim {

const Shape* ScalingCatalog::section_shape(ShapeSet& s) {
  Shape& a = s.object("the autoscaling catalogue entry", "CloudWatch alarm and Application Auto Scaling defaults.");
  a.field("publicationDelaySeconds", s.number(0, 3600), "seconds from the end of a 60-s datapoint until alarms see it")
      .field("highResolutionPublicationDelaySeconds", s.number(0, 3600),
             "the same for 20-s (high-resolution) datapoints")
      .field("evaluationRangeExtraPeriods", s.integer(0, 100), "periods an alarm fetches beyond EvaluationPeriods")
      .field("actionDelaySeconds", s.number(0, 3600), "seconds from an alarm invoking a policy to the scaling activity")
      .field("scaleOutDatapoints", s.integer(1, 100), "target tracking high alarm: M = N")
      .field("scaleInDatapoints", s.integer(1, 100), "target tracking low alarm: M = N")
      .field("scaleInThresholdRatio", s.number(0.01, 1),
             "target tracking low alarm threshold as a fraction of the target")
      .field("externalPolicyTimeoutSeconds", s.number(0.001, 86400),
             "wall-clock seconds an external policy may take to answer before the run ends (exit 3)");
  return &a;
}

void ScalingCatalog::apply_overrides(const nlohmann::json& a) {
  if (a.contains("publicationDelaySeconds"))
    publication_delay = Duration::from_seconds(a["publicationDelaySeconds"].get<double>());
  if (a.contains("highResolutionPublicationDelaySeconds")) {
    high_resolution_publication_delay =
        Duration::from_seconds(a["highResolutionPublicationDelaySeconds"].get<double>());
  }
  evaluation_range_extra = a.value("evaluationRangeExtraPeriods", evaluation_range_extra);
  if (a.contains("actionDelaySeconds")) action_delay = Duration::from_seconds(a["actionDelaySeconds"].get<double>());
  scale_out_datapoints = a.value("scaleOutDatapoints", scale_out_datapoints);
  scale_in_datapoints = a.value("scaleInDatapoints", scale_in_datapoints);
  scale_in_ratio = a.value("scaleInThresholdRatio", scale_in_ratio);
  if (a.contains("externalPolicyTimeoutSeconds"))
    external_policy_timeout = Duration::from_seconds(a["externalPolicyTimeoutSeconds"].get<double>());
}

nlohmann::ordered_json ScalingCatalog::to_json() const {
  return {{"publicationDelaySeconds", publication_delay.seconds_f()},
          {"highResolutionPublicationDelaySeconds", high_resolution_publication_delay.seconds_f()},
          {"evaluationRangeExtraPeriods", evaluation_range_extra},
          {"actionDelaySeconds", action_delay.seconds_f()},
          {"scaleOutDatapoints", scale_out_datapoints},
          {"scaleInDatapoints", scale_in_datapoints},
          {"scaleInThresholdRatio", scale_in_ratio},
          {"externalPolicyTimeoutSeconds", external_policy_timeout.seconds_f()}};
}

}  // namespace fleetsim
