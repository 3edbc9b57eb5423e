// comparison.csv and best.json on hand-computed sweep.csv rows, and metric paths into summary.json.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/experiments/tables.hpp"

using namespace fleetsim::experiments;
using nlohmann::json;

namespace {

// Two variants of one parameter on seeds 1, 2, 3; metric "latency" and "cost". Rows as sweep.csv would hold them:
//   v0 (baseline): latency 10, 12, 14   cost 5, 5, 5
//   v1:            latency 11, 14, 15   cost 3, 4, 5 (seed 3 failed in a third variant, below)
Plan two_variants() {
  Plan plan;
  plan.parameters = {"/services/0/desiredCount"};
  plan.seeds = {1, 2, 3};
  plan.variants = {{"v0", {{"/services/0/desiredCount", 4}}}, {"v1", {{"/services/0/desiredCount", 8}}}};
  plan.baseline = 0;
  return plan;
}

std::vector<RunRecord> rows() {
  return {{0, "", {10.0, 5.0}}, {0, "", {12.0, 5.0}}, {0, "", {14.0, 5.0}},
          {0, "", {11.0, 3.0}}, {0, "", {14.0, 4.0}}, {0, "", {15.0, 5.0}}};
}

}  // namespace

TEST_CASE("comparison.csv from hand-computed rows", "[tables]") {
  // v0 latency: mean 12, sd 2, 95 % interval 12 -+ 4.302653 * 2 / sqrt 3 = [7.031725, 16.968275].
  // v1 latency: mean 40/3, sd sqrt(13/3) = 2.081666; paired differences 1, 2, 1: mean 4/3, sd sqrt(1/3),
  // interval 4/3 -+ 1.434218. Cost of v0 has sd 0: the interval collapses to the mean.
  std::string csv = comparison_csv(two_variants(), {"latency", "cost"}, rows());
  std::vector<std::string> lines;
  for (std::size_t at = 0, end; (end = csv.find('\n', at)) != std::string::npos; at = end + 1) {
    lines.push_back(csv.substr(at, end - at));
  }
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] ==
        "variant,/services/0/desiredCount,metric,n,mean,sd,ciLow,ciHigh,diffN,diffMean,diffSd,diffCiLow,diffCiHigh");
  CHECK(lines[1].rfind("v0,4,latency,3,12,2,7.0317", 0) == 0);
  CHECK(lines[1].find(",16.9682") != std::string::npos);
  CHECK(lines[1].substr(lines[1].size() - 10) == ",3,0,0,0,0");
  CHECK(lines[2] == "v0,4,cost,3,5,0,5,5,3,0,0,0,0");
  CHECK(lines[3].rfind("v1,8,latency,3,13.33333333333333", 0) == 0);

  auto cells = [](const std::string& line) {
    std::vector<double> out;
    std::size_t at = line.find(",latency,") + 9;
    while (at < line.size()) {
      std::size_t end = line.find(',', at);
      if (end == std::string::npos) end = line.size();
      out.push_back(std::stod(line.substr(at, end - at)));
      at = end + 1;
    }
    return out;
  };
  std::vector<double> v1 = cells(lines[3]);  // n mean sd low high | n mean sd low high
  REQUIRE(v1.size() == 10);
  CHECK(v1[2] == Approx(std::sqrt(13.0 / 3)));
  CHECK(v1[3] == Approx(40.0 / 3 - 4.302653 * std::sqrt(13.0 / 3) / std::sqrt(3.0)).margin(1e-5));
  CHECK(v1[5] == 3);
  CHECK(v1[6] == Approx(4.0 / 3));
  CHECK(v1[8] == Approx(4.0 / 3 - 1.434218).margin(1e-6));
  CHECK(v1[9] == Approx(4.0 / 3 + 1.434218).margin(1e-6));
}

