// Queueing known answers for tasks that serve one request at a time (x-fleetsim.maxConcurrency 1):
// Poisson arrivals, exponential demand, 1-vCPU Fargate tasks, through workload -> ALB -> tasks.
// Every reference value is computed here from its formula.

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/scenarios/response_batches.hpp"
#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

// Checks allow 4 standard errors. With 20-50 near-independent batches or replications, Student's t
// puts a false alarm at about one seed in 1,000 to 4,000, and none of the runs here is near it.
constexpr double kSigmas = 4;

/// A sample mean and its standard error.
struct Estimate {
  double mean = 0, se = 0;
};

/// Mean and standard error of independent (or near-independent) observations.
Estimate estimate(const std::vector<double>& xs) {
  double n = static_cast<double>(xs.size());
  Estimate e;
  for (double x : xs) e.mean += x;
  e.mean /= n;
  double var = 0;
  for (double x : xs) var += (x - e.mean) * (x - e.mean);
  e.se = std::sqrt(var / (n - 1) / n);
  return e;
}

/// Element-wise a - b (batches of two runs aligned in time).
std::vector<double> differences(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) d.push_back(a[i] - b[i]);
  return d;
}

// Erlang C: probability that an arrival waits in M/M/n with offered load a = lambda/mu < n. Built
// from the Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)), which never forms a^n or n!.
double erlang_c(int n, double a) {
  double b = 1;
  for (int k = 1; k <= n; ++k) b = a * b / (k + a * b);
  return n * b / (n - a * (1 - b));
}

// Mean response time of M/M/n FCFS (one queue feeding n servers): C(n, a)/(n mu - lambda) + 1/mu.
double mmn_mean_response(int n, double lambda, double mu) {
  return erlang_c(n, lambda / mu) / (n * mu - lambda) + 1 / mu;
}

