// EKS end to end, in process: known answers for pods (on Fargate and under a CPU limit on a node), the
// termination race behind an ALB, a tainted node group, and manifest errors located in their files.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "models/catalog/catalog.hpp"
#include "tests/scenarios/response_batches.hpp"
#include "tests/scenarios/run_in_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

std::filesystem::path fixture(const char* name) { return source_root() / "tests/scenarios/fixtures" / name; }

/// Mean of the TargetResponseTime batch means after 5 minutes, and its standard error (as the ECS tests).
std::pair<double, double> mean_response(const std::filesystem::path& out) {
  std::vector<double> means = batch_means(read_metrics(out / "metrics.csv"), 300, 5);
  REQUIRE(means.size() >= 20);
  double mean = 0;
  for (double m : means) mean += m;
  mean /= static_cast<double>(means.size());
  double var = 0;
  for (double m : means) var += (m - mean) * (m - mean);
  double n = static_cast<double>(means.size());
  return {mean, std::sqrt(var / (n - 1) / n)};
}

nlohmann::json summary_of(const std::filesystem::path& out) {
  return nlohmann::json::parse(read_file(out / "summary.json"));
}

std::vector<nlohmann::json> events_of(const std::filesystem::path& out) {
  std::vector<nlohmann::json> events;
  std::istringstream in(read_file(out / "events.jsonl"));
  for (std::string line; std::getline(in, line);) events.push_back(nlohmann::json::parse(line));
  return events;
}

/// Runs `scenario` in process; returns its exit code and what it wrote to stderr.
std::pair<int, std::string> run_capturing(const std::filesystem::path& scenario, const std::filesystem::path& out,
                                          const ScenarioOverrides& o = {}) {
  std::ostringstream err;
  std::streambuf* old = std::cerr.rdbuf(err.rdbuf());
  int code = run_scenario(scenario, out, o);
  std::cerr.rdbuf(old);
  return {code, err.str()};
}

}  // namespace

TEST_CASE("EKS pods on Fargate behind an ip Ingress under Poisson load agree with M/M/1-PS", "[eks][known-answer]") {
  // 4 pods of 1 vCPU, weighted_random: each is M/M/1-PS with rho = 0.7, mean s / (1 - rho) = 66.67 ms.
  const double s_ms = 20, rho = 140.0 / 4 * s_ms / 1000, expected = s_ms / (1 - rho);
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-mm1-ps.json"), dir.path() / "out") == 0);
  auto [mean, se] = mean_response(dir.path() / "out");
  INFO("simulated mean " << mean << " ms, expected " << expected << " ms, standard error " << se << " ms");
  CHECK(se < 0.02 * expected);
  CHECK(std::abs(mean - expected) < 4 * se);
  // The Fargate size EKS provisions for 1 vCPU + 1 GiB (+ 256 MiB) is 1 vCPU / 2 GB, billed like an ECS task.
  nlohmann::json s = summary_of(dir.path() / "out");
  CHECK(s["capacity"]["fargate"]["tasks"] == 4);
  CHECK(s["cost"]["eksUsd"].get<double>() == Approx(0.10 * 2));
}

TEST_CASE("a pod limited to 500m on a 2-vCPU node serves as half a vCPU", "[eks][known-answer]") {
  // limits.cpu 500m is a CFS quota: M/M/1-PS at 0.5 vCPU, rho = 17.5 x 0.040 = 0.7, mean 40 / 0.3 ms.
  const double expected = 40 / (1 - 0.7);
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-pod-cpu-limit.json"), dir.path() / "capped") == 0);
  auto [mean, se] = mean_response(dir.path() / "capped");
  INFO("simulated mean " << mean << " ms, expected " << expected << " ms, standard error " << se << " ms");
  CHECK(se < 0.03 * expected);
  CHECK(std::abs(mean - expected) < 4 * se);
  // Without the limit the pod uses the node's idle second vCPU: far faster than the capped pod.
  ScenarioOverrides o;
  o.sets = {"/kubernetes/0/objects/0/spec/template/spec/containers/0/resources/limits={}"};
  REQUIRE(run_scenario(fixture("eks-pod-cpu-limit.json"), dir.path() / "free", o) == 0);
  CHECK(mean_response(dir.path() / "free").first < 0.5 * expected);
}

TEST_CASE("the termination race: pods that exit at SIGTERM drop requests a preStop sleep would have served",
          "[eks][fidelity]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-termination.json"), dir.path() / "race") == 0);
  nlohmann::json race = summary_of(dir.path() / "race");
  ScenarioOverrides o;
  const std::string pre_stop = R"({"preStop": {"sleep": {"seconds": 5}}})";
  o.sets = {"/kubernetes/0/objects/0/spec/template/spec/containers/0/lifecycle=" + pre_stop,
            "/timeline/0/objects/0/spec/template/spec/containers/0/lifecycle=" + pre_stop};
  REQUIRE(run_scenario(fixture("eks-termination.json"), dir.path() / "covered", o) == 0);
  nlohmann::json covered = summary_of(dir.path() / "covered");
  INFO(race["requests"].dump() << "\n" << covered["requests"].dump());
  // 100 requests/s, four pods replaced, each gone about 2 s before its target is deregistered.
  CHECK(race["requests"]["http5xx"]["502"].get<int>() > 20);
  CHECK(covered["requests"]["http5xx"]["502"].get<int>() == 0);
  // Both rolled over to the new ReplicaSet and ended with every pod ready.
  CHECK(race["kubernetes"]["prod"]["workloads"]["default/web"]["ready"] == 4);
  CHECK(covered["kubernetes"]["prod"]["workloads"]["default/web"]["ready"] == 4);
}

