#include "models/kubernetes/controllers/replica_calculator.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim::kube {

namespace {

// A sample entering the utilization ratio: the pod's metric value and its request.
struct Sample {
  std::int64_t value = 0;
  std::int64_t request = 0;
};

// One evaluation of the metric over the samples (GetResourceUtilizationRatio /
// GetMetricUtilizationRatio).
struct Ratio {
  double usage_ratio = 0;
  std::int64_t utilization = 0;
  std::int64_t raw_average = 0;
  bool valid = true;  // false when no sample has a request ("no metrics returned matched known pods")
};

// groupPods: ready pods keep their samples; unready (cpu only) and pending pods are set aside;
// ready or unready pods without a metric are missing; deleted and failed pods are skipped.
struct Groups {
  std::vector<Sample> samples;
  std::vector<std::int64_t> ignored_requests;
  std::vector<std::int64_t> missing_requests;
  int ready = 0;
};

// tolerances.isWithin: no change while the ratio is within [1 - down, 1 + up].
bool within_tolerance(const ResourceMetricInput& input, double ratio) {
  return 1.0 - input.tolerance_down <= ratio && ratio <= 1.0 + input.tolerance_up;
}

Groups group_pods(const ResourceMetricInput& input) {
  Groups g;
  for (const HpaPodSample& pod : input.pods) {
    std::int64_t request = pod.request_milli.value_or(0);
    if (pod.state == HpaPodState::kIgnored) continue;
    if (pod.state == HpaPodState::kPending) {
      g.ignored_requests.push_back(request);
      continue;
    }
    if (!pod.value_milli) {
      g.missing_requests.push_back(request);
      continue;
    }
    if (input.cpu && pod.state == HpaPodState::kUnready) {
      g.ignored_requests.push_back(request);
      continue;
    }
    ++g.ready;
    g.samples.push_back({*pod.value_milli, request});
  }
  return g;
}

// The algorithm both target types share; `ratio_of` evaluates the samples against the target and
// `scale_down_fill` is the value a missing pod is assumed to have on a scale-down.
template <class RatioOf, class Fill>
ReplicaProposal calculate(const ResourceMetricInput& input, RatioOf ratio_of, Fill scale_down_fill) {
  ReplicaProposal out;
  if (input.pods.empty()) {
    out.error = ReplicaCalcError::kNoPods;
    return out;
  }
  Groups g = group_pods(input);
  if (g.samples.empty()) {
    out.error = ReplicaCalcError::kNoMetrics;
    return out;
  }
  Ratio first = ratio_of(g.samples);
  if (!first.valid) {
    out.error = ReplicaCalcError::kNoMetrics;
    return out;
  }
  out.usage_ratio = first.usage_ratio;
  out.utilization = first.utilization;
  out.raw_average_milli = first.raw_average;
  out.replicas = input.current_replicas;

  // Fast path: nothing to fill in.
  bool rebalance_ignored = !g.ignored_requests.empty() && first.usage_ratio > 1.0;
  if (!rebalance_ignored && g.missing_requests.empty()) {
    if (!within_tolerance(input, first.usage_ratio))
      out.replicas = static_cast<int>(std::ceil(first.usage_ratio * g.ready));
    return out;
  }
  // Slow path: missing pods at 100 % of the target on a scale-down and 0 on a scale-up; pods set
  // aside at 0 on a scale-up, so that pods not yet serving damp the reaction.
  for (std::int64_t request : g.missing_requests) {
    if (first.usage_ratio < 1.0) g.samples.push_back({scale_down_fill(request), request});
    if (first.usage_ratio > 1.0) g.samples.push_back({0, request});
  }
  if (rebalance_ignored)
    for (std::int64_t request : g.ignored_requests) g.samples.push_back({0, request});
  double new_ratio = ratio_of(g.samples).usage_ratio;
  // Keep the scale if the filled-in ratio is within tolerance or reverses the direction.
  if (within_tolerance(input, new_ratio) || (first.usage_ratio < 1.0 && new_ratio > 1.0) ||
      (first.usage_ratio > 1.0 && new_ratio < 1.0))
    return out;
  int proposed = static_cast<int>(std::ceil(new_ratio * static_cast<double>(g.samples.size())));
  // Counting the filled-in pods can also reverse the direction.
  if ((new_ratio < 1.0 && proposed > input.current_replicas) || (new_ratio > 1.0 && proposed < input.current_replicas))
    return out;
  out.replicas = proposed;
  return out;
}

}  // namespace

ReplicaProposal resource_utilization_replicas(const ResourceMetricInput& input, int target_utilization) {
  // calculatePodRequests fails on any matched pod lacking a request, deleted or not.
  for (const HpaPodSample& pod : input.pods) {
    if (!pod.request_milli) {
      ReplicaProposal out;
      out.error = ReplicaCalcError::kMissingRequest;
      return out;
    }
  }
  auto ratio_of = [target_utilization](const std::vector<Sample>& samples) {
    std::int64_t values = 0;
    std::int64_t requests = 0;
    for (const Sample& s : samples) {
      values += s.value;
      requests += s.request;
    }
    Ratio r;
    if (requests == 0) {
      r.valid = false;
      return r;
    }
    // Utilization is truncated to a whole percent before the ratio is taken (aws-facts §10.1).
    r.utilization = values * 100 / requests;
    r.usage_ratio = static_cast<double>(r.utilization) / target_utilization;
    r.raw_average = values / static_cast<std::int64_t>(samples.size());
    return r;
  };
  // A missing pod counts its whole request on a scale-down, or the target when that is above 100 %.
  std::int64_t fallback_percent = std::max<std::int64_t>(100, target_utilization);
  return calculate(input, ratio_of,
                   [fallback_percent](std::int64_t request) { return request * fallback_percent / 100; });
}

ReplicaProposal resource_average_value_replicas(const ResourceMetricInput& input, std::int64_t target_milli) {
  auto ratio_of = [target_milli](const std::vector<Sample>& samples) {
    std::int64_t values = 0;
    for (const Sample& s : samples) values += s.value;
    Ratio r;
    // The average is truncated to a whole milli-unit before the ratio is taken.
    r.utilization = values / static_cast<std::int64_t>(samples.size());
    r.usage_ratio = static_cast<double>(r.utilization) / static_cast<double>(target_milli);
    return r;
  };
  return calculate(input, ratio_of, [target_milli](std::int64_t) { return target_milli; });
}

}  // namespace fleetsim::kube