// GI/M/1: sigma is the root in (0, 1) of sigma = A~(mu (1 - sigma)), A~ the Laplace transform of the
// interarrival time. For Erlang-k interarrivals of stage rate `stage_rate`, A~(s) = (r/(r + s))^k.
// g(sigma) = A~(mu (1 - sigma)) - sigma is positive on [0, sigma) and negative on (sigma, 1) when the
// load is below 1 (g(1) = 0 with slope 1/rho - 1 > 0), so bisection on [0, 1] keeps g(lo) > 0 >= g(hi).
double erlang_gm1_sigma(int k, double stage_rate, double mu) {
  auto g = [&](double sigma) {
    double ratio = stage_rate / (stage_rate + mu * (1 - sigma));
    double transform = 1;
    for (int i = 0; i < k; ++i) transform *= ratio;
    return transform - sigma;
  };
  double lo = 0, hi = 1;
  for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
    double mid = (lo + hi) / 2;
    (g(mid) > 0 ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// Mean response time of E_k/M/1 FCFS: 1 / (mu (1 - sigma)).
double ekm1_mean_response(int k, double stage_rate, double mu) {
  return 1 / (mu * (1 - erlang_gm1_sigma(k, stage_rate, mu)));
}

// tests/scenarios/fixtures/fcfs-4-tasks.json.
constexpr int kTasks = 4;
constexpr double kLambda = 150;      // requests/s into the load balancer
constexpr double kMu = 1000.0 / 20;  // 1/s: exponential demand of mean 20 ms at 1 vCPU

/// Batch means (ms) of one 4-task run with `sets` applied.
std::vector<double> run_four_tasks(const std::vector<std::string>& sets) {
  TempDir dir;
  ScenarioOverrides o;
  o.sets = sets;
  REQUIRE(run_scenario(source_root() / "tests/scenarios/fixtures/fcfs-4-tasks.json", dir.path() / "out", o) == 0);
  return batch_means(read_metrics(dir.path() / "out" / "metrics.csv"), 300, 5);
}

std::string algorithm(const std::string& name) { return "/targetGroups/0/Attributes/0/Value=\"" + name + "\""; }

}  // namespace

TEST_CASE("The reference formulas reduce to M/M/1 with one server", "[known-answer][queueing]") {
  // Guards the reference computations themselves: with one server, Erlang C is rho and sigma of
  // E_1/M/1 (Poisson arrivals) is rho, so both means become 1/(mu - lambda).
  const double lambda = 37.5, mu = 50, rho = lambda / mu;
  CHECK(erlang_c(1, rho) == Approx(rho).epsilon(1e-12));
  CHECK(erlang_gm1_sigma(1, lambda, mu) == Approx(rho).epsilon(1e-12));
  CHECK(mmn_mean_response(1, lambda, mu) == Approx(1 / (mu - lambda)).epsilon(1e-12));
  CHECK(ekm1_mean_response(1, lambda, mu) == Approx(1 / (mu - lambda)).epsilon(1e-12));
  // Two servers in closed form: C(2, a) = a^2 / (2 + a).
  CHECK(erlang_c(2, 1.5) == Approx(1.5 * 1.5 / 3.5).epsilon(1e-12));
}

TEST_CASE("One task with maxConcurrency 1 is M/M/1 FCFS: exponential response time of rate mu - lambda",
          "[known-answer][queueing]") {
  // tests/scenarios/fixtures/mm1-fcfs.json: Poisson 37.5/s, exponential demand of mean 20 ms, one
  // request at a time, so rho = 0.75 and the response time is exponential with rate mu - lambda:
  // mean 80 ms, q-quantile -ln(1 - q)/(mu - lambda).
  const double lambda = 37.5, mu = kMu;
  const double mean_ms = 1000 / (mu - lambda);
  // Whole-run quantiles come from summary.json (a sketch over all requests), so the standard error
  // comes from independent replications (seeds) rather than batches of one run. 25 replications of
  // 2 h, about 270,000 requests each. Each starts with the task booting (~2 s of 503s, which are not
  // timed) and an empty queue, which relaxes in about 1/(mu (1 - sqrt(rho))^2) = 1.1 s: the few
  // seconds affected are under 0.1% of the requests and move no statistic by more than about 0.1%.
  constexpr int kReplications = 25;
  std::vector<double> means, p50, p90, p99;
  for (int r = 0; r < kReplications; ++r) {
    TempDir dir;
    ScenarioOverrides o;
    o.seed = 1000 + static_cast<std::uint64_t>(r);
    o.duration = "2h";
    REQUIRE(run_scenario(source_root() / "tests/scenarios/fixtures/mm1-fcfs.json", dir.path() / "out", o) == 0);
    nlohmann::json s = nlohmann::json::parse(read_file(dir.path() / "out" / "summary.json"));
    const nlohmann::json& latency = s["requests"]["latency_ms"];
    means.push_back(latency["mean"].get<double>());
    p50.push_back(latency["p50"].get<double>());
    p90.push_back(latency["p90"].get<double>());
    p99.push_back(latency["p99"].get<double>());
  }

  // The mean is exact over all requests: 4 standard errors, and that error under 1% of the answer
  // so that a 5% error in either rate would fail.
  Estimate m = estimate(means);
  INFO("mean: simulated " << m.mean << " ms, expected " << mean_ms << " ms, standard error " << m.se << " ms");
  CHECK(m.se < 0.01 * mean_ms);
  CHECK(std::abs(m.mean - mean_ms) < kSigmas * m.se);

  // The sketch reports each quantile within a relative error a = 0.5% of the sample quantile. That
  // is a bias of at most a, and it can also shrink the spread between replications by up to a (times
  // the quantile) per replication, i.e. 4 a / sqrt(25) = 0.8 a on 4 standard errors. Hence the
  // tolerance 4 SE + 2 a x expected. The standard error must stay under 1.5% of the answer, so a 5%
  // error in either rate (which moves every quantile by 5% x mu/(mu - lambda) = 20% here) would fail.
  const double a = 0.005;
  struct Quantile {
    double q;
    const std::vector<double>& values;
  };
  for (const Quantile& qv : {Quantile{0.5, p50}, Quantile{0.9, p90}, Quantile{0.99, p99}}) {
    const double expected = -std::log(1 - qv.q) * mean_ms;
    Estimate e = estimate(qv.values);
    INFO("p" << qv.q * 100 << ": simulated " << e.mean << " ms, expected " << expected << " ms, standard error " << e.se
             << " ms");
    CHECK(e.se < 0.015 * expected);
    CHECK(std::abs(e.mean - expected) < kSigmas * e.se + 2 * a * expected);
  }
}

TEST_CASE(
    "Four tasks with maxConcurrency 1: M/M/4 < least_outstanding_requests < round_robin (E4/M/1) < weighted_random "
    "(M/M/1)",
    "[known-answer][queueing]") {
  // tests/scenarios/fixtures/fcfs-4-tasks.json: 4 tasks, Poisson 150/s, exponential demand of mean
  // 20 ms, one request at a time per task: rho = 0.75 per task.
  //   weighted_random splits the Poisson stream at random, so each task is M/M/1 with lambda/4.
  //   round_robin gives each task every 4th arrival: Erlang-4 interarrivals of stage rate lambda, so
  //     each task is E4/M/1, whose mean response is 1/(mu (1 - sigma)).
  //   least_outstanding_requests joins the shortest queue: no closed form, but it does no better than
  //     one queue feeding all four tasks (M/M/4, which never idles a task while a request waits) and
  //     better than round_robin, which ignores queue lengths.
  //   One task of 4 vCPUs with maxConcurrency 4 is that single queue, M/M/4, checked against Erlang C.
  const double mm1 = 1000 / (kMu - kLambda / kTasks);
  const double ekm1 = 1000 * ekm1_mean_response(kTasks, kLambda, kMu);
  const double mmn = 1000 * mmn_mean_response(kTasks, kLambda, kMu);
  // The references are far apart (30.2, 53.0 and 80 ms); the checks below need them to be.
  REQUIRE(mmn < ekm1);
  REQUIRE(ekm1 < mm1);

  // 4 simulated hours per run, ~2.2 million requests. The first 5 minutes (tasks starting within
  // ~2 s, queues filling) are dropped; the remaining 235 minutes form 47 batches of 5 minutes, each
  // hundreds of relaxation times of a rho = 0.75 queue (about 1 s), so batch means are close to
  // independent. All runs share the seed, hence the arrivals and demands (common random numbers):
  // differences between two algorithms are estimated from batch-by-batch differences, whose spread
  // gives their own honest standard error.
  std::vector<double> random = run_four_tasks({algorithm("weighted_random")});
  std::vector<double> robin = run_four_tasks({algorithm("round_robin")});
  std::vector<double> least = run_four_tasks({algorithm("least_outstanding_requests")});
  std::vector<double> pooled = run_four_tasks({"/taskDefinitions/0/cpu=\"4096\"", "/taskDefinitions/0/memory=\"8192\"",
                                               "/taskDefinitions/0/containerDefinitions/0/x-fleetsim/maxConcurrency=4",
                                               "/services/0/desiredCount=1"});
  for (const auto* runs : {&random, &robin, &least, &pooled}) REQUIRE(runs->size() == 47);

  // Known answers: within 4 standard errors, and that error under 1% of the answer, so a wrong model
  // by a few percent would fail. The smallest gap asserted below (M/M/4 to JSQ, about 3.5 ms) is more
  // than 10 such standard errors.
  struct Known {
    const char* name;
    const std::vector<double>& batches;
    double expected;
  };
  for (const Known& k : {Known{"weighted_random (M/M/1)", random, mm1}, Known{"round_robin (E4/M/1)", robin, ekm1},
                         Known{"one 4-vCPU task (M/M/4)", pooled, mmn}}) {
    Estimate e = estimate(k.batches);
    INFO(k.name << ": simulated " << e.mean << " ms, expected " << k.expected << " ms, standard error " << e.se
                << " ms");
    CHECK(e.se < 0.01 * k.expected);
    CHECK(std::abs(e.mean - k.expected) < kSigmas * e.se);
  }

  // The order: each gap at least 4 standard errors of the paired difference away from zero.
  Estimate lor = estimate(least);
  INFO("least_outstanding_requests: " << lor.mean << " ms, standard error " << lor.se << " ms; M/M/4 bound " << mmn
                                      << " ms");
  CHECK(lor.se < 0.01 * lor.mean);
  CHECK(lor.mean - mmn > kSigmas * lor.se);
  struct Gap {
    const char* name;
    const std::vector<double>& lower;
    const std::vector<double>& higher;
  };
  for (const Gap& g : {Gap{"least_outstanding_requests - one 4-vCPU task", pooled, least},
                       Gap{"round_robin - least_outstanding_requests", least, robin},
                       Gap{"weighted_random - round_robin", robin, random}}) {
    Estimate d = estimate(differences(g.higher, g.lower));
    INFO(g.name << ": " << d.mean << " ms, standard error " << d.se << " ms");
    CHECK(d.mean > kSigmas * d.se);
  }
}

namespace {

/// Outputs of tests/scenarios/fixtures/ec2-task-cpu-limit.json with `sets` applied.
std::filesystem::path run_alone_on_m5_xlarge(const TempDir& dir, std::vector<std::string> sets, bool capped) {
  ScenarioOverrides o;
  if (capped) sets.push_back("/taskDefinitions/0/cpu=\"1024\"");
  o.sets = sets;
  REQUIRE(run_scenario(source_root() / "tests/scenarios/fixtures/ec2-task-cpu-limit.json", dir.path() / "out", o) == 0);
  return dir.path() / "out" / "metrics.csv";
}

/// Mean of the service's per-minute CPUUtilization averages after `warmup_s`.
double mean_cpu_utilization(const std::vector<CsvMetric>& rows, std::int64_t warmup_s) {
  double sum = 0, n = 0;
  for (const CsvMetric& m : rows) {
    if (m.metric != "CPUUtilization" || m.statistic != "Average" || m.timestamp <= warmup_s) continue;
    sum += m.value;
    ++n;
  }
  return n > 0 ? sum / n : -1;
}

}  // namespace

TEST_CASE("Task-level cpu on EC2 is a hard limit: a capped task alone on 4 vCPUs is M/M/1-PS on 1 vCPU",
          "[known-answer][queueing]") {
  // ECS task definition reference, Task size, `cpu`: on Linux EC2 instances task-level CPU is "the hard
  // limit of CPU units to present for the task" (a CFS quota); container-level `cpu` is a relative
  // share (aws-facts §4: unallocated CPU is shared in proportion to reservations).
  // tests/scenarios/fixtures/ec2-task-cpu-limit.json: one task alone on an m5.xlarge, Poisson 35/s,
  // exponential demand of mean s = 20 ms, each request using at most one vCPU.
  //   Task-level cpu 1024: the task has 1 vCPU, so it is M/M/1-PS: s / (1 - rho), rho = 0.7.
  //   Container-level cpu 1024 only: the task may use the 4 idle vCPUs. Processor sharing in which each
  //     of n requests gets min(1, 4/n) vCPUs has the birth-death chain of M/M/4, so by Little's law the
  //     same mean response as M/M/4 FCFS (Erlang C).
  const double lambda = 35, rho = lambda / kMu;
  const double capped_ms = 1000 / kMu / (1 - rho);
  const double idle_ms = 1000 * mmn_mean_response(4, lambda, kMu);
  REQUIRE(idle_ms < 0.5 * capped_ms);

  // As in the M/M/1-PS test (test_known_answers.cpp): 2 h, the first 5 minutes dropped, 23 batches of
  // 5 minutes, each hundreds of relaxation times long.
  for (bool capped : {true, false}) {
    TempDir dir;
    std::vector<double> batches = batch_means(read_metrics(run_alone_on_m5_xlarge(dir, {}, capped)), 300, 5);
    REQUIRE(batches.size() == 23);
    const double expected = capped ? capped_ms : idle_ms;
    Estimate e = estimate(batches);
    INFO((capped ? "task-level cpu 1024 (M/M/1-PS)" : "container-level cpu only (M/M/4)")
         << ": simulated " << e.mean << " ms, expected " << expected << " ms, standard error " << e.se << " ms");
    CHECK(e.se < 0.02 * expected);
    CHECK(std::abs(e.mean - expected) < kSigmas * e.se);
  }
}

TEST_CASE("CPUUtilization of a task over its hard limit stays at 100 %; without one it passes 100 %",
          "[known-answer][queueing]") {
  // ECS developer guide, CloudWatch metrics: service CPUUtilization = CPU units used by the service's
  // tasks / CPU units reserved by them x 100, which "can exceed 100%" only when CPU is set at container
  // level (aws-facts §1.3). 100 requests/s of 20 ms offer 2 vCPUs of work to a task reserving 1: capped,
  // it is busy on its 1 vCPU (100 %); uncapped, it takes 2 of the 4 idle vCPUs (200 %).
  // Health checks off: an overloaded task fails them (they queue behind its requests), and while ECS replaces
  // it the old task drains (its connections idle out) beside the new one, both reserving CPU, which would
  // lower the service's figure for reasons other than the limit.
  const std::vector<std::string> overload = {"/simulation/duration=\"20m\"", "/workloads/0/arrivals/rate=100",
                                             "/workloads/0/request/timeout=\"30s\"",
                                             "/targetGroups/0/HealthCheckEnabled=false"};
  TempDir capped_dir, idle_dir;
  const double capped = mean_cpu_utilization(read_metrics(run_alone_on_m5_xlarge(capped_dir, overload, true)), 300);
  const double idle = mean_cpu_utilization(read_metrics(run_alone_on_m5_xlarge(idle_dir, overload, false)), 300);
  CHECK(capped == Approx(100).margin(0.5));
  CHECK(idle == Approx(200).margin(10));
}