TEST_CASE("best.json: constraints hold over the whole interval, then the lowest mean", "[tables]") {
  Plan plan = two_variants();
  Constraint under_16{"latency", std::nullopt, 16.0, ""};
  // v0's latency mean (12) and v1's (13.3) are both under 16, but v0's interval reaches 16.97 and v1's 18.5:
  // neither holds at 95 % confidence.
  json best = best_json(plan, {"latency", "cost"}, rows(), {{under_16}, "cost"});
  CHECK(best["feasible"] == json::array());
  CHECK(best["best"].is_null());
  // Under 19 both hold; v1 costs less on average (4 against 5).
  Constraint under_19{"latency", std::nullopt, 19.0, ""};
  best = best_json(plan, {"latency", "cost"}, rows(), {{under_19}, "cost"});
  CHECK(best["feasible"] == json::array({"v0", "v1"}));
  CHECK(best["best"]["variant"] == "v1");
  CHECK(best["best"]["mean"] == 4.0);
  // A variant with a failed seed is never recommended.
  std::vector<RunRecord> failed = rows();
  failed[4] = {2, "bad value", {std::nullopt, std::nullopt}};
  best = best_json(plan, {"latency", "cost"}, failed, {{under_19}, "cost"});
  CHECK(best["best"]["variant"] == "v0");
}

TEST_CASE("sweep.csv rows: a failed run keeps its exit code and message, quoted", "[tables]") {
  std::vector<RunRecord> r = rows();
  r[5] = {2, "scenario.json:4:5: /a: expected \"x\", got y", {std::nullopt, std::nullopt}};
  std::string csv = sweep_csv(two_variants(), {"latency", "cost"}, r);
  CHECK(csv.find("variant,/services/0/desiredCount,seed,exitCode,message,latency,cost\n") == 0);
  CHECK(csv.find("v0,4,1,0,,10,5\n") != std::string::npos);
  CHECK(csv.find("v1,8,3,2,\"scenario.json:4:5: /a: expected \"\"x\"\", got y\",,\n") != std::string::npos);
}

TEST_CASE("metric paths into summary.json", "[tables]") {
  json s = json::parse(R"({"requests": {"total": 7, "http5xx": {"502": 1, "503": 2, "504": 3},
                            "latency_ms": {"p99": 120.5, "p99.9": 300}},
                           "services": {"web.api": {"tasks": {"peakRunning": 9}}}})");
  CHECK(metric_value(s, "requests.total") == 7.0);
  CHECK(metric_value(s, "requests.latency_ms.p99") == 120.5);
  CHECK(metric_value(s, "requests.latency_ms.p99.9") == 300.0);
  CHECK(metric_value(s, "requests.http5xx") == 6.0);
  CHECK(metric_value(s, "requests.http5xx.503") == 2.0);
  CHECK(metric_value(s, "services.web.api.tasks.peakRunning") == 9.0);
  CHECK_FALSE(metric_value(s, "requests.latency_ms.p42"));
  CHECK_FALSE(metric_value(s, "requests"));
  CHECK(default_metrics(s).size() == 5 + 2 + 5);
}

TEST_CASE("an EKS run's default metrics: nodes per cluster, p99 per Deployment outside kube-system", "[tables]") {
  json s = json::parse(R"({"kubernetes": {"prod": {
      "workloads": {"kube-system/coredns": {"latency_ms": {"p99": 0}}, "shop/web": {"latency_ms": {"p99": 92.5}}},
      "nodes": {"peak": 3, "mean": 2.5}}}})");
  std::vector<std::string> metrics = default_metrics(s);
  std::vector<std::string> eks(metrics.begin() + 5, metrics.end() - 5);
  CHECK(eks == std::vector<std::string>{"kubernetes.prod.nodes.peak", "kubernetes.prod.nodes.mean",
                                        "kubernetes.prod.workloads.shop/web.latency_ms.p99"});
  CHECK(metric_value(s, eks[1]) == 2.5);
  CHECK(metric_value(s, eks[2]) == 92.5);
}
