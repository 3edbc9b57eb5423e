#pragma once
/// The external metrics API of an EKS run, served from the simulated CloudWatch (as a CloudWatch metrics
/// adapter or KEDA's aws-cloudwatch scaler would): an External metric names a CloudWatch metric and its
/// `selector.matchLabels` are the metric's dimensions. Known metrics: AWS/SQS
/// ApproximateNumberOfMessagesVisible (Average, dimension QueueName) and AWS/ApplicationELB
/// RequestCountPerTarget (Sum, dimension TargetGroup). The value is the latest 60-s datapoint visible
/// past CloudWatch's publication delay.

#include <string>
#include <vector>

#include "models/api/alarms.hpp"
#include "models/kubernetes/horizontal_pod_autoscaler.hpp"

namespace fleetsim {

class World;

/// External metrics from CloudWatch.
class CloudWatchExternalMetrics : public kube::ExternalMetricsSource {
 public:
  /// Registers `metric` (an External metric of the HPA from `origin`, at `pointer` inside it); checked
  /// against the scenario's metrics at link().
  void add(const kube::HpaMetricSpec& metric, const kube::ObjectOrigin& origin, const std::string& object,
           const std::string& pointer);
  /// Asks CloudWatch to keep every registered metric's datapoints; an unknown one is an error at its HPA.
  void link(World& world);
  std::optional<double> external_value(const kube::HpaMetricSpec& metric, SimTime now) const override;

 private:
  struct Watched {
    const kube::HpaMetricSpec* metric;
    kube::ObjectOrigin origin;
    std::string object, pointer;
    std::string statistic;
    std::size_t handle = 0;
  };
  AlarmHost* cloudwatch_ = nullptr;
  std::vector<Watched> watched_;  // registration order
};

}  // namespace fleetsim
