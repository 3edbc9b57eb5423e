// Several target groups behind one listener's rules, end to end: ECS services behind CreateRule path and host
// rules, and two Services behind an IngressGroup's rules (group.order, Prefix paths), each getting the share of the
// requests the workload's path weights give it, and each Deployment's summary latency from its own requests; bad rules
// and a missing backend Service located in the file.

#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/scenarios/run_in_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

nlohmann::json load(const std::filesystem::path& file) {
  return nlohmann::json::parse(read_file(file), nullptr, true, /*ignore_comments=*/true);
}

// RequestCount summed over the run for the target groups whose name starts with `prefix`.
double request_count(const std::filesystem::path& out, const std::string& prefix) {
  double sum = 0;
  for (const CsvMetric& m : read_metrics(out / "metrics.csv")) {
    if (m.metric == "RequestCount" && m.statistic == "Sum" &&
        m.dimensions.find("TargetGroup=" + prefix) != std::string::npos)
      sum += m.value;
  }
  return sum;
}

// Runs `scenario` (written to `dir`) in process; returns its exit code and what it wrote to stderr.
std::pair<int, std::string> run_json(const TempDir& dir, const nlohmann::json& scenario) {
  const std::filesystem::path file = dir.path() / "scenario.json";
  std::ofstream(file) << scenario.dump(2);
  std::ostringstream err;
  std::streambuf* old = std::cerr.rdbuf(err.rdbuf());
  int code = run_scenario(file, dir.path() / "out");
  std::cerr.rdbuf(old);
  return {code, err.str()};
}

const std::filesystem::path kEcs = source_root() / "tests/scenarios/fixtures/alb-path-rules.json";
const std::filesystem::path kEks = source_root() / "scenarios/eks-ingress-paths.json";

}  // namespace

TEST_CASE("ECS services behind listener rules get the requests their paths match", "[alb][rules]") {
  TempDir dir;
  REQUIRE(run_scenario(kEcs, dir.path() / "out") == 0);
  // /api/orders?page=2 (weight 3) matches /api/*; /API/orders (paths are case-sensitive) and / do not; the host rule
  // of priority 5 (admin.example.com) never holds for SHOP.example.com, so nothing gets its 403.
  const double api = request_count(dir.path() / "out", "api"), web = request_count(dir.path() / "out", "storefront");
  INFO("api " << api << ", storefront " << web);
  REQUIRE(api + web > 80000);
  CHECK(api / (api + web) == Approx(0.6).margin(0.01));
  nlohmann::json summary = nlohmann::json::parse(read_file(dir.path() / "out/summary.json"));
  CHECK_FALSE(summary["requests"].contains("fixedResponse"));
}

TEST_CASE("a host rule of a lower priority number wins over a path rule", "[alb][rules]") {
  TempDir dir;
  nlohmann::json s = load(kEcs);
  s["workloads"][0]["request"]["host"] = "Admin.Example.com";  // hosts match without case
  REQUIRE(run_json(dir, s).first == 0);
  nlohmann::json summary = nlohmann::json::parse(read_file(dir.path() / "out/summary.json"));
  // The /api/ requests (60 %) get the priority-5 rule's fixed 403; the others still reach the storefront.
  const double fixed = summary["requests"]["fixedResponse"].get<double>();
  const double total = summary["requests"]["total"].get<double>();
  CHECK(fixed / total == Approx(0.6).margin(0.01));
  CHECK(request_count(dir.path() / "out", "api") == 0);
}

