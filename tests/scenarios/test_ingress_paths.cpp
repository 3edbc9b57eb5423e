// Several target groups behind one listener's rules, end to end: ECS services behind CreateRule path and host
// rules, and two Services behind an IngressGroup's rules (group.order, Prefix paths), each getting the share of the
// requests the workload's path weights give it; bad rules and a missing backend Service located in the file.

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