TEST_CASE("pods that tolerate no taint of a tainted-only node group stay Pending with the scheduler's reason",
          "[eks]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-tainted.json"), dir.path() / "out") == 0);
  bool said = false;
  for (const nlohmann::json& e : events_of(dir.path() / "out")) {
    if (e["type"] != "KubernetesEvent" || e["reason"] != "FailedScheduling") continue;
    if (e["involvedObject"]["namespace"] != "default") continue;
    said = said || e["message"] ==
                       "0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}. "
                       "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.";
  }
  CHECK(said);
  nlohmann::json s = summary_of(dir.path() / "out");
  CHECK(s["kubernetes"]["prod"]["workloads"]["default/web"]["ready"] == 0);
  CHECK(s["kubernetes"]["prod"]["pendingPods"] == 4);  // web's two and coredns's two
}

TEST_CASE("manifest errors name the YAML file, line and column, and leave no output", "[eks][bad-input]") {
  TempDir dir;
  std::ofstream(dir.path() / "bad.yaml") << "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
                                            "spec:\n  replicas: [1\n";
  std::ofstream(dir.path() / "scenario.json") << R"({"simulation": {"duration": "1m"}, "eksClusters": [{"name": "c"}],
            "kubernetes": [{"cluster": "c", "manifests": ["bad.yaml"]}]})";
  auto [code, err] = run_capturing(dir.path() / "scenario.json", dir.path() / "out");
  CHECK(code == 2);
  CHECK_THAT(err, Catch::StartsWith("bad.yaml:7:1: "));
  CHECK(!std::filesystem::exists(dir.path() / "out"));

  std::ofstream(dir.path() / "big.json") << R"({"simulation": {"duration": "1m"}, "eksClusters": [{"name": "c"}],
            "fargateProfiles": [{"clusterName": "c", "fargateProfileName": "p", "selectors": [{"namespace": "default"}]}],
            "kubernetes": [{"cluster": "c", "objects": [
              {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "huge"},
               "spec": {"selector": {"matchLabels": {"a": "b"}}, "template": {"metadata": {"labels": {"a": "b"}},
                 "spec": {"containers": [{"name": "x", "image": "x", "resources": {"requests": {"cpu": "32"}}}]}}}}]}]})";
  auto [big_code, big_err] = run_capturing(dir.path() / "big.json", dir.path() / "out");
  CHECK(big_code == 2);
  CHECK_THAT(big_err, Catch::Contains("/kubernetes/0/objects/0/spec/template/spec/containers"));
  CHECK_THAT(big_err, Catch::Contains("Deployment default/huge"));
}

namespace {

/// The web pods' Ready count over time (from PodStatusChange), as (t, count) at every change.
std::vector<std::pair<double, int>> web_ready(const std::vector<nlohmann::json>& events) {
  std::map<std::string, bool> ready;
  std::vector<std::pair<double, int>> out;
  for (const nlohmann::json& e : events) {
    if (e["type"] != "PodStatusChange" || e["owner"].get<std::string>().rfind("web-", 0) != 0) continue;
    ready[e["pod"].get<std::string>()] = e["ready"].get<bool>();
    int n = 0;
    for (const auto& [pod, r] : ready) n += r ? 1 : 0;
    out.emplace_back(e["t"].get<double>(), n);
  }
  return out;
}

/// The fewest web pods Ready from `from` on.
int fewest_ready_after(const std::vector<std::pair<double, int>>& ready, double from) {
  int fewest = 1 << 30;
  for (const auto& [t, n] : ready) {
    if (t >= from) fewest = std::min(fewest, n);
  }
  return fewest;
}

}  // namespace

TEST_CASE("kubectl drain honours a PodDisruptionBudget: minAvailable 3 of 4 stay Ready", "[eks][pdb]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-drain-pdb.json"), dir.path() / "pdb") == 0);
  std::vector<nlohmann::json> events = events_of(dir.path() / "pdb");
  std::string drained;
  std::vector<double> web_kills;
  for (const nlohmann::json& e : events) {
    if (e["type"] == "NodeStateChange" && e["state"] == "SchedulingDisabled") drained = e["node"];
    if (e["type"] == "KubernetesEvent" && e["reason"] == "Killing" &&
        e["involvedObject"]["name"].get<std::string>().rfind("web-", 0) == 0)
      web_kills.push_back(e["t"].get<double>());
  }
  REQUIRE(!drained.empty());
  REQUIRE(web_kills.size() >= 2);
  CHECK(fewest_ready_after(web_ready(events), 300) == 3);
  // One eviction at a time: each waits for the last one's replacement to be Ready (20 s of start-up after
  // a 0.5 s container start, its probe every 5 s) and then for kubectl's next 5 s retry.
  CHECK(web_kills.front() == 600);
  for (std::size_t i = 1; i < web_kills.size(); ++i) {
    INFO("eviction " << i << " at " << web_kills[i]);
    CHECK(web_kills[i] - web_kills[i - 1] >= 25);
    CHECK(web_kills[i] - web_kills[i - 1] <= 35);
  }
  nlohmann::json s = summary_of(dir.path() / "pdb");
  CHECK(s["kubernetes"]["prod"]["workloads"]["default/web"]["ready"] == 4);
  // Nothing of web is left on the drained node.
  std::map<std::string, std::string> node_of;
  for (const nlohmann::json& e : events) {
    if (e["type"] != "PodStatusChange" || e["owner"].get<std::string>().rfind("web-", 0) != 0) continue;
    if (e["reason"] == "Deleted") {
      node_of.erase(e["pod"].get<std::string>());
    } else {
      node_of[e["pod"].get<std::string>()] = e["node"];
    }
  }
  CHECK(node_of.size() == 4);
  for (const auto& [pod, node] : node_of) CHECK(node != drained);

  // A budget that allows everything (minAvailable 0): every web pod of the node goes at once.
  ScenarioOverrides o;
  o.sets = {"/kubernetes/0/objects/1/spec/minAvailable=0"};
  REQUIRE(run_scenario(fixture("eks-drain-pdb.json"), dir.path() / "free", o) == 0);
  CHECK(fewest_ready_after(web_ready(events_of(dir.path() / "free")), 300) == 4 - static_cast<int>(web_kills.size()));
}