TEST_CASE("two Services behind one IngressGroup split the requests as the paths' weights give it", "[eks][rules]") {
  TempDir dir;
  REQUIRE(run_scenario(kEks, dir.path() / "out") == 0);
  // group.order puts shop-api's /api (Prefix: /api and /api/*) before the catch-all: /api/orders (weight 3) goes to
  // the API, /apix and /index.html (1 each) to the storefront.
  const double api = request_count(dir.path() / "out", "k8s-default-api-");
  const double web = request_count(dir.path() / "out", "k8s-default-storefro-");
  INFO("api " << api << ", storefront " << web);
  REQUIRE(api + web > 150000);
  CHECK(api / (api + web) == Approx(0.6).margin(0.01));

  // With shop-api ordered after the catch-all (group.order 20 against 10), shop-catchall's /* comes first and takes
  // everything. (Without any group.order they go by namespace/name, and shop-api sorts first.)
  TempDir plain;
  nlohmann::json s = load(kEks);
  s["kubernetes"][0]["objects"][5]["metadata"]["annotations"]["alb.ingress.kubernetes.io/group.order"] = "20";
  REQUIRE(run_json(plain, s).first == 0);
  CHECK(request_count(plain.path() / "out", "k8s-default-api-") == 0);
  CHECK(request_count(plain.path() / "out", "k8s-default-storefro-") > 150000);
}

namespace {

// Clients of one path of eks-ingress-paths.json as a workload of their own: Poisson `rate`/s of exponential requests
// of `cpu_ms` mean.
nlohmann::json clients_of(const std::string& name, const std::string& path, double rate, double cpu_ms) {
  return {{"name", name},
          {"target", {{"ingress", "default/shop-api"}, {"cluster", "shop"}}},
          {"arrivals", {{"process", "poisson"}, {"rate", rate}}},
          {"request", {{"cpuMs", {{"dist", "exponential"}, {"mean", cpu_ms}}}, {"timeout", "30s"}, {"path", path}}}};
}

// summary.json's kubernetes entry of the Deployment `name` of eks-ingress-paths.json's cluster.
nlohmann::json workload_of(const std::filesystem::path& out, const std::string& name) {
  return nlohmann::json::parse(read_file(out / "summary.json"))["kubernetes"]["shop"]["workloads"]["default/" + name];
}

}  // namespace

TEST_CASE("each Deployment behind an IngressGroup reports the latency of the requests its own pods answered",
          "[eks][rules][summary]") {
  // 40/s to /api/orders (the API's 3 pods) and 20/s to /index.html (the storefront's 2), each 1 vCPU on Fargate.
  // Slow API requests (40 ms: rho 0.53 a pod) and quick storefront ones (10 ms: rho 0.1) give the API the higher
  // median; the same load with the request sizes swapped (10 ms: rho 0.13; 40 ms: rho 0.4) gives the storefront it.
  auto run = [](const TempDir& dir, double api_ms, double web_ms) {
    nlohmann::json s = load(kEks);
    s["workloads"] = {clients_of("api-clients", "/api/orders", 40, api_ms),
                      clients_of("web-clients", "/index.html", 20, web_ms)};
    REQUIRE(run_json(dir, s).first == 0);
    return std::pair{workload_of(dir.path() / "out", "api"), workload_of(dir.path() / "out", "storefront")};
  };
  TempDir slow_api, slow_web;
  auto [api, web] = run(slow_api, 40, 10);
  INFO("api " << api.dump() << ", storefront " << web.dump());
  // The fields an ECS service has under the same name, and the spec's replicas and restarts.
  CHECK(api["replicas"] == 3);
  CHECK(api["restarts"] == 0);
  CHECK(api["latency_ms"].size() == 2);
  CHECK(api["latency_ms"]["p50"].get<double>() > 3 * web["latency_ms"]["p50"].get<double>());
  CHECK(api["latency_ms"]["p99"].get<double>() > web["latency_ms"]["p99"].get<double>());
  // Each target group routed its own workload's requests; with the 503s the ALB answered itself while no pod was
  // ready yet (Fargate's start), they add up to the run's.
  nlohmann::json summary = nlohmann::json::parse(read_file(slow_api.path() / "out/summary.json"));
  const double api_count = request_count(slow_api.path() / "out", "k8s-default-api-");
  const double web_count = request_count(slow_api.path() / "out", "k8s-default-storefro-");
  const double refused = summary["requests"]["http5xx"]["503"].get<double>();
  CHECK(refused < 0.05 * summary["requests"]["total"].get<double>());
  CHECK(api_count + web_count + refused == summary["requests"]["total"].get<double>());
  CHECK(api_count / (api_count + web_count) == Approx(2.0 / 3).margin(0.01));
  const double all_p50 = summary["requests"]["latency_ms"]["p50"].get<double>();
  CHECK(web["latency_ms"]["p50"].get<double>() < all_p50);
  CHECK(all_p50 < api["latency_ms"]["p50"].get<double>());

  auto [fast_api, slow_web_entry] = run(slow_web, 10, 40);
  INFO("swapped: api " << fast_api.dump() << ", storefront " << slow_web_entry.dump());
  CHECK(slow_web_entry["latency_ms"]["p50"].get<double>() > 3 * fast_api["latency_ms"]["p50"].get<double>());

  // With the API's clients alone, its latencies are the run's (the same requests), and the storefront has none.
  TempDir api_only;
  nlohmann::json s = load(kEks);
  s["workloads"] = {clients_of("api-clients", "/api/orders", 40, 40)};
  REQUIRE(run_json(api_only, s).first == 0);
  nlohmann::json alone = nlohmann::json::parse(read_file(api_only.path() / "out/summary.json"));
  const nlohmann::json api_alone = workload_of(api_only.path() / "out", "api")["latency_ms"];
  CHECK(api_alone["p50"] == alone["requests"]["latency_ms"]["p50"]);
  CHECK(api_alone["p99"] == alone["requests"]["latency_ms"]["p99"]);
  CHECK(workload_of(api_only.path() / "out", "storefront")["latency_ms"]["p50"] == 0);
}

