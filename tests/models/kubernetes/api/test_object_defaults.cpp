#include <catch2/catch.hpp>
#include <string>

#include "models/kubernetes/api/container_reader.hpp"
#include "models/kubernetes/api/manifest_reader.hpp"

using namespace fleetsim::kube;

// Defaults as the API server fills them (core/v1, apps/v1 and batch/v1 SetDefaults_*) and as the AWS Load
// Balancer Controller documents its annotations.
namespace {

ManifestSet read_yaml(const std::string& text) { return read_manifests({ManifestSource::yaml("d.yaml", text)}); }

const char* const kMinimalDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: app
        image: api
        resources:
          limits: {cpu: "1", memory: 1Gi}
        livenessProbe:
          tcpSocket: {port: 8080}
        lifecycle:
          preStop:
            sleep: {seconds: 7}
      - name: sidecar
        image: envoy:v1.29@sha256:abcd
        readinessProbe:
          exec: {command: [cat, /ready]}
        lifecycle:
          preStop:
            exec: {command: ["/bin/sh", "-c", "sleep 12"]}
)";

}  // namespace

TEST_CASE("a Deployment and its containers get the API server's defaults", "[kube][defaults]") {
  const Deployment d = read_yaml(kMinimalDeployment).deployments.at(0);
  CHECK(d.metadata.ns == "default");
  CHECK(d.replicas == 1);
  CHECK_FALSE(d.strategy.recreate);
  CHECK(d.strategy.max_surge.percent);
  CHECK(d.strategy.max_surge.value == 25);
  CHECK(d.strategy.max_unavailable.percent);
  CHECK(d.strategy.max_unavailable.value == 25);
  CHECK(d.min_ready_seconds == 0);
  CHECK(d.progress_deadline_seconds == 600);
  CHECK(d.revision_history_limit == 10);
  CHECK(d.pod_template.spec.termination_grace_period_seconds == 30);
  CHECK(d.pod_template.spec.restart_policy == "Always");

  const Container& app = d.pod_template.spec.containers.at(0);
  CHECK(app.image_pull_policy == PullPolicy::kAlways);  // no tag means :latest
  CHECK(app.requests.cpu_milli == 1000);                // limits given, requests absent: requests = limits
  CHECK(app.requests.memory_bytes == 1073741824);
  REQUIRE(app.liveness_probe);
  CHECK(app.liveness_probe->action == ProbeAction::kTcpSocket);
  CHECK(app.liveness_probe->port == 8080);
  CHECK(app.liveness_probe->initial_delay_seconds == 0);
  CHECK(app.liveness_probe->period_seconds == 10);
  CHECK(app.liveness_probe->timeout_seconds == 1);
  CHECK(app.liveness_probe->success_threshold == 1);
  CHECK(app.liveness_probe->failure_threshold == 3);
  CHECK(app.pre_stop_sleep_seconds == 7);

  const Container& sidecar = d.pod_template.spec.containers.at(1);
  CHECK(sidecar.image_pull_policy == PullPolicy::kIfNotPresent);
  CHECK(sidecar.requests.cpu_milli == 0);
  CHECK(sidecar.readiness_probe->action == ProbeAction::kExec);
  CHECK(sidecar.pre_stop_sleep_seconds == 12);  // sh -c "sleep 12" counts as 12 s
  CHECK(sidecar.has_pre_stop);
  CHECK_FALSE(sidecar.startup_probe);
}

TEST_CASE("image pull policy defaults follow the image's tag", "[kube][defaults]") {
  CHECK(default_pull_policy("nginx") == PullPolicy::kAlways);
  CHECK(default_pull_policy("nginx:latest") == PullPolicy::kAlways);
  CHECK(default_pull_policy("nginx:1.25") == PullPolicy::kIfNotPresent);
  CHECK(default_pull_policy("registry:5000/team/app") == PullPolicy::kAlways);
  CHECK(default_pull_policy("registry:5000/team/app:v2") == PullPolicy::kIfNotPresent);
  CHECK(default_pull_policy("app@sha256:0123") == PullPolicy::kIfNotPresent);
}

