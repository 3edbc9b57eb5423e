#pragma once
/// KEDA for one ScaledObject: the HPA it creates reads its triggers as External metrics (served here, as
/// KEDA's metrics server asks the scaler at each HPA sync), and every pollingInterval the operator
/// activates the Deployment from zero when a trigger is active, or scales it to zero once no trigger has
/// been active for the cooldownPeriod (minReplicaCount 0 only).

#include <optional>
#include <vector>

#include "models/api/message_queue.hpp"
#include "models/kubernetes/api/scaled_object_reader.hpp"
#include "models/kubernetes/cluster.hpp"
#include "models/kubernetes/deployment.hpp"
#include "models/kubernetes/horizontal_pod_autoscaler.hpp"

namespace fleetsim {

/// KEDA's scale executor for a Deployment: the replicas after a poll that found the triggers `active`,
/// `last_active` being the last poll that did (none yet: the cooldown does not hold a scale to zero).
int keda_replicas(int current, bool active, std::optional<SimTime> last_active, SimTime now, int min_replica_count,
                  Duration cooldown);

/// One ScaledObject's operator loop and metrics.
class KedaScaledObject : public kube::ExternalMetricsSource {
 public:
  /// `queues` holds the queue of each trigger (nullptr for cpu).
  KedaScaledObject(kube::Cluster& cluster, kube::DeploymentController& target, kube::ScaledObject so,
                   std::vector<MessageQueue*> queues);
  /// The first poll now, then every pollingInterval.
  void start();
  std::optional<double> external_value(const kube::HpaMetricSpec& metric, SimTime now) const override;
  const kube::ScaledObject& scaled_object() const { return so_; }

 private:
  void poll(std::uint64_t);
  double messages(std::size_t trigger) const;

  kube::Cluster& cluster_;
  kube::DeploymentController& target_;
  kube::ScaledObject so_;
  std::vector<MessageQueue*> queues_;
  std::optional<SimTime> last_active_;
};

}  // namespace fleetsim