namespace {

/// Times of the pod events (KubernetesEvent or PodStatusChange) of `pod_prefix` with `reason`.
std::vector<double> times_of(const std::vector<nlohmann::json>& events, const char* type, const std::string& reason,
                             const std::string& pod_prefix) {
  std::vector<double> out;
  for (const nlohmann::json& e : events) {
    if (e["type"] != type || e["reason"] != reason) continue;
    const std::string pod = type == std::string("KubernetesEvent") ? e["involvedObject"]["name"] : e["pod"];
    if (pod.rfind(pod_prefix, 0) == 0) out.push_back(e["t"].get<double>());
  }
  return out;
}

}  // namespace

TEST_CASE("a startup probe holds the liveness probe back until a slow app answers", "[eks][lifecycle]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-pod-lifecycle.json"), dir.path() / "startup") == 0);
  std::vector<nlohmann::json> events = events_of(dir.path() / "startup");
  std::vector<double> started = times_of(events, "PodStatusChange", "Started", "slow-");
  std::vector<double> ready = times_of(events, "PodStatusChange", "ContainersReady", "slow-");
  REQUIRE(started.size() == 1);
  REQUIRE(ready.size() == 1);
  // The app answers 60 s after its start: the startup probe (every 10 s from the start) passes at 60 s,
  // then the readiness probe runs at once.
  CHECK(ready.front() - started.front() == Approx(60));
  CHECK(summary_of(dir.path() / "startup")["kubernetes"]["prod"]["restarts"] == 0);

  // A startup probe allowing 3 failures kills the app at its third probe (at 0, 10 and 20 s), every time:
  // restarted at once, then after 10 s, 20 s, ... (the kubelet's back-off).
  ScenarioOverrides o;
  o.sets = {"/kubernetes/0/objects/0/spec/template/spec/containers/0/startupProbe/failureThreshold=3"};
  REQUIRE(run_scenario(fixture("eks-pod-lifecycle.json"), dir.path() / "killed", o) == 0);
  events = events_of(dir.path() / "killed");
  std::vector<double> kills = times_of(events, "KubernetesEvent", "Killing", "slow-");
  REQUIRE(kills.size() >= 4);
  CHECK(times_of(events, "KubernetesEvent", "Unhealthy", "slow-").size() == kills.size());
  // Kill to kill: the back-off before each restart (0, 10, 20 s) plus 20 s of probing.
  CHECK(kills[1] - kills[0] == Approx(20));
  CHECK(kills[2] - kills[1] == Approx(30));
  CHECK(kills[3] - kills[2] == Approx(40));
  CHECK(times_of(events, "PodStatusChange", "ContainersReady", "slow-").empty());
}

TEST_CASE("a pod using more memory than its limit is OOMKilled (137) and restarted with back-off", "[eks][lifecycle]") {
  TempDir dir;
  ScenarioOverrides o;
  o.sets = {"/kubernetes/0/objects/0/spec/template/metadata/annotations/fleetsim.io~1memory-usage=\"600Mi\"",
            "/kubernetes/0/objects/0/spec/template/metadata/annotations/fleetsim.io~1startup-time=\"0s\""};
  REQUIRE(run_scenario(fixture("eks-pod-lifecycle.json"), dir.path() / "oom", o) == 0);
  std::vector<nlohmann::json> events = events_of(dir.path() / "oom");
  std::vector<double> ooms;
  for (const nlohmann::json& e : events) {
    if (e["type"] != "PodStatusChange" || e["reason"] != "OOMKilled") continue;
    CHECK(e["exitCode"] == 137);
    ooms.push_back(e["t"].get<double>());
  }
  // Killed as soon as it runs; restarted at once, then after 10, 20, 40, 80, 160, 300, 300 s.
  const double gaps[] = {0, 10, 20, 40, 80, 160, 300};
  REQUIRE(ooms.size() >= 8);
  for (std::size_t i = 0; i < 7; ++i) {
    INFO("OOM kill " << i + 1);
    CHECK(ooms[i + 1] - ooms[i] == Approx(gaps[i]));
  }
  const nlohmann::json oom = summary_of(dir.path() / "oom")["kubernetes"]["prod"];
  CHECK(oom["restarts"].get<int>() >= 8);
  CHECK(oom["workloads"]["default/slow"]["restarts"] == oom["restarts"]);  // all of them its one pod's
  CHECK(oom["workloads"]["kube-system/coredns"]["restarts"] == 0);
  // Within its limit (the fixture's 300Mi) it runs on.
  REQUIRE(run_scenario(fixture("eks-pod-lifecycle.json"), dir.path() / "fits") == 0);
  CHECK(times_of(events_of(dir.path() / "fits"), "PodStatusChange", "OOMKilled", "slow-").empty());
}

