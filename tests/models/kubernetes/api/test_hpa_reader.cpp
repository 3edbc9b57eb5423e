// The HorizontalPodAutoscaler reader: defaults as the API server applies them, and its validation errors
// located at the file, line and column of the offending value.

#include <catch2/catch.hpp>
#include <string>

#include "models/kubernetes/api/hpa_reader.hpp"
#include "models/kubernetes/api/manifest_reader.hpp"

using namespace fleetsim::kube;

namespace {

HorizontalPodAutoscaler read_hpa(const std::string& spec) {
  const std::string text =
      "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n" + spec;
  ManifestSet set = read_manifests({ManifestSource::yaml("k8s/hpa.yaml", text)});
  REQUIRE(set.horizontal_pod_autoscalers.size() == 1);
  return read_horizontal_pod_autoscaler(set.horizontal_pod_autoscalers[0], 0.1);
}

std::string error_of(const std::string& spec) {
  try {
    read_hpa(spec);
  } catch (const ManifestError& e) {
    return e.what();
  }
  return "no error";
}

const char* const kRef = "  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n";

}  // namespace

TEST_CASE("an HPA without metrics or behavior gets cpu at 80 % and the default behavior", "[kube][hpa]") {
  HorizontalPodAutoscaler h = read_hpa(std::string(kRef) + "  maxReplicas: 10\n");
  CHECK(h.target_kind == "Deployment");
  CHECK(h.target_name == "web");
  CHECK(h.min_replicas == 1);
  CHECK(h.max_replicas == 10);
  REQUIRE(h.metrics.size() == 1);
  CHECK(h.metrics[0].type == HpaMetricType::kResource);
  CHECK(h.metrics[0].name == "cpu");
  CHECK(h.metrics[0].average_utilization == 80);
  CHECK(h.behavior.scale_down.stabilization_window_seconds == 300);
  CHECK(h.behavior.scale_up.policies.size() == 2);
  CHECK(h.tolerance_up == 0.1);
}

TEST_CASE("an HPA's given behavior keeps the defaults of the fields it leaves out", "[kube][hpa]") {
  HorizontalPodAutoscaler h = read_hpa(std::string(kRef) + R"(  minReplicas: 10
  maxReplicas: 80
  metrics:
    - type: Pods
      pods: {metric: {name: requests_per_second}, target: {type: AverageValue, averageValue: 500m}}
    - type: External
      external:
        metric: {name: ApproximateNumberOfMessagesVisible, selector: {matchLabels: {QueueName: jobs}}}
        target: {type: Value, value: "30"}
  behavior:
    scaleDown:
      selectPolicy: Max
      policies:
        - {type: Pods, value: 4, periodSeconds: 60}
        - {type: Percent, value: 10, periodSeconds: 60}
      tolerance: 0.05
)");
  REQUIRE(h.metrics.size() == 2);
  CHECK(h.metrics[0].type == HpaMetricType::kPods);
  CHECK(h.metrics[0].average_value_milli == 500);
  CHECK(h.metrics[1].type == HpaMetricType::kExternal);
  CHECK(h.metrics[1].value_milli == 30000);
  CHECK(h.metrics[1].selector.at("QueueName") == "jobs");
  CHECK(h.behavior.scale_down.stabilization_window_seconds == 300);
  REQUIRE(h.behavior.scale_down.policies.size() == 2);
  CHECK(h.behavior.scale_down.policies[1].type == ScalingPolicyType::kPercent);
  CHECK(h.tolerance_down == 0.05);
  CHECK(h.tolerance_up == 0.1);
}

TEST_CASE("HPA errors name the file, line, column and path", "[kube][hpa][bad-input]") {
  CHECK(error_of(std::string(kRef) + "  minReplicas: 5\n  maxReplicas: 3\n") ==
        "k8s/hpa.yaml:8:16: HorizontalPodAutoscaler default/web: /spec/maxReplicas: spec.maxReplicas: Invalid value: "
        "3: must be greater than or equal to `minReplicas` (5)");
  CHECK(error_of(std::string(kRef) + "  maxReplicas: 3\n  metrics:\n    - type: Cpu\n") ==
        "k8s/hpa.yaml:9:13: HorizontalPodAutoscaler default/web: /spec/metrics/0/type: spec.metrics[0].type: "
        "Unsupported value: \"Cpu\": supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\", "
        "\"Resource\"");
  CHECK(error_of(std::string(kRef) + "  maxReplicas: 3\n  behavior:\n    scaleUp:\n      policies:\n"
                                     "        - {type: Pods, value: 4, periodSeconds: 1801}\n") ==
        "k8s/hpa.yaml:11:49: HorizontalPodAutoscaler default/web: /spec/behavior/scaleUp/policies/0/periodSeconds: "
        "spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800");
}
