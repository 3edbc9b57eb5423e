#include "models/eks/keda_scaled_object.hpp"

#include <algorithm>

#include "models/api/scaling_decision.hpp"

namespace fleetsim {

int keda_replicas(int current, bool active, std::optional<SimTime> last_active, SimTime now, int min_replica_count,
                  Duration cooldown) {
  if (active) return current == 0 ? std::max(min_replica_count, 1) : current;
  // Scale to zero only once the last activity is older than the cooldown (strictly, as time.Before).
  if (current > 0 && min_replica_count == 0 && (!last_active || *last_active + cooldown < now)) return 0;
  return current;
}

KedaScaledObject::KedaScaledObject(kube::Cluster& cluster, kube::DeploymentController& target, kube::ScaledObject so,
                                   std::vector<MessageQueue*> queues)
    : cluster_(cluster), target_(target), so_(std::move(so)), queues_(std::move(queues)) {}

void KedaScaledObject::start() { cluster_.context().engine.schedule_after<&KedaScaledObject::poll>(Duration{}, this); }

double KedaScaledObject::messages(std::size_t trigger) const {
  return static_cast<double>(queues_[trigger]->approximate_messages(so_.triggers[trigger].scale_on_in_flight));
}

std::optional<double> KedaScaledObject::external_value(const kube::HpaMetricSpec& metric, SimTime) const {
  for (std::size_t i = 0; i < so_.triggers.size(); ++i) {
    if (queues_[i] != nullptr && so_.triggers[i].metric.name == metric.name) return messages(i);
  }
  return std::nullopt;
}

void KedaScaledObject::poll(std::uint64_t) {
  RunContext& ctx = cluster_.context();
  const SimTime now = ctx.engine.now();
  const Duration interval = Duration::seconds(so_.polling_interval_seconds);
  if (now + interval < ctx.end) ctx.engine.schedule_after<&KedaScaledObject::poll>(interval, this);
  bool active = false;
  nlohmann::ordered_json triggers = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < so_.triggers.size(); ++i) {
    const kube::KedaTrigger& k = so_.triggers[i];
    if (queues_[i] == nullptr) {
      // A cpu trigger keeps the Deployment up unless minReplicaCount lets it sleep.
      const bool on = so_.min_replica_count > 0;
      active = active || on;
      triggers.push_back({{"type", "cpu"}, {"active", on}});
      continue;
    }
    const double n = messages(i);
    const bool on = n > k.activation_queue_length;
    active = active || on;
    triggers.push_back({{"type", "aws-sqs-queue"},
                        {"queue", k.queue},
                        {"value", n},
                        {"activationQueueLength", k.activation_queue_length},
                        {"active", on}});
  }
  const int current = target_.spec().object.replicas;
  const int desired = keda_replicas(current, active, last_active_, now, so_.min_replica_count,
                                    Duration::seconds(so_.cooldown_period_seconds));
  emit_scaling_decision(
      ctx.events, now, {"keda-operator", cluster_.name(), so_.metadata.ns + "/" + so_.target_name},
      {{"scaledObject", so_.metadata.name},
       {"currentReplicas", current},
       {"triggers", std::move(triggers)},
       {"active", active},
       {"lastActive", last_active_ ? nlohmann::ordered_json(last_active_->seconds_f()) : nlohmann::ordered_json()},
       {"cooldownPeriod", so_.cooldown_period_seconds},
       {"desiredReplicas", desired}});
  if (active) last_active_ = now;
  if (desired == current) return;
  target_.scale(desired);
  const bool up = desired > current;
  cluster_.event("ScaledObject", so_.metadata.ns, so_.metadata.name, "Normal",
                 up ? "KEDAScaleTargetActivated" : "KEDAScaleTargetDeactivated",
                 "Scaled apps/v1.Deployment " + so_.metadata.ns + "/" + so_.target_name + " from " +
                     std::to_string(current) + " to " + std::to_string(desired));
}

}  // namespace fleetsim
