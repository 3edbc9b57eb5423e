#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/kubernetes/controllers/replica_calculator.hpp"

using namespace fleetsim::kube;

namespace {

// One case of Kubernetes' replica_calculator_test.go (pkg/controller/podautoscaler): `levels` are
// the metric values of the first pods (the rest have no metric, as in that file), `states` one
// letter a pod: R ready, U unready or in its CPU initialization period ("hot cpu"), P pending,
// X deleted or failed.
struct Row {
  const char* name;
  int current;
  std::vector<std::int64_t> requests;
  std::vector<std::int64_t> levels;
  std::string states;
  std::int64_t target;
  int expected_replicas;
  std::int64_t expected_utilization;
};

ResourceMetricInput input_of(const Row& row, bool cpu) {
  ResourceMetricInput in;
  in.current_replicas = row.current;
  in.cpu = cpu;
  for (std::size_t i = 0; i < row.requests.size(); ++i) {
    HpaPodSample pod;
    pod.name = "pod-" + std::to_string(i);
    pod.request_milli = row.requests[i];
    if (i < row.levels.size()) pod.value_milli = row.levels[i];
    char s = i < row.states.size() ? row.states[i] : 'R';
    pod.state = s == 'U'   ? HpaPodState::kUnready
                : s == 'P' ? HpaPodState::kPending
                : s == 'X' ? HpaPodState::kIgnored
                           : HpaPodState::kReady;
    in.pods.push_back(pod);
  }
  return in;
}

const std::vector<std::int64_t> k3 = {1000, 1000, 1000};
const std::vector<std::int64_t> k4 = {1000, 1000, 1000, 1000};
const std::vector<std::int64_t> k5 = {1000, 1000, 1000, 1000, 1000};
const std::vector<std::int64_t> k7 = {1000, 1000, 1000, 1000, 1000, 1000, 1000};
// ComputedToleranceAlgImplementation's pods: 300m requested on average with jitter, 150m used.
const std::vector<std::int64_t> k_tolerance_requests = {400, 200, 310, 290, 302, 298, 301, 299, 300, 300};
const std::vector<std::int64_t> k_tolerance_levels(10, 150);

}  // namespace

TEST_CASE("HPA replica calculator: Kubernetes' Resource Utilization cases", "[kube][controllers][hpa]") {
  const std::vector<Row> rows = {
      {"ScaleUp", 3, k3, {300, 500, 700}, "RRR", 30, 5, 50},
      {"ScaleUpUnreadyLessScale", 3, k3, {300, 500, 700}, "URR", 30, 4, 60},
      {"ScaleUpHotCpuLessScale", 3, k3, {300, 500, 700}, "URR", 30, 4, 60},
      {"ScaleUpUnreadyNoScale", 3, k3, {400, 500, 700}, "RUU", 30, 3, 40},
      {"ScaleHotCpuNoScale", 3, k3, {400, 500, 700}, "RUU", 30, 3, 40},
      {"ScaleUpIgnoresFailedPods", 2, k4, {500, 700}, "RRXX", 30, 4, 60},
      {"ScaleUpIgnoresDeletionPods", 2, k4, {500, 700}, "RRXX", 30, 4, 60},
      {"ScaleDown", 5, k5, {100, 300, 500, 250, 250}, "RRRRR", 50, 3, 28},
      {"ScaleDownIncludeUnreadyPods", 5, k5, {100, 300, 500, 250, 250}, "RRRUU", 50, 2, 30},
      {"ScaleDownExcludeUnscheduledPods", 5, k5, {100}, "RPPPP", 50, 1, 10},
      {"ScaleDownIgnoreHotCpuPods", 5, k5, {100, 300, 500, 250, 250}, "RRRUU", 50, 2, 30},
      {"ScaleDownIgnoresFailedPods", 5, k7, {100, 300, 500, 250, 250}, "RRRRRXX", 50, 3, 28},
      {"ScaleDownIgnoresDeletionPods", 5, k7, {100, 300, 500, 250, 250}, "RRRRRXX", 50, 3, 28},
      {"Tolerance", 3, {900, 1000, 1100}, {1010, 1030, 1020}, "RRR", 100, 3, 102},
      // SuperfluousMetrics: the two samples without a pod never reach a per-pod input.
      {"SuperfluousMetrics", 4, k4, {4000, 9500, 3000, 7000}, "RRRR", 100, 24, 587},
      {"MissingMetrics", 4, k4, {400, 95}, "RRRR", 100, 3, 24},
      {"MissingMetricsNoChangeEq", 2, {1000, 1000}, {1000}, "RR", 100, 2, 100},
      {"MissingMetricsNoChangeGt", 2, {1000, 1000}, {1900}, "RR", 100, 2, 190},
      {"MissingMetricsNoChangeLt", 2, {1000, 1000}, {600}, "RR", 100, 2, 60},
      {"MissingMetricsUnreadyChange", 3, k3, {100, 450}, "URR", 50, 3, 45},
      {"MissingMetricsHotCpuNoChange", 3, k3, {100, 450}, "URR", 50, 3, 45},
      {"MissingMetricsUnreadyScaleUp", 3, k3, {100, 2000}, "URR", 50, 4, 200},
      {"MissingMetricsHotCpuScaleUp", 3, k3, {100, 2000}, "URR", 50, 4, 200},
      {"MissingMetricsUnreadyScaleDown", 4, k4, {100, 100, 100}, "URRR", 50, 3, 10},
      {"DuringRollingUpdateWithMaxSurge", 2, k3, {100, 100}, "RRR", 50, 2, 10},
      // ComputedToleranceAlgImplementation: 10 pods at 150m of ~300m requested (50 %); a target of
      // 56 % is just outside the tolerance (9 pods), 55 % just inside it (no change).
      {"ComputedTolerance", 10, k_tolerance_requests, k_tolerance_levels, "", 56, 9, 50},
      {"ComputedToleranceUnscaling", 10, k_tolerance_requests, k_tolerance_levels, "", 55, 10, 50},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    ReplicaProposal p = resource_utilization_replicas(input_of(row, true), static_cast<int>(row.target));
    REQUIRE(p.error == ReplicaCalcError::kNone);
    CHECK(p.replicas == row.expected_replicas);
    CHECK(p.utilization == row.expected_utilization);
    CHECK(p.usage_ratio == Approx(static_cast<double>(row.expected_utilization) / row.target));
  }
}