TEST_CASE("bad listener rules and Ingress backends are errors at their place", "[alb][rules][eks]") {
  SECTION("two rules of one priority") {
    TempDir dir;
    nlohmann::json s = load(kEcs);
    s["loadBalancers"][0]["Listeners"][0]["Rules"][1]["Priority"] = 10;
    auto [code, err] = run_json(dir, s);
    CHECK(code == 2);
    CHECK(err.find("/loadBalancers/0/Listeners/0/Rules/1/Priority: listener \"lb:80\" already has a rule of "
                   "priority 10") != std::string::npos);
  }
  SECTION("an unknown condition field") {
    TempDir dir;
    nlohmann::json s = load(kEcs);
    s["loadBalancers"][0]["Listeners"][0]["Rules"][0]["Conditions"][0]["Field"] = "path-patern";
    auto [code, err] = run_json(dir, s);
    CHECK(code == 2);
    CHECK(err.find("/loadBalancers/0/Listeners/0/Rules/0/Conditions/0/Field") != std::string::npos);
  }
  SECTION("a condition fleetsim does not simulate") {
    TempDir dir;
    nlohmann::json s = load(kEcs);
    s["loadBalancers"][0]["Listeners"][0]["Rules"][0]["Conditions"][0] = {
        {"Field", "source-ip"}, {"SourceIpConfig", {{"Values", {"10.0.0.0/8"}}}}};
    auto [code, err] = run_json(dir, s);
    CHECK(code == 2);
    CHECK(err.find("/loadBalancers/0/Listeners/0/Rules/0/Conditions/0/Field: only \"host-header\" and "
                   "\"path-pattern\"") != std::string::npos);
  }
  SECTION("an Ingress naming a Service that does not exist") {
    TempDir dir;
    nlohmann::json s = load(kEks);
    s["kubernetes"][0]["objects"][5]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]["name"] = "apii";
    auto [code, err] = run_json(dir, s);
    CHECK(code == 2);
    CHECK(err.find("/spec/rules/0/http/paths/0/backend/service/name") != std::string::npos);
    CHECK(err.find("backend Service \"default/apii\" not found") != std::string::npos);
  }
}