TEST_CASE("a Job of 6 completions, 2 in parallel, of 10 s pods completes in three waves", "[eks][job]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-job.json"), dir.path() / "job") == 0);
  std::vector<nlohmann::json> events = events_of(dir.path() / "job");
  std::vector<double> started = times_of(events, "PodStatusChange", "Started", "batch-");
  std::vector<double> completed = times_of(events, "KubernetesEvent", "Completed", "batch");
  CHECK(times_of(events, "KubernetesEvent", "SuccessfulCreate", "batch").size() == 6);
  REQUIRE(started.size() == 6);
  REQUIRE(completed.size() == 1);
  // The first wave's 10 s, then two waves of 0.5 s container start + 10 s (the image is on the node).
  CHECK(completed.front() - started.front() == Approx(10 + 10.5 + 10.5));
  nlohmann::json job = summary_of(dir.path() / "job")["kubernetes"]["prod"]["jobs"]["default/batch"];
  CHECK(job["condition"] == "Complete");
  CHECK(job["succeeded"] == 6);
  CHECK(job["failed"] == 0);

  // Pods that crash after 5 s: backoffLimit 2 allows two retries, the third failure fails the Job.
  ScenarioOverrides o;
  o.sets = {"/kubernetes/0/objects/0/spec/template/metadata/annotations/fleetsim.io~1crash-after=\"5s\""};
  REQUIRE(run_scenario(fixture("eks-job.json"), dir.path() / "crash", o) == 0);
  job = summary_of(dir.path() / "crash")["kubernetes"]["prod"]["jobs"]["default/batch"];
  CHECK(job["condition"] == "Failed");
  CHECK(job["reason"] == "BackoffLimitExceeded");
  CHECK(job["failed"] == 3);
  CHECK(job["succeeded"] == 0);

  // activeDeadlineSeconds 15: the second wave is cut short and the Job fails at its deadline.
  o.sets = {"/kubernetes/0/objects/0/spec/activeDeadlineSeconds=15"};
  REQUIRE(run_scenario(fixture("eks-job.json"), dir.path() / "deadline", o) == 0);
  job = summary_of(dir.path() / "deadline")["kubernetes"]["prod"]["jobs"]["default/batch"];
  CHECK(job["condition"] == "Failed");
  CHECK(job["reason"] == "DeadlineExceeded");
  CHECK(job["duration_s"] == 15);
  CHECK(job["active"] == 0);
}

TEST_CASE("a CronJob every 5 minutes runs its Jobs on time, keeps 3 and honours Forbid", "[eks][job]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-cronjob.json"), dir.path() / "cron") == 0);
  std::vector<nlohmann::json> events = events_of(dir.path() / "cron");
  const std::vector<double> created = times_of(events, "KubernetesEvent", "SuccessfulCreate", "report");
  // The CronJob's own SuccessfulCreate (Created job ...) and each Job's (Created pod ...).
  std::vector<double> jobs;
  for (const nlohmann::json& e : events) {
    if (e["type"] == "KubernetesEvent" && e["reason"] == "SuccessfulCreate" && e["involvedObject"]["kind"] == "CronJob")
      jobs.push_back(e["t"].get<double>());
  }
  CHECK(jobs == std::vector<double>{300, 600, 900, 1200, 1500, 1800});
  CHECK(created.size() == 12);
  nlohmann::json cron = summary_of(dir.path() / "cron")["kubernetes"]["prod"]["cronJobs"]["default/report"];
  CHECK(cron["created"] == 6);
  CHECK(cron["complete"] == 6);
  CHECK(cron["skipped"] == 0);
  // Six complete Jobs, three kept: the three oldest deleted.
  int deleted = 0;
  for (const nlohmann::json& e : events) {
    deleted +=
        e["type"] == "KubernetesEvent" && e["reason"] == "SuccessfulDelete" && e["involvedObject"]["kind"] == "CronJob"
            ? 1
            : 0;
  }
  CHECK(deleted == 3);

  // Pods working 7 minutes: under Forbid every other time is skipped while the last Job runs.
  ScenarioOverrides o;
  o.sets = {"/kubernetes/0/objects/0/spec/jobTemplate/spec/template/metadata/annotations/fleetsim.io~1run-time=\"7m\""};
  REQUIRE(run_scenario(fixture("eks-cronjob.json"), dir.path() / "forbid", o) == 0);
  cron = summary_of(dir.path() / "forbid")["kubernetes"]["prod"]["cronJobs"]["default/report"];
  CHECK(cron["created"] == 3);
  CHECK(cron["skipped"] == 3);
}

TEST_CASE("a CronJob schedule with no simulated equivalent is refused at its field", "[eks][job][bad-input]") {
  TempDir dir;
  ScenarioOverrides o;
  o.sets = {"/kubernetes/0/objects/0/spec/schedule=\"0 0 1 * 1\""};
  auto [code, err] = run_capturing(fixture("eks-cronjob.json"), dir.path() / "out", o);
  CHECK(code == 2);
  CHECK_THAT(err, Catch::Contains("/kubernetes/0/objects/0/spec/schedule"));
  CHECK_THAT(err, Catch::Contains("both day-of-month and day-of-week"));
}

TEST_CASE("summary.json's kubernetes nodes mean is the time-weighted node count", "[eks]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-job.json"), dir.path() / "job") == 0);
  double joined = -1;
  for (const nlohmann::json& e : events_of(dir.path() / "job")) {
    if (e["type"] == "NodeStateChange" && e["state"] == "Ready") joined = e["t"].get<double>();
  }
  REQUIRE(joined > 0);
  // One node from its registration to the end of the 10-minute run.
  nlohmann::json nodes = summary_of(dir.path() / "job")["kubernetes"]["prod"]["nodes"];
  CHECK(nodes["mean"].get<double>() == Approx((600 - joined) / 600).margin(0.001));
  CHECK(nodes["peak"] == 1);
}

