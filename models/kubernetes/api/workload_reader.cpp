#include "models/kubernetes/api/workload_reader.hpp"

#include "models/kubernetes/api/int_or_percent.hpp"
#include "models/kubernetes/api/pod_reader.hpp"
#include "models/kubernetes/api/scheduling_reader.hpp"

namespace fleetsim::kube {

namespace {

std::optional<int> optional_at_least(const Field& f, int minimum) {
  if (!f.present()) return std::nullopt;
  return f.int32_at_least(minimum);
}

void no_more_than_100_percent(const Field& f, const IntOrPercent& v) {
  if (v.percent && v.value > 100) {
    f.fail(f.api_path() + ": Invalid value: " + to_string(v) + ": must not be greater than 100%");
  }
}

DeploymentStrategy read_strategy(const Field& f) {
  DeploymentStrategy s;
  const std::string type = f["type"].string("RollingUpdate");
  const Field rolling = f["rollingUpdate"];
  if (type == "Recreate") {
    s.recreate = true;
    if (rolling.present()) {
      rolling.fail(rolling.api_path() + ": Forbidden: may not be specified when strategy `type` is 'Recreate'");
    }
    return s;
  }
  if (type != "RollingUpdate") {
    f["type"].fail(f["type"].api_path() + ": Unsupported value: \"" + type +
                   "\": supported values: \"Recreate\", \"RollingUpdate\"");
  }
  if (rolling["maxSurge"].present()) s.max_surge = read_int_or_percent(rolling["maxSurge"]);
  if (rolling["maxUnavailable"].present()) s.max_unavailable = read_int_or_percent(rolling["maxUnavailable"]);
  no_more_than_100_percent(rolling["maxUnavailable"], s.max_unavailable);
  if (s.max_surge.value == 0 && s.max_unavailable.value == 0) {
    const Field u = rolling["maxUnavailable"];
    u.fail(u.api_path() + ": Invalid value: " + to_string(s.max_unavailable) + ": may not be 0 when `maxSurge` is 0");
  }
  return s;
}

JobSpec read_job_spec(const Field& f, const std::string& ns) {
  f.require_object();
  JobSpec j;
  const std::optional<int> parallelism = optional_at_least(f["parallelism"], 0);
  j.completions = optional_at_least(f["completions"], 0);
  // Defaulting (batch/v1 SetDefaults_Job): neither given makes a one-pod Job.
  if (!parallelism && !j.completions) j.completions = 1;
  j.parallelism = parallelism.value_or(1);
  j.backoff_limit = f["backoffLimit"].int32_at_least(0, 6);
  j.active_deadline_seconds = optional_at_least(f["activeDeadlineSeconds"], 1);
  j.ttl_seconds_after_finished = optional_at_least(f["ttlSecondsAfterFinished"], 0);
  j.pod_template = read_pod_template(f["template"], ns);
  const std::string& restart = j.pod_template.spec.restart_policy;
  if (restart != "OnFailure" && restart != "Never") {
    const Field r = f["template"]["spec"]["restartPolicy"];
    r.fail(r.api_path() + ": Required value: valid values: \"OnFailure\", \"Never\"");
  }
  return j;
}

}  // namespace

std::string go_map_text(const Labels& labels) {
  std::string out = "map[string]string{";
  bool first = true;
  for (const auto& [k, v] : labels) {
    out += (first ? "\"" : ", \"") + k + "\":\"" + v + "\"";
    first = false;
  }
  return out + "}";
}

Deployment read_deployment(const Field& o) {
  Deployment d;
  d.metadata = read_object_meta(o["metadata"], true, NameRule::kSubdomain);
  const Field spec = o["spec"];
  spec.require_object();
  d.replicas = spec["replicas"].int32_at_least(0, 1);
  const Field selector = spec["selector"];
  if (!selector.present()) selector.fail(selector.api_path() + ": Required value");
  d.selector = read_label_selector(selector);
  if (d.selector.match_labels.empty() && d.selector.match_expressions.empty()) {
    selector.fail(selector.api_path() + ": Invalid value: \"\": empty selector is invalid for deployment");
  }
  d.pod_template = read_pod_template(spec["template"], d.metadata.ns);
  if (!matches(d.selector, d.pod_template.metadata.labels)) {
    const Field labels = spec["template"]["metadata"]["labels"];
    labels.fail(labels.api_path() + ": Invalid value: " + go_map_text(d.pod_template.metadata.labels) +
                ": `selector` does not match template `labels`");
  }
  if (d.pod_template.spec.restart_policy != "Always") {
    const Field r = spec["template"]["spec"]["restartPolicy"];
    r.fail(r.api_path() + ": Unsupported value: \"" + d.pod_template.spec.restart_policy +
           "\": supported values: \"Always\"");
  }
  d.strategy = read_strategy(spec["strategy"]);
  d.min_ready_seconds = spec["minReadySeconds"].int32_at_least(0, 0);
  d.progress_deadline_seconds = spec["progressDeadlineSeconds"].int32_at_least(0, 600);
  if (d.progress_deadline_seconds <= d.min_ready_seconds) {
    const Field p = spec["progressDeadlineSeconds"];
    p.fail(p.api_path() + ": Invalid value: " + std::to_string(d.progress_deadline_seconds) +
           ": must be greater than minReadySeconds");
  }
  d.revision_history_limit = spec["revisionHistoryLimit"].int32_at_least(0, 10);
  return d;
}

Job read_job(const Field& o) {
  Job j;
  j.metadata = read_object_meta(o["metadata"], true, NameRule::kSubdomain);
  j.spec = read_job_spec(o["spec"], j.metadata.ns);
  return j;
}

CronJob read_cron_job(const Field& o) {
  CronJob c;
  c.metadata = read_object_meta(o["metadata"], true, NameRule::kSubdomain);
  const Field spec = o["spec"];
  spec.require_object();
  c.schedule = spec["schedule"].string();
  if (c.schedule.empty()) spec["schedule"].fail(spec["schedule"].api_path() + ": Required value");
  c.time_zone = spec["timeZone"].string();
  c.concurrency_policy = spec["concurrencyPolicy"].string("Allow");
  if (c.concurrency_policy != "Allow" && c.concurrency_policy != "Forbid" && c.concurrency_policy != "Replace") {
    const Field p = spec["concurrencyPolicy"];
    p.fail(p.api_path() + ": Unsupported value: \"" + c.concurrency_policy +
           "\": supported values: \"Allow\", \"Forbid\", \"Replace\"");
  }
  c.suspend = spec["suspend"].boolean(false);
  c.starting_deadline_seconds = optional_at_least(spec["startingDeadlineSeconds"], 0);
  c.successful_jobs_history_limit = spec["successfulJobsHistoryLimit"].int32_at_least(0, 3);
  c.failed_jobs_history_limit = spec["failedJobsHistoryLimit"].int32_at_least(0, 1);
  const Field job = spec["jobTemplate"];
  if (!job.present()) job.fail(job.api_path() + ": Required value");
  c.job_metadata.labels = job["metadata"]["labels"].string_map();
  c.job_metadata.annotations = job["metadata"]["annotations"].string_map();
  c.job_metadata.ns = c.metadata.ns;
  c.job = read_job_spec(job["spec"], c.metadata.ns);
  return c;
}

BarePod read_pod(const Field& o) {
  BarePod p;
  const ObjectMeta meta = read_object_meta(o["metadata"], true, NameRule::kSubdomain);
  p.pod = read_pod_template(o, meta.ns);
  p.pod.metadata = meta;
  return p;
}

PodDisruptionBudget read_pod_disruption_budget(const Field& o) {
  PodDisruptionBudget b;
  b.metadata = read_object_meta(o["metadata"], true, NameRule::kSubdomain);
  const Field spec = o["spec"];
  spec.require_object();
  const Field min = spec["minAvailable"];
  const Field max = spec["maxUnavailable"];
  if (min.present() && max.present()) {
    spec.fail(spec.api_path() + ": Invalid value: \"\": minAvailable and maxUnavailable cannot be both set");
  }
  if (min.present()) {
    b.min_available = read_int_or_percent(min);
    no_more_than_100_percent(min, *b.min_available);
  }
  if (max.present()) {
    b.max_unavailable = read_int_or_percent(max);
    no_more_than_100_percent(max, *b.max_unavailable);
  }
  b.selector = read_label_selector(spec["selector"]);
  return b;
}

PriorityClass read_priority_class(const Field& o) {
  PriorityClass c;
  c.metadata = read_object_meta(o["metadata"], false, NameRule::kSubdomain);
  c.value = o["value"].int32(0);
  // Values above one billion are reserved for system-node-critical and system-cluster-critical.
  if (c.value > 1000000000) {
    o["value"].fail("value: Forbidden: maximum allowed value of a user defined priority is 1000000000");
  }
  c.global_default = o["globalDefault"].boolean(false);
  const std::string policy = o["preemptionPolicy"].string("PreemptLowerPriority");
  if (policy != "PreemptLowerPriority" && policy != "Never") {
    o["preemptionPolicy"].fail("preemptionPolicy: Unsupported value: \"" + policy +
                               "\": supported values: \"Never\", \"PreemptLowerPriority\"");
  }
  c.preempt_lower_priority = policy == "PreemptLowerPriority";
  return c;
}

Namespace read_namespace(const Field& o) {
  return Namespace{read_object_meta(o["metadata"], false, NameRule::kLabel), {}};
}

}  // namespace fleetsim::kube