TEST_CASE("HPA replica calculator: raw average and errors", "[kube][controllers][hpa]") {
  // expectedValue of ScaleUp (500m) and of MissingMetrics (495m over the two pods with samples / 2).
  Row up{"ScaleUp", 3, k3, {300, 500, 700}, "RRR", 30, 5, 50};
  CHECK(resource_utilization_replicas(input_of(up, true), 30).raw_average_milli == 500);
  Row missing{"MissingMetrics", 4, k4, {400, 95}, "RRRR", 100, 3, 24};
  CHECK(resource_utilization_replicas(input_of(missing, true), 100).raw_average_milli == 247);

  Row empty{"EmptyMetrics", 4, k3, {}, "", 100, 0, 0};
  CHECK(resource_utilization_replicas(input_of(empty, true), 100).error == ReplicaCalcError::kNoMetrics);
  ResourceMetricInput no_request = input_of({"EmptyCPURequest", 1, {1000}, {200}, "", 100, 0, 0}, true);
  no_request.pods[0].request_milli.reset();
  CHECK(resource_utilization_replicas(no_request, 100).error == ReplicaCalcError::kMissingRequest);
  // Newer Kubernetes: a missing pod counts max(100 %, target) of its request on a scale-down. Target
  // 150 %: 300m of 1000m is 30 % (0.2); the missing pod at 1500m gives 90 % (0.6): ceil(1.2) = 2.
  Row high{"MissingHighTarget", 3, {1000, 1000}, {300}, "RR", 150, 2, 30};
  CHECK(resource_utilization_replicas(input_of(high, true), 150).replicas == 2);
  // Per-direction tolerances: 1.15 is a change only when the scale-up tolerance is below 0.15.
  Row near{"Near", 4, k4, {1150, 1150, 1150, 1150}, "RRRR", 100, 0, 0};
  ResourceMetricInput wide = input_of(near, true);
  wide.tolerance_up = 0.2;
  CHECK(resource_utilization_replicas(wide, 100).replicas == 4);
  wide.tolerance_up = 0.1;
  wide.tolerance_down = 0.5;
  CHECK(resource_utilization_replicas(wide, 100).replicas == 5);
  // TestGroupPods: readiness sets samples aside only for cpu; for memory the unready pods count.
  Row memory{"Memory", 5, k5, {100, 300, 500, 250, 250}, "RRRUU", 50, 0, 0};
  ReplicaProposal mem = resource_utilization_replicas(input_of(memory, false), 50);
  CHECK(mem.utilization == 28);
  CHECK(mem.replicas == 3);
  ResourceMetricInput none;
  CHECK(resource_utilization_replicas(none, 100).error == ReplicaCalcError::kNoPods);
  // Only unready samples: nothing ready to measure.
  Row unready{"AllUnready", 2, {1000, 1000}, {500, 500}, "UU", 50, 0, 0};
  CHECK(resource_utilization_replicas(input_of(unready, true), 50).error == ReplicaCalcError::kNoMetrics);
}

// The Pods-metric cases of the same file go through calcPlainMetricReplicas, as a Resource
// AverageValue target does; readiness sets samples aside only for cpu.
TEST_CASE("HPA replica calculator: Kubernetes' average-value cases", "[kube][controllers][hpa]") {
  const std::vector<Row> rows = {
      {"ScaleUpCM", 3, k3, {20000, 10000, 30000}, "RRR", 15000, 4, 20000},
      {"ScaleUpCMUnreadyHotCpuNoLessScale", 3, k3, {50000, 10000, 30000}, "RRU", 15000, 6, 30000},
      {"ScaleUpCMUnreadyHotCpuScaleWouldScaleDown", 3, k3, {50000, 15000, 30000}, "URU", 15000, 7, 31666},
      {"ScaleDownCM", 5, k5, {12000, 12000, 12000, 12000, 12000}, "RRRRR", 20000, 3, 12000},
      {"ToleranceCM", 3, k3, {20000, 21000, 21000}, "RRR", 20000, 3, 20666},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    ReplicaProposal p = resource_average_value_replicas(input_of(row, false), row.target);
    REQUIRE(p.error == ReplicaCalcError::kNone);
    CHECK(p.replicas == row.expected_replicas);
    CHECK(p.utilization == row.expected_utilization);
  }
  // With cpu, the two unready samples of the last case are set aside: the ready pod alone is exactly
  // on target, so there is no scale-up to fill them in for, and no change.
  Row cpu{"cpu", 3, k3, {50000, 15000, 30000}, "URU", 15000, 0, 0};
  ReplicaProposal p = resource_average_value_replicas(input_of(cpu, true), 15000);
  CHECK(p.utilization == 15000);
  CHECK(p.replicas == 3);
}