TEST_CASE("instance mode: kube-proxy sends a request reaching a node to any ready endpoint, on any node",
          "[eks][ingress]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-instance-mode.json"), dir.path() / "cluster") == 0);
  nlohmann::json s = summary_of(dir.path() / "cluster");
  // Three nodes (one per AZ), two pods on each: a uniform pick over six endpoints leaves the node for 4 in 6
  // requests, and each of those leaves the AZ too (every other node is in another AZ).
  const nlohmann::json& hops = s["kubernetes"]["prod"]["instanceTargets"].begin().value();
  const double ok = s["requests"]["ok"].get<double>();
  const double forwarded = hops["forwardedToAnotherNode"].get<double>();
  INFO(s["requests"].dump() << "\n" << hops.dump());
  CHECK(ok > 170000);
  CHECK(s["requests"]["http5xx"]["502"] == 0);
  CHECK(std::abs(forwarded / ok - 2.0 / 3) < 0.01);
  CHECK(hops["forwardedToAnotherZone"] == hops["forwardedToAnotherNode"]);
  int healthy = 0;
  for (const nlohmann::json& e : events_of(dir.path() / "cluster")) {
    if (e["type"] == "TargetHealthChange" && e["to"] == "healthy") {
      CHECK_THAT(e["target"].get<std::string>(), Catch::StartsWith("i-"));  // instance targets
      ++healthy;
    }
  }
  CHECK(healthy == 3);
}

TEST_CASE("instance mode with externalTrafficPolicy Local: only nodes with a ready pod pass health checks",
          "[eks][ingress]") {
  TempDir dir;
  ScenarioOverrides o;
  // Two pods, both scheduled on the first node to join (the other two join later).
  o.sets = {R"(/kubernetes/0/objects/1/spec/externalTrafficPolicy="Local")", "/kubernetes/0/objects/0/spec/replicas=2"};
  REQUIRE(run_scenario(fixture("eks-instance-mode.json"), dir.path() / "local", o) == 0);
  std::set<std::string> pod_nodes, healthy, unhealthy;
  std::map<std::string, std::string> instance_of;
  for (const nlohmann::json& e : events_of(dir.path() / "local")) {
    if (e["type"] == "PodStatusChange" && e["namespace"] == "default" && e["reason"] == "Scheduled")
      pod_nodes.insert(e["node"].get<std::string>());
    if (e["type"] == "NodeStateChange") instance_of[e["node"].get<std::string>()] = e["instanceId"];
    if (e["type"] == "TargetHealthChange" && e["to"] == "healthy") healthy.insert(e["target"].get<std::string>());
    if (e["type"] == "TargetHealthChange" && e["to"] == "unhealthy") unhealthy.insert(e["target"].get<std::string>());
  }
  REQUIRE(pod_nodes.size() == 1);
  CHECK(healthy == std::set<std::string>{instance_of[*pod_nodes.begin()]});
  CHECK(unhealthy.size() == 2);
  nlohmann::json s = summary_of(dir.path() / "local");
  CHECK(s["kubernetes"]["prod"]["instanceTargets"].begin().value()["forwardedToAnotherNode"] == 0);
  CHECK(s["requests"]["http5xx"]["502"] == 0);
  CHECK(s["requests"]["ok"].get<int>() > 170000);
}

TEST_CASE("instance mode needs a NodePort Service; externalTrafficPolicy only on one", "[eks][ingress][bad-input]") {
  TempDir dir;
  ScenarioOverrides o;
  o.sets = {R"(/kubernetes/0/objects/1/spec/type="ClusterIP")"};
  auto [code, err] = run_capturing(fixture("eks-instance-mode.json"), dir.path() / "out", o);
  CHECK(code == 2);
  CHECK_THAT(err, Catch::Contains("/kubernetes/0/objects/2/metadata/annotations"));
  CHECK_THAT(err, Catch::Contains("is of type ClusterIP; make it a NodePort Service"));
  o.sets.push_back(R"(/kubernetes/0/objects/1/spec/externalTrafficPolicy="Local")");
  auto [code2, err2] = run_capturing(fixture("eks-instance-mode.json"), dir.path() / "out", o);
  CHECK(code2 == 2);
  CHECK_THAT(err2, Catch::Contains("may only be set for externally-accessible services"));
}

TEST_CASE("in-cluster requests to a Service: kube-proxy's uniform pick makes each of 4 pods M/M/1-PS",
          "[eks][service][known-answer]") {
  // The ingress fixture's load sent to the Service's ClusterIP instead: no ALB, the same random split
  // (each pod Poisson 35/s, rho = 0.7), so the same mean, 20 / (1 - 0.7) = 66.67 ms.
  const double expected = 20 / (1 - 0.7);
  TempDir dir;
  ScenarioOverrides o;
  o.sets = {R"(/workloads/0/target={"service": "default/server", "cluster": "bench"})", R"(/simulation/warmup="5m")"};
  REQUIRE(run_scenario(fixture("eks-mm1-ps.json"), dir.path() / "out", o) == 0);
  nlohmann::json s = summary_of(dir.path() / "out");
  INFO(s["requests"].dump());
  CHECK(s["requests"]["ok"].get<double>() > 900000);
  CHECK(s["requests"]["latency_ms"]["mean"].get<double>() == Approx(expected).epsilon(0.03));
  CHECK(s["requests"]["http5xx"]["503"] == 0);
  // The Deployment behind the Service answered every request: its latency is the run's.
  const nlohmann::json server = s["kubernetes"]["bench"]["workloads"]["default/server"]["latency_ms"];
  CHECK(server["p50"] == s["requests"]["latency_ms"]["p50"]);
  CHECK(server["p99"] == s["requests"]["latency_ms"]["p99"]);
  // No ready endpoint: every connection is refused (counted as 503); no ALB metric is written.
  o.sets.push_back("/kubernetes/0/objects/0/spec/replicas=0");
  REQUIRE(run_scenario(fixture("eks-mm1-ps.json"), dir.path() / "none", o) == 0);
  nlohmann::json none = summary_of(dir.path() / "none");
  CHECK(none["requests"]["ok"] == 0);
  CHECK(none["requests"]["http5xx"]["503"] == none["requests"]["total"]);
}

