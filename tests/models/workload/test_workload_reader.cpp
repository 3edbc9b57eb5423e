// The workloads reader without a World: good input gives the configs (targets by the names the World provides
// them under, rates, demand), bad input the pointer and message. The run is a table: a listener "web:80", the
// ALB of an Ingress "shop/front" in cluster "prod", and a queue "jobs".

#include <catch2/catch.hpp>
#include <fstream>

#include "models/workload/workload_reader.hpp"
#include "tests/support/error_of.hpp"
#include "tests/support/temp_dir.hpp"

namespace fleetsim {
namespace {

class TableLookup : public WorkloadLookup {
 public:
  std::vector<std::string> request_sinks() const override { return {"ingress:prod/shop/front", "web:80"}; }
  std::vector<std::string> queues() const override { return {"jobs"}; }
};

const TableLookup kRun;

// A workload named `name` sending `rate` to `target`.
nlohmann::json workload(const std::string& name, const nlohmann::json& target, const nlohmann::json& rate = 10) {
  return {{"name", name}, {"target", target}, {"arrivals", {{"rate", rate}}}};
}

const nlohmann::json kWeb = {{"loadBalancer", "web"}};

// The diagnostic reading the one workload `w` (in `dir` for trace files) throws.
Diagnostic error_reading(const nlohmann::json& w, const std::string& dir = ".") {
  return error_of([&] { read_workloads(nlohmann::json::array({w}), dir, kRun); });
}

TEST_CASE("workloads: targets by name, arrivals and demand", "[workload][reader]") {
  nlohmann::json web = workload("web", kWeb);
  web["arrivals"]["process"] = "deterministic";
  web["request"] = {{"cpuMs", 25}, {"timeout", "2s"}};
  nlohmann::json jobs = workload("jobs", {{"queue", "jobs"}});
  nlohmann::json shop = workload("shop", {{"ingress", "shop/front"}, {"cluster", "prod"}});
  std::vector<WorkloadEntry> w = read_workloads(nlohmann::json::array({web, jobs, shop}), ".", kRun);
  REQUIRE(w.size() == 3);
  CHECK(w[0].config.name == "web");
  CHECK_FALSE(w[0].target.queue);
  CHECK(w[0].target.name == "web:80");  // port 80 unless given
  CHECK(w[0].config.process == ArrivalProcess::kDeterministic);
  CHECK(w[0].config.rate.rate_at(1234) == 10);
  CHECK(w[0].config.cpu_ms.mean() == 25);
  CHECK(w[0].config.timeout == Duration::seconds(2));
  CHECK(w[1].target.queue);
  CHECK(w[1].target.name == "jobs");
  CHECK(w[1].config.process == ArrivalProcess::kPoisson);
  CHECK(w[1].config.timeout == Duration::seconds(60));  // the ALB's idle timeout
  CHECK(w[1].config.cpu_ms.mean() == 0);
  CHECK_FALSE(w[2].target.queue);
  CHECK(w[2].target.name == "ingress:prod/shop/front");
}

TEST_CASE("workloads: rate patterns, a trace file relative to the scenario", "[workload][reader]") {
  nlohmann::json steps = {{"pattern", "steps"}, {"steps", {{{"at", "0s"}, {"rate", 5}}, {{"at", "1m"}, {"rate", 50}}}}};
  nlohmann::json diurnal = {{"pattern", "diurnal"}, {"mean", 100}, {"peak", "06:30"}};
  nlohmann::json ramp = {{"pattern", "ramp"}, {"from", 0}, {"to", 100}, {"start", "10s"}, {"duration", "100s"}};
  testing::TempDir dir;
  std::ofstream(dir.path() / "load.csv") << "minute,requests\n0,3\n1,4.5\n\n2,0\n";
  nlohmann::json trace = {{"pattern", "trace"}, {"file", "load.csv"}, {"interval", "30s"}, {"scale", 2}};
  std::vector<WorkloadEntry> w =
      read_workloads(nlohmann::json::array({workload("a", kWeb, steps), workload("b", kWeb, diurnal),
                                            workload("c", kWeb, ramp), workload("d", kWeb, trace)}),
                     dir.path().string(), kRun);
  REQUIRE(w.size() == 4);
  CHECK(w[0].config.rate.rate_at(59) == 5);
  CHECK(w[0].config.rate.rate_at(60) == 50);
  CHECK(w[1].config.rate.rate_at(6.5 * 3600) == Approx(150));  // amplitude 0.5 by default
  CHECK(w[1].config.rate.rate_at(18.5 * 3600) == Approx(50));
  CHECK(w[2].config.rate.rate_at(60) == Approx(50));
  CHECK(w[3].config.rate.rate_at(0) == 6);  // rows of 30 s, scaled by 2, blank lines skipped
  CHECK(w[3].config.rate.rate_at(45) == 9);
  CHECK(w[3].config.rate.rate_at(61) == 0);
}

TEST_CASE("what the workloads reader refuses, and where", "[workload][reader]") {
  Diagnostic e = error_of([] {
    read_workloads(nlohmann::json::array({workload("web", kWeb), workload("web", kWeb)}), ".", kRun);
  });
  CHECK(e.pointer == "/workloads/1/name");
  CHECK(e.message == "workload \"web\" is defined twice");
  e = error_reading(workload("w", {{"loadBalancer", "wbe"}}));
  CHECK(e.pointer == "/workloads/0/target/loadBalancer");
  CHECK(e.message == "no listener \"wbe:80\" (load balancer:port) (did you mean \"web:80\"?)");
  e = error_reading(workload("w", {{"loadBalancer", "web"}, {"port", 443}}));
  CHECK(e.pointer == "/workloads/0/target/loadBalancer");
  CHECK(e.message == "no listener \"web:443\" (load balancer:port)");
  e = error_reading(workload("w", {{"loadBalancer", "web"}, {"queue", "jobs"}}));
  CHECK(e.pointer == "/workloads/0/target");
  CHECK(e.message == "expected one of \"loadBalancer\", \"queue\", \"ingress\" and \"service\"");
  e = error_reading(workload("w", {{"queue", "jobs"}, {"port", 80}}));
  CHECK(e.pointer == "/workloads/0/target/port");
  CHECK(e.message == "a queue target takes no port");
  e = error_reading(workload("w", {{"queue", "jbos"}}));
  CHECK(e.pointer == "/workloads/0/target/queue");
  CHECK(e.message == "no queue named \"jbos\" (did you mean \"jobs\"?)");
  e = error_reading(workload("w", {{"ingress", "shop/front"}}));
  CHECK(e.pointer == "/workloads/0/target");
  CHECK(e.message == "an ingress target needs \"cluster\"");
  e = error_reading(workload("w", {{"ingress", "shop/fornt"}, {"cluster", "prod"}}));
  CHECK(e.pointer == "/workloads/0/target/ingress");
  CHECK(e.message ==
        "no Ingress (of class alb, in cluster \"prod\") named \"shop/fornt\" (did you mean \"shop/front\"?)");
  e = error_reading(workload(
      "w", kWeb, {{"pattern", "steps"}, {"steps", {{{"at", "1m"}, {"rate", 5}}, {{"at", "1m"}, {"rate", 6}}}}}));
  CHECK(e.pointer == "/workloads/0/arrivals/rate/steps/1/at");
  CHECK(e.message == "steps must be in increasing time order");
  e = error_reading(workload("w", kWeb, {{"pattern", "diurnal"}, {"mean", 1}, {"peak", "25:00"}}));
  CHECK(e.pointer == "/workloads/0/arrivals/rate/peak");
  CHECK(e.message == "expected a time of day \"HH:MM\" or \"HH:MM:SS\", got \"25:00\"");
  nlohmann::json w = workload("w", kWeb);
  w["request"] = {{"timeout", 0}};
  e = error_reading(w);
  CHECK(e.pointer == "/workloads/0/request/timeout");
  CHECK(e.message == "expected a positive timeout");
}

TEST_CASE("what the workloads reader refuses in trace files, and where", "[workload][reader]") {
  testing::TempDir dir;
  std::ofstream(dir.path() / "load.csv") << "minute,requets\n0,3\n";
  std::ofstream(dir.path() / "bad.csv") << "requests\n3\nmany\n";
  std::ofstream(dir.path() / "empty.csv") << "requests\n";
  auto trace = [](const std::string& file) { return nlohmann::json{{"pattern", "trace"}, {"file", file}}; };
  const std::string where = dir.path().string();
  Diagnostic e = error_reading(workload("w", kWeb, trace("load.csv")), where);
  CHECK(e.pointer == "/workloads/0/arrivals/rate/column");
  CHECK(e.message == "trace file has no column \"requests\" (did you mean \"requets\"?)");
  e = error_reading(workload("w", kWeb, trace("bad.csv")), where);
  CHECK(e.pointer == "/workloads/0/arrivals/rate/file");
  CHECK(e.message == where + "/bad.csv line 3: expected a rate >= 0 in column \"requests\"");
  e = error_reading(workload("w", kWeb, trace("empty.csv")), where);
  CHECK(e.pointer == "/workloads/0/arrivals/rate/file");
  CHECK(e.message == "trace file \"" + where + "/empty.csv\" has no rows");
  e = error_reading(workload("w", kWeb, trace("missing.csv")), where);
  CHECK(e.pointer == "/workloads/0/arrivals/rate/file");
  CHECK(e.message == "cannot read trace file \"" + where + "/missing.csv\"");
}

}  // namespace
}  // namespace fleetsim
