// Fargate billing end to end: the task's CPU architecture picks the rates.

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;
using nlohmann::json;

namespace {

/// summary.json of one hour of one 1 vCPU / 2 GB Fargate task in us-east-1 on `architecture`.
json one_task_hour(const std::string& architecture) {
  json s = {
      {"name", "fargate-price"},
      {"simulation", {{"duration", "1h"}, {"seed", 1}, {"region", "us-east-1"}}},
      {"catalog", {{"fargate", {{"provisioningSeconds", 0}, {"pullBandwidthMiBps", 1e6}}}}},
      {"taskDefinitions",
       {{{"family", "app"},
         {"networkMode", "awsvpc"},
         {"requiresCompatibilities", {"FARGATE"}},
         {"cpu", "1024"},
         {"memory", "2048"},
         {"runtimePlatform", {{"cpuArchitecture", architecture}, {"operatingSystemFamily", "LINUX"}}},
         {"containerDefinitions", {{{"name", "app"}, {"image", "app:1"}}}}}}},
      {"services",
       {{{"serviceName", "app"}, {"taskDefinition", "app"}, {"desiredCount", 1}, {"launchType", "FARGATE"}}}},
      {"workloads", json::array()},
  };
  TempDir dir;
  std::filesystem::path file = dir.path() / "scenario.json";
  std::ofstream(file) << s.dump(2);
  REQUIRE(run_scenario(file, dir.path() / "out") == 0);
  return json::parse(read_file(dir.path() / "out" / "summary.json"));
}

}  // namespace

TEST_CASE("An ARM64 Fargate task is billed at Graviton rates, about 20 % below x86", "[fargate][cost]") {
  // us-east-1 Linux Fargate (aws-facts §5.2, AWS's Fargate pricing page as copied by vantage.sh):
  // x86 $0.04048 per vCPU-hour and $0.004445 per GB-hour; ARM $0.03238 and $0.00356.
  const json arm = one_task_hour("ARM64");
  const json x86 = one_task_hour("X86_64");
  const double vcpu_hours = arm["capacity"]["fargate"]["vcpuHours"].get<double>();
  const double gb_hours = arm["capacity"]["fargate"]["gbHours"].get<double>();
  // The task runs from the first instant to the end: one hour of 1 vCPU and 2 GB.
  CHECK(vcpu_hours == Approx(1.0).epsilon(1e-3));
  CHECK(gb_hours == Approx(2.0).epsilon(1e-3));
  CHECK(arm["cost"]["fargateUsd"].get<double>() == Approx(0.03238 * vcpu_hours + 0.00356 * gb_hours));
  CHECK(arm["cost"]["fargateUsd"].get<double>() == Approx(0.03238 + 2 * 0.00356).epsilon(1e-3));
  CHECK(x86["cost"]["fargateUsd"].get<double>() == Approx(0.04048 + 2 * 0.004445).epsilon(1e-3));
  CHECK(arm["cost"]["fargateUsd"].get<double>() / x86["cost"]["fargateUsd"].get<double>() == Approx(0.8).epsilon(0.01));
}