TEST_CASE("a service target names a Service of its cluster", "[eks][service][bad-input]") {
  TempDir dir;
  ScenarioOverrides o;
  o.sets = {R"(/workloads/0/target={"service": "default/sever", "cluster": "bench"})"};
  auto [code, err] = run_capturing(fixture("eks-mm1-ps.json"), dir.path() / "out", o);
  CHECK(code == 2);
  CHECK_THAT(err, Catch::Contains("/workloads/0/target/service"));
  CHECK_THAT(err, Catch::Contains("did you mean \"default/server\"?"));
}

namespace {

// The replica calculator for a Resource Utilization metric again, from a ScalingDecision's own inputs
// (kubernetes.io's algorithm, written apart from models/kubernetes/controllers so that the two check
// each other): ready pods' usage as a truncated percentage of their requests, and the slow path that
// fills missing pods (100 % of the request on a scale-down, 0 on a scale-up) and, on a scale-up,
// the pods set aside (0).
int redo_utilization(const nlohmann::json& metric, int current, double tolerance) {
  const int target = metric["target"]["averageUtilization"].get<int>();
  std::int64_t value = 0, request = 0;
  int ready = 0;
  std::vector<std::int64_t> missing, aside;
  for (const auto& p : metric["pods"]) {
    const std::string state = p["state"].get<std::string>();
    const std::int64_t r = p["request"].get<std::int64_t>();
    if (state == "ready") {
      value += p["value"].get<std::int64_t>();
      request += r;
      ++ready;
    } else if (state == "missing") {
      missing.push_back(r);
    } else if (state == "unready") {
      aside.push_back(r);
    }
  }
  auto ratio = [target](std::int64_t v, std::int64_t r) { return static_cast<double>(v * 100 / r) / target; };
  const double first = ratio(value, request);
  const bool within = std::abs(first - 1.0) <= tolerance;
  if (missing.empty() && (aside.empty() || first <= 1.0))
    return within ? current : static_cast<int>(std::ceil(first * ready));
  int counted = ready;
  for (std::int64_t r : missing) {
    if (first < 1.0) value += r * std::max(100, target) / 100;
    if (first != 1.0) request += r, ++counted;
  }
  if (first > 1.0)
    for (std::int64_t r : aside) request += r, ++counted;
  const double second = ratio(value, request);
  if (std::abs(second - 1.0) <= tolerance || (first < 1.0) != (second < 1.0)) return current;
  const int proposed = static_cast<int>(std::ceil(second * counted));
  if ((second < 1.0 && proposed > current) || (second > 1.0 && proposed < current)) return current;
  return proposed;
}

std::vector<nlohmann::json> hpa_decisions(const std::vector<nlohmann::json>& events) {
  std::vector<nlohmann::json> out;
  for (const auto& e : events)
    if (e["type"] == "ScalingDecision" && e["controller"] == "horizontal-pod-autoscaler") out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("the HPA scale-down example of kubernetes.io: 80 replicas fall by max(4, 10 %) a minute to 10",
          "[eks][hpa][known-answer]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-hpa-scale-down.json"), dir.path() / "out") == 0);
  // The docs' arithmetic: 10 % of the replicas (kept ones truncated) while that is 4 or more, 4 below 40.
  std::vector<int> expected;
  for (int r = 80; r > 10;) {
    r = std::max(10, std::min(r - 4, r * 9 / 10));
    expected.push_back(r);
  }
  std::vector<int> sizes;
  std::vector<double> times;
  for (const auto& e : events_of(dir.path() / "out")) {
    if (e["type"] != "KubernetesEvent" || e["reason"] != "SuccessfulRescale") continue;
    const std::string m = e["message"].get<std::string>();
    sizes.push_back(std::stoi(m.substr(std::string("New size: ").size())));
    times.push_back(e["t"].get<double>());
  }
  CHECK(sizes == expected);
  REQUIRE(expected.size() == 14);
  // The first after the 300-s window over the first sync's recommendation (80 at 15 s), then one a minute.
  CHECK(times.front() == 315);
  for (std::size_t i = 1; i < times.size(); ++i) CHECK(times[i] - times[i - 1] == 60);
}

TEST_CASE("every HPA ScalingDecision of eks-hpa.json is redone from its own inputs", "[eks][hpa]") {
  TempDir dir;
  REQUIRE(run_scenario(source_root() / "scenarios/eks-hpa.json", dir.path() / "out") == 0);
  const std::vector<nlohmann::json> decisions = hpa_decisions(events_of(dir.path() / "out"));
  REQUIRE(decisions.size() > 400);
  // The scenario's HPA: cpu at 50 %, 2..12 replicas, the default behavior (scale-down window 300 s; up by
  // max(100 %, 4 pods) per 15 s).
  std::vector<std::pair<double, int>> history{{15, 2}};  // recordInitialRecommendation at the first sync
  std::vector<std::pair<double, int>> ups;               // (t, pods added)
  int peak = 0, scale_ups = 0, scale_downs = 0;
  for (const auto& d : decisions) {
    INFO(d.dump());
    const double t = d["t"].get<double>();
    const int current = d["currentReplicas"].get<int>();
    const int proposed = redo_utilization(d["metrics"][0], current, d["tolerance"].get<double>());
    CHECK(d["metrics"][0]["proposedReplicas"] == proposed);
    CHECK(d["recommendation"] == proposed);
    int down = proposed;
    for (const auto& [at, r] : history)
      if (at > t - 300) down = std::max(down, r);
    const int stabilized = std::min(current > proposed ? current : proposed, down);
    CHECK(d["stabilized"] == stabilized);
    history.emplace_back(t, proposed);
    int added = 0;
    for (const auto& [at, n] : ups)
      if (at > t - 15) added += n;
    const int start = current - added;
    const int up_limit = std::max(current, std::max(start * 2, start + 4));
    const int desired = std::clamp(std::min(stabilized, up_limit), 2, 12);
    CHECK(d["desiredReplicas"] == desired);
    if (desired > current) ups.emplace_back(t, desired - current), ++scale_ups;
    if (desired < current) ++scale_downs;
    peak = std::max(peak, desired);
  }
  // The load (20, 60, 120 then 30 requests/s of 8 ms on 250m pods at 50 %) asks for 2, 4, 8 then 2-3 pods.
  CHECK(peak == 8);
  CHECK(scale_ups >= 2);
  CHECK(scale_downs >= 1);
}