TEST_CASE("Recreate, Job, CronJob, PriorityClass and PDB defaults", "[kube][defaults]") {
  const ManifestSet set = read_yaml(R"(apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: w, image: w:1}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      parallelism: 4
      template:
        metadata:
          annotations: {fleetsim.io/run-time: "20m", fleetsim.io/memory-usage: 512Mi}
        spec:
          restartPolicy: OnFailure
          containers: [{name: w, image: w:1}]
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: p}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: w}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: r}
spec:
  strategy: {type: Recreate}
  selector: {matchExpressions: [{key: app, operator: In, values: [r]}]}
  template:
    metadata: {labels: {app: r}}
    spec: {containers: [{name: r, image: r:1}]}
)");
  const Job& job = set.jobs.at(0);
  CHECK(job.spec.parallelism == 1);
  CHECK(job.spec.completions == 1);
  CHECK(job.spec.backoff_limit == 6);
  const CronJob& cron = set.cron_jobs.at(0);
  CHECK(cron.schedule == "0 3 * * *");
  CHECK(cron.concurrency_policy == "Allow");
  CHECK(cron.successful_jobs_history_limit == 3);
  CHECK(cron.failed_jobs_history_limit == 1);
  CHECK_FALSE(cron.suspend);
  CHECK(cron.job.parallelism == 4);
  CHECK_FALSE(cron.job.completions);  // parallelism alone: a work queue
  REQUIRE(cron.job.pod_template.knobs.run_time_s);
  CHECK(cron.job.pod_template.knobs.run_time_s->mean() == 1200.0);
  CHECK(cron.job.pod_template.knobs.memory_use_mib->mean() == 512.0);
  const PriorityClass& pc = set.priority_classes.at(0);
  CHECK(pc.value == 1000);
  CHECK(pc.preempt_lower_priority);
  CHECK_FALSE(pc.global_default);
  CHECK(pc.metadata.ns.empty());
  const PodDisruptionBudget& pdb = set.pod_disruption_budgets.at(0);
  CHECK_FALSE(pdb.max_unavailable->percent);
  CHECK(pdb.max_unavailable->value == 1);
  CHECK(set.deployments.at(0).strategy.recreate);
}

TEST_CASE("Service and Ingress defaults, the ingress class annotation", "[kube][defaults]") {
  const ManifestSet set = read_yaml(R"(apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  selector: {app: api}
  ports: [{port: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
  annotations:
    kubernetes.io/ingress.class: alb
    alb.ingress.kubernetes.io/group.name: shared
spec:
  defaultBackend:
    service: {name: api, port: {number: 8080}}
)");
  const Service& s = set.services.at(0);
  CHECK(s.ports.at(0).target_port == 8080);
  CHECK(s.ports.at(0).protocol == "TCP");
  const Ingress& in = set.ingresses.at(0);
  CHECK(in.ingress_class == "alb");
  CHECK(in.alb.group_name == "shared");
  CHECK_FALSE(in.alb.ip_target);  // target-type instance by default
  CHECK(in.alb.scheme == "internal");
  CHECK(in.alb.healthcheck_path == "/");
  CHECK(in.alb.healthcheck_interval_seconds == 15);
  CHECK(in.alb.healthcheck_timeout_seconds == 5);
  CHECK(in.alb.healthy_threshold_count == 2);
  CHECK(in.alb.unhealthy_threshold_count == 2);
  CHECK(in.alb.deregistration_delay_seconds == 300);
  REQUIRE(in.default_backend);
  CHECK(in.default_backend->service == "api");
}

TEST_CASE("fleetsim.io knobs read like x-fleetsim, and a misspelt one is refused", "[kube][defaults]") {
  const std::string head = R"(apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
)";
  const std::string tail = "spec:\n  containers: [{name: c, image: c:1}]\n";
  const ManifestSet set = read_yaml(head + R"(    fleetsim.io/max-concurrency: "20"
    fleetsim.io/startup-time: '{"dist": "exponential", "mean": 30}'
    fleetsim.io/crash-after: "1h"
    fleetsim.io/fail-health-checks: "true"
    fleetsim.io/memory-usage: "300"
)" + tail);
  const SimulationKnobs& k = set.pods.at(0).pod.knobs;
  CHECK(k.max_concurrency == 20);
  CHECK(k.startup_s.mean() == 30.0);
  CHECK(k.crash_after_s->mean() == 3600.0);
  CHECK(k.fail_health_checks);
  CHECK(k.memory_use_mib->mean() == 300.0);
  CHECK_FALSE(k.run_time_s);
  CHECK_THROWS_WITH(read_yaml(head + "    fleetsim.io/startup-tme: \"5s\"\n" + tail),
                    "d.yaml:6:30: Pod default/p: /metadata/annotations/fleetsim.io~1startup-tme: no fleetsim.io "
                    "annotation named \"startup-tme\" (did you mean \"startup-time\"?)");
  CHECK_THROWS_WITH(read_yaml(head + "    fleetsim.io/startup-time: '{\"dist\": \"exponential\"}'\n" + tail),
                    Catch::EndsWith("/metadata/annotations/fleetsim.io~1startup-time: missing required field \"mean\" "
                                    "in a exponential distribution"));
}
