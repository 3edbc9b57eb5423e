#include "models/kubernetes/horizontal_pod_autoscaler.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim::kube {

HorizontalPodAutoscalerController::HorizontalPodAutoscalerController(Cluster& cluster, const MetricsServer& metrics,
                                                                     const ExternalMetricsSource* external,
                                                                     DeploymentController& target,
                                                                     HorizontalPodAutoscaler hpa,
                                                                     const HpaControllerSettings& settings)
    : cluster_(cluster),
      metrics_(metrics),
      external_(external),
      target_(target),
      hpa_(std::move(hpa)),
      settings_(settings) {}

void HorizontalPodAutoscalerController::start() {
  RunContext& ctx = cluster_.context();
  if (settings_.sync_period < ctx.end - ctx.engine.now())
    ctx.engine.schedule_after<&HorizontalPodAutoscalerController::sync>(settings_.sync_period, this);
}

std::vector<HpaPodSample> HorizontalPodAutoscalerController::samples(const HpaMetricSpec& spec, SimTime now) const {
  const bool cpu = spec.type == HpaMetricType::kResource;
  std::vector<HpaPodSample> out;
  for (const Pod* pod : cluster_.pods()) {
    // The scale's selector: the Deployment's, in the HPA's namespace.
    if (pod->ns() != hpa_.metadata.ns || !matches(target_.spec().object.selector, pod->blueprint().scheduling.labels))
      continue;
    HpaPodSample s;
    s.name = pod->name();
    const std::int64_t request = pod->blueprint().scheduling.requests.cpu_milli;
    if (cpu && request > 0) s.request_milli = request;
    if (pod->terminating() || pod->phase() == PodPhase::kFailed) {
      s.state = HpaPodState::kIgnored;
    } else if (pod->phase() == PodPhase::kPending) {
      s.state = HpaPodState::kPending;
    } else if (std::optional<PodMetricsSample> m = metrics_.pod_metrics(*pod)) {
      s.value_milli = cpu ? m->cpu_milli : m->requests_per_second_milli;
      if (cpu) {
        // groupPods: within the CPU initialization period a sample counts only from a ready pod measured
        // for a whole window since it became ready; after it, only a pod that has never been ready since
        // the initial readiness delay is set aside.
        bool unready = false;
        if (pod->started() + settings_.cpu_initialization_period > now) {
          unready = !pod->ready() || m->timestamp < pod->ready_changed() + m->window;
        } else {
          unready = !pod->ready() && pod->started() + settings_.initial_readiness_delay > pod->ready_changed();
        }
        if (unready) s.state = HpaPodState::kUnready;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

int HorizontalPodAutoscalerController::ready_pods() const {
  int ready = 0;
  for (const Pod* pod : cluster_.pods()) {
    if (pod->ns() == hpa_.metadata.ns && matches(target_.spec().object.selector, pod->blueprint().scheduling.labels) &&
        pod->phase() == PodPhase::kRunning && pod->ready())
      ++ready;
  }
  return ready;
}

HpaMetricDecision HorizontalPodAutoscalerController::compute(const HpaMetricSpec& spec, int current,
                                                             SimTime now) const {
  HpaMetricDecision d;
  d.spec = &spec;
  if (spec.type != HpaMetricType::kExternal) {
    ResourceMetricInput input{current, samples(spec, now), spec.type == HpaMetricType::kResource, hpa_.tolerance_up,
                              hpa_.tolerance_down};
    ReplicaProposal p = spec.target_type == HpaTargetType::kUtilization
                            ? resource_utilization_replicas(input, spec.average_utilization)
                            : resource_average_value_replicas(input, spec.average_value_milli);
    d.pods = std::move(input.pods);
    switch (p.error) {
      case ReplicaCalcError::kNone:
        d.usage_ratio = p.usage_ratio;
        d.proposed = p.replicas;
        break;
      case ReplicaCalcError::kNoPods:
        d.error = "no pods returned by selector while calculating replica count";
        break;
      case ReplicaCalcError::kMissingRequest:
        d.error = "missing request for cpu";
        break;
      case ReplicaCalcError::kNoMetrics:
        d.error = "did not receive metrics for any ready pods";
        break;
    }
    return d;
  }
  // GetExternalMetricReplicas / GetExternalPerPodMetricReplicas.
  std::optional<double> value = external_ != nullptr ? external_->external_value(spec, now) : std::nullopt;
  if (!value) {
    d.error = "unable to get external metric " + spec.name;
    return d;
  }
  d.value_milli = milli_rounded_up(*value);
  const double usage = static_cast<double>(*d.value_milli);
  auto within = [this](double ratio) { return 1.0 - hpa_.tolerance_down <= ratio && ratio <= 1.0 + hpa_.tolerance_up; };
  if (spec.target_type == HpaTargetType::kValue) {
    d.usage_ratio = usage / static_cast<double>(spec.value_milli);
    d.ready_pods = ready_pods();
    d.proposed = within(d.usage_ratio) ? current : static_cast<int>(std::ceil(d.usage_ratio * d.ready_pods));
  } else {
    const double target = static_cast<double>(spec.average_value_milli);
    d.usage_ratio = usage / (target * current);
    d.proposed = within(d.usage_ratio) ? current : static_cast<int>(std::ceil(usage / target));
  }
  return d;
}

std::string HorizontalPodAutoscalerController::metric_reason(const HpaMetricSpec& spec) const {
  switch (spec.type) {
    case HpaMetricType::kResource:
      return spec.target_type == HpaTargetType::kUtilization
                 ? spec.name + " resource utilization (percentage of request)"
                 : spec.name + " resource";
    case HpaMetricType::kPods:
      return "pods metric " + spec.name;
    case HpaMetricType::kExternal:
      break;
  }
  return "external metric " + spec.name;
}

void HorizontalPodAutoscalerController::sync(std::uint64_t) {
  RunContext& ctx = cluster_.context();
  const SimTime now = ctx.engine.now();
  if (now + settings_.sync_period < ctx.end)
    ctx.engine.schedule_after<&HorizontalPodAutoscalerController::sync>(settings_.sync_period, this);
  const int current = target_.spec().object.replicas;
  // recordInitialRecommendation: a new HPA remembers the scale as it found it, so it scales down no
  // sooner than one stabilization window after its first sync.
  if (history_.recommendations.empty()) history_.recommendations.push_back({now, current});
  // A scale at 0 has autoscaling disabled (unless minReplicas is 0, which needs an alpha gate).
  if (current == 0) return;
  int desired = current;
  std::string reason;
  if (current > hpa_.max_replicas) {
    desired = hpa_.max_replicas;
    reason = "Current number of replicas above Spec.MaxReplicas";
  } else if (current < hpa_.min_replicas) {
    desired = hpa_.min_replicas;
    reason = "Current number of replicas below Spec.MinReplicas";
  } else {
    HpaDecision d;
    d.cluster = cluster_.name();
    d.target = hpa_.metadata.ns + "/" + target_.spec().name();
    d.current = current;
    d.tolerance_up = hpa_.tolerance_up;
    d.tolerance_down = hpa_.tolerance_down;
    std::size_t invalid = 0;
    std::string largest;
    for (const HpaMetricSpec& spec : hpa_.metrics) {
      d.metrics.push_back(compute(spec, current, now));
      const HpaMetricDecision& m = d.metrics.back();
      if (!m.proposed) {
        ++invalid;
      } else if (d.recommendation == 0 || *m.proposed > d.recommendation) {
        d.recommendation = *m.proposed;
        largest = metric_reason(spec);
      }
    }
    // computeReplicasForMetrics: no recommendation when every metric failed, or when one failed and the
    // others would scale down.
    if (invalid == hpa_.metrics.size() || (invalid > 0 && d.recommendation < current)) return;
    d.stabilized = stabilize_recommendation(history_, hpa_.behavior, now, current, d.recommendation);
    // The policies alone (limited), then min/max too (desired), as convertDesiredReplicasWithBehaviorRate.
    d.limited = d.stabilized;
    if (d.stabilized > current)
      d.limited =
          std::min(d.stabilized, std::max(scale_up_limit(hpa_.behavior.scale_up, history_, now, current), current));
    if (d.stabilized < current)
      d.limited =
          std::max(d.stabilized, std::min(scale_down_limit(hpa_.behavior.scale_down, history_, now, current), current));
    const LimitedReplicas bounded =
        limit_by_behavior(hpa_.behavior, history_, now, current, d.stabilized, hpa_.min_replicas, hpa_.max_replicas);
    d.desired = desired = bounded.replicas;
    d.limited_by = bounded.reason;
    emit_hpa_decision(ctx.events, now, d);
    reason = desired > current ? largest + " above target" : "All metrics below target";
  }
  if (desired == current) return;
  target_.scale(desired);
  cluster_.event("HorizontalPodAutoscaler", hpa_.metadata.ns, hpa_.metadata.name, "Normal", "SuccessfulRescale",
                 "New size: " + std::to_string(desired) + "; reason: " + reason);
  record_scale_event(history_, hpa_.behavior, now, current, desired);
}

}  // namespace fleetsim::kube