TEST_CASE("an HPA naming a missing Deployment is an error at its scaleTargetRef", "[eks][hpa][bad-input]") {
  TempDir dir;
  std::ofstream(dir.path() / "hpa.yaml") << "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n"
                                            "metadata:\n  name: web\nspec:\n  scaleTargetRef:\n"
                                            "    kind: Deployment\n    name: wbe\n  maxReplicas: 4\n";
  std::ofstream(dir.path() / "scenario.json") << R"({"simulation": {"duration": "1m"}, "eksClusters": [{"name": "c"}],
            "kubernetes": [{"cluster": "c", "manifests": ["hpa.yaml"]}]})";
  auto [code, err] = run_capturing(dir.path() / "scenario.json", dir.path() / "out");
  CHECK(code == 2);
  CHECK_THAT(err, Catch::StartsWith("hpa.yaml:8:11: HorizontalPodAutoscaler default/web: /spec/scaleTargetRef/name: "
                                    "deployments.apps \"wbe\" not found"));
  CHECK(!std::filesystem::exists(dir.path() / "out"));

  // Applied by kubectlApply: refused before the run starts (an HPA changed mid-run is not simulated yet).
  std::ofstream(dir.path() / "later.json") << R"({"simulation": {"duration": "2m"}, "eksClusters": [{"name": "c"}],
            "timeline": [{"at": "1m", "action": "kubectlApply", "cluster": "c", "manifests": ["hpa.yaml"]}]})";
  auto [later_code, later_err] = run_capturing(dir.path() / "later.json", dir.path() / "out");
  CHECK(later_code == 2);
  CHECK_THAT(later_err, Catch::StartsWith("hpa.yaml:1:1: HorizontalPodAutoscaler default/web: applying a "
                                          "HorizontalPodAutoscaler during the run is not simulated"));
}

TEST_CASE("KEDA scales an idle Deployment to zero, activates it on SQS messages and the HPA follows the queue",
          "[eks][keda]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-keda-sqs.json"), dir.path() / "out") == 0);
  std::vector<std::pair<double, std::string>> keda;
  int last_size = -1;
  for (const auto& e : events_of(dir.path() / "out")) {
    if (e["type"] != "KubernetesEvent") continue;
    const std::string reason = e["reason"].get<std::string>();
    if (reason.rfind("KEDA", 0) == 0) keda.emplace_back(e["t"].get<double>(), reason);
    if (reason == "SuccessfulRescale")
      last_size = std::stoi(e["message"].get<std::string>().substr(std::string("New size: ").size()));
  }
  // The first poll (t = 0) finds the queue empty: never active, so no cooldown holds it. Messages arrive
  // every 2 s from 10 min; the poll at 630 s (every 30 s) sees them.
  REQUIRE(keda.size() == 2);
  CHECK(keda[0] == std::make_pair(0.0, std::string("KEDAScaleTargetDeactivated")));
  CHECK(keda[1] == std::make_pair(630.0, std::string("KEDAScaleTargetActivated")));
  // Nothing drains the queue: the HPA grows the Deployment to maxReplicaCount.
  CHECK(last_size == 20);
}

TEST_CASE("a ScaledObject with an unknown trigger is an error at the trigger's type", "[eks][keda][bad-input]") {
  TempDir dir;
  std::ofstream(dir.path() / "so.yaml") << "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: w\n"
                                           "spec:\n  scaleTargetRef:\n    name: w\n  triggers:\n"
                                           "    - type: kafka\n      metadata: {topic: t}\n";
  std::ofstream(dir.path() / "scenario.json") << R"({"simulation": {"duration": "1m"}, "eksClusters": [{"name": "c"}],
            "kubernetes": [{"cluster": "c", "manifests": ["so.yaml"]}]})";
  auto [code, err] = run_capturing(dir.path() / "scenario.json", dir.path() / "out");
  CHECK(code == 2);
  CHECK_THAT(err, Catch::StartsWith("so.yaml:9:13: ScaledObject default/w: /spec/triggers/0/type: unknown trigger "
                                    "type \"kafka\""));
}

TEST_CASE("metrics-server: a pod held at its 500m quota reads 500 millicores, its requests per 15-s window",
          "[eks][hpa][known-answer]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-hpa-saturated.json"), dir.path() / "out") == 0);
  const std::vector<nlohmann::json> decisions = hpa_decisions(events_of(dir.path() / "out"));
  // Running from 35.5 s; scraped at 45 and 60 s: the first metric (and the first decision) at 60 s. The ALB sends
  // nothing to a target before it is healthy (registered at 37.5 s, `initial` for the 10-s registration latency, then
  // one passing check 15 s later: healthy at 62.5 s), so the window ending at 60 s reads no work and the one ending
  // at 75 s part of it; every window from 75 to 90 s on is saturated.
  REQUIRE(decisions.size() == 16);
  CHECK(decisions.front()["t"] == 60);
  CHECK(decisions[0]["metrics"][0]["pods"][0]["value"] == 0);
  CHECK(decisions[1]["metrics"][0]["pods"][0]["value"] < 500);
  for (const auto& d : decisions) {
    if (d["t"].get<double>() < 90) continue;
    INFO(d.dump());
    CHECK(d["metrics"][0]["pods"][0]["value"] == 500);  // the CFS quota, exactly
    CHECK(d["metrics"][0]["usageRatio"] == 4.0);        // 200 % of the 250m request over a 50 % target
    // 3 requests/s, deterministic, and the ALB's health check every 15 s: 46 per window, 3.067/s rounded up.
    CHECK(d["metrics"][1]["pods"][0]["value"] == 3067);
    CHECK(d["recommendation"] == 4);
    CHECK(d["desiredReplicas"] == 1);
    CHECK(d["limitedBy"] == "TooManyReplicas");
  }
}

