#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "models/kubernetes/api/manifest_reader.hpp"
#include "sim/scenario/diagnostics.hpp"

using namespace fleetsim::kube;

namespace {

ManifestSet read_yaml(const std::string& text, const std::string& file = "k8s/web.yaml") {
  return read_manifests({ManifestSource::yaml(file, text)});
}

// Reading `text` must fail with exactly `expected` (file:line:col: object: pointer: message).
void require_manifest_error(const std::string& text, const std::string& expected) {
  INFO(text);
  try {
    read_yaml(text);
    FAIL("expected ManifestError");
  } catch (const ManifestError& e) {
    CHECK(std::string(e.what()) == expected);
  }
}

const char* const kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: app
          image: api:2
          resources:
            requests:
              cpu: 500x
)";

}  // namespace

TEST_CASE("scenarios/k8s/web.yaml reads end to end", "[kube][manifest]") {
  std::ifstream in(std::string(FLEETSIM_SOURCE_ROOT) + "/scenarios/k8s/web.yaml");
  std::stringstream text;
  text << in.rdbuf();
  const ManifestSet set = read_yaml(text.str());

  REQUIRE(set.namespaces.size() == 1);
  CHECK(set.namespaces[0].metadata.name == "shop");
  CHECK(set.namespaces[0].metadata.ns.empty());

  REQUIRE(set.deployments.size() == 1);
  const Deployment& d = set.deployments[0];
  CHECK(d.metadata.name == "web");
  CHECK(d.metadata.ns == "shop");
  CHECK(d.replicas == 6);
  CHECK(d.selector.match_labels == Labels{{"app", "web"}});
  CHECK(d.origin.where() == "k8s/web.yaml:9:1");
  const Container& c = d.pod_template.spec.containers.at(0);
  CHECK(c.requests.cpu_milli == 250);
  CHECK(c.requests.memory_bytes == 256 * 1024 * 1024);
  CHECK(c.limits.cpu_milli == 500);
  CHECK(c.limits.memory_bytes == 0);  // no memory limit
  CHECK(c.image_pull_policy == PullPolicy::kIfNotPresent);
  REQUIRE(c.readiness_probe);
  CHECK(c.readiness_probe->path == "/healthz");
  CHECK(c.readiness_probe->port_name == "http");
  CHECK(c.readiness_probe->period_seconds == 5);
  CHECK(c.readiness_probe->failure_threshold == 3);
  CHECK(c.pre_stop_sleep_seconds == 5);
  CHECK(c.ports.at(0).container_port == 8080);
  CHECK(d.pod_template.knobs.startup_s.mean() == 10.0);
  CHECK(d.strategy.max_surge.scaled(d.replicas, true) == 2);         // 25 % of 6 rounded up
  CHECK(d.strategy.max_unavailable.scaled(d.replicas, false) == 1);  // 25 % of 6 rounded down

  REQUIRE(set.services.size() == 1);
  const Service& s = set.services[0];
  CHECK(s.selector == Labels{{"app", "web"}});
  CHECK(s.ports.at(0).port == 80);
  CHECK(s.ports.at(0).target_port == 8080);
  CHECK(s.type == "ClusterIP");

  REQUIRE(set.ingresses.size() == 1);
  const Ingress& ing = set.ingresses[0];
  CHECK(ing.ingress_class == "alb");
  CHECK(ing.alb.ip_target);
  CHECK(ing.alb.scheme == "internet-facing");
  CHECK(ing.alb.healthcheck_path == "/healthz");
  CHECK(ing.alb.deregistration_delay_seconds == 30);
  CHECK(ing.alb.healthcheck_interval_seconds == 15);
  REQUIRE(ing.rules.size() == 1);
  CHECK(ing.rules[0].paths.at(0).backend.service == "web");
  CHECK(ing.rules[0].paths.at(0).backend.port_number == 80);

  REQUIRE(set.pod_disruption_budgets.size() == 1);
  const PodDisruptionBudget& pdb = set.pod_disruption_budgets[0];
  REQUIRE(pdb.min_available);
  CHECK(pdb.min_available->percent);
  CHECK(pdb.min_available->scaled(6, true) == 5);  // 80 % of 6, rounded up as the disruption controller does
  CHECK_FALSE(pdb.max_unavailable);

  REQUIRE(set.ignored.size() == 1);
  CHECK(set.ignored[0].kind == "ConfigMap");
  CHECK(set.ignored[0].metadata.name == "web-config");
  CHECK(set.ignored[0].origin.where() == "k8s/web.yaml:98:1");
}