TEST_CASE("Container Insights: a pod held at 500m on a 2-vCPU node is 25 % of the node, as is the node",
          "[eks][known-answer]") {
  // Both are percentages of the node's CPU: pod_cpu_utilization = pod_cpu_usage_total / node_cpu_limit (CloudWatch
  // user guide, Container-Insights-reference-performance-entries-EKS) and node_cpu_utilization =
  // node_cpu_usage_total / node_cpu_limit (Container-Insights-metrics-EKS).
  // The pod of eks-hpa-saturated.json is busy at its 500m quota in every period from 120 s on; coredns beside
  // it is idle.
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-hpa-saturated.json"), dir.path() / "out") == 0);
  std::map<std::string, std::vector<double>> by_series;  // the Averages from the 180-s period on
  for (const CsvMetric& m : read_metrics(dir.path() / "out" / "metrics.csv")) {
    if (m.name_space != "ContainerInsights" || m.statistic != "Average" || m.timestamp < 180) continue;
    if (m.metric == "node_cpu_utilization") by_series["node"].push_back(m.value);
    if (m.metric == "pod_cpu_utilization")
      by_series[m.dimensions.find("PodName=server-") != std::string::npos ? "server" : "coredns"].push_back(m.value);
  }
  for (const char* series : {"node", "server", "coredns"}) REQUIRE(by_series[series].size() == 3);
  for (double v : by_series["node"]) CHECK(v == 25.0);
  for (double v : by_series["server"]) CHECK(v == 25.0);
  for (double v : by_series["coredns"]) CHECK(v == 0.0);
}

TEST_CASE("an HPA on an SQS queue's depth from CloudWatch proposes value / target x ready pods", "[eks][hpa]") {
  TempDir dir;
  REQUIRE(run_scenario(fixture("eks-hpa-external-sqs.json"), dir.path() / "out") == 0);
  const std::vector<nlohmann::json> decisions = hpa_decisions(events_of(dir.path() / "out"));
  REQUIRE(decisions.size() > 30);
  for (const auto& d : decisions) {
    INFO(d.dump());
    const nlohmann::json& m = d["metrics"][0];
    const double ratio = m["value"].get<double>() / 30000;
    CHECK(m["usageRatio"].get<double>() == Approx(ratio));
    const int current = d["currentReplicas"].get<int>();
    const int expected =
        std::abs(ratio - 1) <= 0.1 ? current : static_cast<int>(std::ceil(ratio * m["readyPods"].get<int>()));
    CHECK(m["proposedReplicas"] == expected);
  }
  // Nothing drains the queue: the Value target (ratio x ready pods) runs to maxReplicas.
  CHECK(decisions.back()["desiredReplicas"] == 30);

  const std::string text = read_file(fixture("eks-hpa-external-sqs.json"));
  std::ofstream(dir.path() / "bad.json") << text.substr(0, text.find("\"QueueName\": \"jobs\" } }"))
                                         << "\"QueueName\": \"jbos\" } }"
                                         << text.substr(text.find("\"QueueName\": \"jobs\" } }") + 24);
  auto [code, err] = run_capturing(dir.path() / "bad.json", dir.path() / "bad");
  CHECK(code == 2);
  CHECK_THAT(err, Catch::Contains("/kubernetes/0/objects/1/spec/metrics/0/external/metric/selector") &&
                      Catch::Contains("no CloudWatch metric AWS/SQS ApproximateNumberOfMessagesVisible"));
}

TEST_CASE("catalog.eks overrides EKS's constants: the control plane's price, metrics-server's resolution",
          "[eks][catalog]") {
  TempDir dir;
  ScenarioOverrides o;
  o.sets = {"/simulation/duration=\"30m\"", "/catalog/eks={\"controlPlaneUsdPerHour\": 0.6}"};
  REQUIRE(run_scenario(fixture("eks-mm1-ps.json"), dir.path() / "out", o) == 0);
  CHECK(summary_of(dir.path() / "out")["cost"]["eksUsd"].get<double>() == Approx(0.6 * 0.5));
  Catalog catalog = Catalog::built_in();
  CHECK(catalog.to_json("us-east-1")["eks"]["controlPlaneUsdPerHour"] == 0.10);
  catalog.apply_overrides(nlohmann::json::parse(R"({"eks": {"metricResolutionSeconds": 60, "corednsReplicas": 3}})"),
                          "/catalog");
  CHECK(catalog.eks.hpa.metric_resolution == Duration::seconds(60));
  CHECK(catalog.eks.coredns_replicas == 3);
  // An out-of-range value is refused at its path, exit 2.
  o.sets = {"/catalog/eks={\"controlPlaneUsdPerHour\": -1}"};
  auto [code, err] = run_capturing(fixture("eks-mm1-ps.json"), dir.path() / "bad", o);
  CHECK(code == 2);
  CHECK(err.find("/catalog/eks/controlPlaneUsdPerHour") != std::string::npos);
}