TEST_CASE("bad manifests are located by file, line, column and path", "[kube][manifest]") {
  SECTION("a malformed quantity") {
    require_manifest_error(kDeployment,
                           "k8s/web.yaml:17:20: Deployment default/api: "
                           "/spec/template/spec/containers/0/resources/requests/cpu: quantities must match the "
                           "regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  }
  SECTION("YAML syntax") {
    require_manifest_error("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n labels: {}\n",
                           "k8s/web.yaml:5:2: error converting YAML to JSON: did not find expected key (while "
                           "parsing a block mapping at line 1, column 1)");
  }
  SECTION("an unknown kind with a near name") {
    require_manifest_error("apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: api\n",
                           "k8s/web.yaml:2:7: Deploymnet default/api: /kind: no matches for kind \"Deploymnet\" in "
                           "version \"apps/v1\" (did you mean \"Deployment\"?)");
  }
  SECTION("an apiVersion that does not serve the kind") {
    require_manifest_error("apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: api\n",
                           "k8s/web.yaml:1:13: Deployment default/api: /apiVersion: no matches for kind \"Deployment\" "
                           "in version \"extensions/v1beta1\" (Deployment is served by apps/v1)");
  }
  SECTION("a selector that does not match the template's labels") {
    std::string text = kDeployment;
    text.replace(text.find("labels: {app: api}"), 18, "labels: {app: web}");
    text.replace(text.find("500x"), 4, "500m");
    require_manifest_error(text,
                           "k8s/web.yaml:10:15: Deployment default/api: /spec/template/metadata/labels: "
                           "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
                           "`selector` does not match template `labels`");
  }
  SECTION("a missing name") {
    require_manifest_error("apiVersion: v1\nkind: Namespace\nmetadata:\n  labels: {a: b}\n",
                           "k8s/web.yaml:4:3: Namespace: /metadata/name: metadata.name: Required value: name or "
                           "generateName is required");
  }
  SECTION("a name that is not DNS-1123") {
    require_manifest_error(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  "
        "name: Nightly_Report\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: "
        "r, image: r}]\n",
        "k8s/web.yaml:9:9: Job default/Nightly_Report: /metadata/name: metadata.name: Invalid value: "
        "\"Nightly_Report\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' "
        "or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
        "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  }
  SECTION("maxSurge and maxUnavailable both 0") {
    std::string text = kDeployment;
    text.replace(text.find("500x"), 4, "500m");
    text += "  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0\n";
    require_manifest_error(text,
                           "k8s/web.yaml:21:23: Deployment default/api: /spec/strategy/rollingUpdate/maxUnavailable: "
                           "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when "
                           "`maxSurge` is 0");
  }
  SECTION("requests above limits") {
    std::string text = kDeployment;
    text.replace(text.find("500x"), 4, "600m\n            limits:\n              cpu: 500m");
    require_manifest_error(text,
                           "k8s/web.yaml:17:20: Deployment default/api: "
                           "/spec/template/spec/containers/0/resources/requests/cpu: "
                           "spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: \"600m\": must "
                           "be less than or equal to cpu limit of 500m");
  }
  SECTION("negative replicas") {
    std::string text = kDeployment;
    text.replace(text.find("500x"), 4, "500m");
    text.replace(text.find("spec:\n  selector"), 5, "spec:\n  replicas: -1");
    require_manifest_error(text,
                           "k8s/web.yaml:6:13: Deployment default/api: /spec/replicas: spec.replicas: Invalid value: "
                           "-1: must be greater than or equal to 0");
  }
  SECTION("a namespace that is not declared") {
    require_manifest_error(
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: "
        "ConfigMap\nmetadata:\n  name: c\n  namespace: shops\n",
        "k8s/web.yaml:9:14: ConfigMap shops/c: /metadata/namespace: namespaces \"shops\" not found "
        "(did you mean \"shop\"?)");
  }
  SECTION("the same kind, namespace and name twice") {
    require_manifest_error(
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80}]\n"
        "---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 81}]\n",
        "k8s/web.yaml:9:18: Service default/web: /metadata/name: services \"web\" already exists "
        "(first at k8s/web.yaml:1:1)");
  }
  SECTION("a value of the wrong type") {
    std::string text = kDeployment;
    text.replace(text.find("500x"), 4, "500m");
    text.replace(text.find("spec:\n  selector"), 5, "spec:\n  replicas: \"3\"");
    require_manifest_error(text,
                           "k8s/web.yaml:6:13: Deployment default/api: /spec/replicas: json: cannot unmarshal string "
                           "into Go value of type int32");
  }
}

TEST_CASE("inline objects fail with ScenarioError at the full scenario pointer", "[kube][manifest]") {
  nlohmann::json object = nlohmann::json::parse(R"({"apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "api"},
    "spec": {"selector": {"matchLabels": {"app": "api"}},
             "template": {"metadata": {"labels": {"app": "api"}},
                          "spec": {"containers": [{"name": "app", "image": "api:2",
                                                   "resources": {"requests": {"cpu": "500x"}}}]}}}})");
  try {
    read_manifests({ManifestSource::inline_object("/kubernetes/0/objects/2", object)});
    FAIL("expected ScenarioError");
  } catch (const fleetsim::ScenarioError& e) {
    CHECK(e.diagnostic().pointer == "/kubernetes/0/objects/2/spec/template/spec/containers/0/resources/requests/cpu");
    CHECK_THAT(e.diagnostic().message, Catch::StartsWith("Deployment default/api: quantities must match"));
  }
  object["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]["cpu"] = 0.5;
  const ManifestSet set = read_manifests({ManifestSource::inline_object("/kubernetes/0/objects/2", object)});
  CHECK(set.deployments.at(0).pod_template.spec.containers.at(0).requests.cpu_milli == 500);
  CHECK(set.deployments.at(0).origin.where() == "/kubernetes/0/objects/2");
}

TEST_CASE("sources keep their order; lists unwrap; deferred and ignored kinds are kept", "[kube][manifest]") {
  const ManifestSet set = read_manifests({
      ManifestSource::yaml("a.yaml",
                           "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  "
                           "metadata: {name: one}\n  spec: {ports: [{port: 80}]}\n- apiVersion: v1\n  kind: "
                           "Service\n  metadata: {name: two}\n  spec: {ports: [{port: 80}]}\n"),
      ManifestSource::inline_object("/kubernetes/0/objects/0", {{"apiVersion", "autoscaling/v2"},
                                                                {"kind", "HorizontalPodAutoscaler"},
                                                                {"metadata", {{"name", "web"}}},
                                                                {"spec", {{"minReplicas", 2}}}}),
      ManifestSource::yaml("b.yaml",
                           "apiVersion: v1\nkind: Service\nmetadata: {name: three}\nspec: {ports: [{port: "
                           "80}]}\n---\napiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: "
                           "default}\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
                           "metadata: {name: \"system:reader\"}\n"),
  });
  REQUIRE(set.services.size() == 3);
  CHECK(set.services[0].metadata.name == "one");
  CHECK(set.services[0].origin.where() == "a.yaml:4:3");
  CHECK(set.services[1].metadata.name == "two");
  CHECK(set.services[2].metadata.name == "three");
  REQUIRE(set.horizontal_pod_autoscalers.size() == 1);
  CHECK(set.horizontal_pod_autoscalers[0].origin.json()["spec"]["minReplicas"] == 2);
  REQUIRE(set.node_pools.size() == 1);
  CHECK(set.node_pools[0].metadata.ns.empty());
  REQUIRE(set.ignored.size() == 1);
  CHECK(set.ignored[0].metadata.name == "system:reader");
}

TEST_CASE("kinds that would change the simulation but are not modelled are refused", "[kube][manifest]") {
  require_manifest_error("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\n",
                         "k8s/web.yaml:2:7: DaemonSet default/agent: /kind: DaemonSet is not simulated yet; remove it "
                         "or express the workload as a Deployment");
}
