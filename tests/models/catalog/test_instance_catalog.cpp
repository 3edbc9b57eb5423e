// The EC2 instance catalogue against the facts it was built from (aws-facts §4, §12), its structure
// (every family and size in both regions), the registered-memory rule, and the `catalog.instanceTypes`
// and `catalog.containerInstance` overrides, good and bad.

#include <catch2/catch.hpp>

#include "models/catalog/catalog.hpp"
#include "sim/scenario/validator.hpp"

using namespace fleetsim;
using nlohmann::json;

namespace {

const char* const kFamilies[] = {"m5", "m6i", "m6g", "c5", "c6g", "c6i", "r5", "t3"};
const char* const kSizes[] = {"large", "xlarge", "2xlarge", "4xlarge"};

// t3 stops at 2xlarge: AWS sells no t3.4xlarge (Karpenter's us-east-1 price list has t3 nano..2xlarge).
bool exists(const std::string& family, const std::string& size) { return !(family == "t3" && size == "4xlarge"); }

// The error the scenario loader would report first for `section` under /catalog.
Diagnostic first_validation_error(const json& section) {
  ShapeSet shapes;
  ValidationReport report;
  validate_shape(section, *Catalog::section_shape(shapes), "/catalog", report);
  REQUIRE_FALSE(report.errors.empty());
  return report.errors.front();
}

// The ScenarioError that apply_overrides throws for `section`, which must throw.
Diagnostic apply_error(const json& section) {
  Catalog c = Catalog::built_in();
  try {
    c.apply_overrides(section, "/catalog");
  } catch (const ScenarioError& e) {
    return e.diagnostic();
  }
  FAIL("apply_overrides accepted " << section.dump());
  return {};
}

}  // namespace

TEST_CASE("the aws-facts rows are in the catalogue exactly", "[catalog]") {
  Catalog c = Catalog::built_in();
  const InstanceType& m5 = c.instance_types.at("m5.large");
  CHECK(m5.vcpu == 2);
  CHECK(m5.memory_mib == 8192);
  CHECK(m5.max_enis == 3);
  CHECK(m5.ipv4_per_eni == 10);
  CHECK(m5.architecture == "x86_64");
  CHECK_FALSE(m5.burstable);
  CHECK(c.instance_price("us-east-1", "m5.large")->on_demand_hour == Approx(0.096).margin(1e-12));
  // awsvpc density (aws-facts §4): 2 tasks without trunking, 10 with.
  CHECK(awsvpc_task_limit(m5, false) == 2);
  CHECK(awsvpc_task_limit(m5, true) == 10);
  CHECK(registered_cpu_units(m5) == 2048);

  const InstanceType& m5x = c.instance_types.at("m5.xlarge");
  CHECK(m5x.vcpu == 4);
  CHECK(m5x.memory_mib == 16384);
  CHECK(m5x.max_enis == 4);
  CHECK(m5x.ipv4_per_eni == 15);
  CHECK(awsvpc_task_limit(m5x, false) == 3);
  CHECK(awsvpc_task_limit(m5x, true) == 20);
  CHECK(registered_cpu_units(m5x) == 4096);
  CHECK(c.instance_price("us-east-1", "m5.xlarge")->on_demand_hour == Approx(0.192).margin(1e-12));

  const InstanceType& c5 = c.instance_types.at("c5.large");
  CHECK(c5.vcpu == 2);
  CHECK(c5.memory_mib == 4096);
  CHECK(c5.max_enis == 3);
  CHECK(c5.ipv4_per_eni == 10);
  CHECK(awsvpc_task_limit(c5, true) == 10);
  CHECK(c.instance_price("us-east-1", "c5.large")->on_demand_hour == Approx(0.085).margin(1e-12));

  const InstanceType& c6g = c.instance_types.at("c6g.large");
  CHECK(c6g.architecture == "arm64");
  CHECK(c6g.vcpu == 2);
  CHECK(c6g.memory_mib == 4096);
  CHECK(c6g.max_enis == 3);
  CHECK(c6g.ipv4_per_eni == 10);
  CHECK(awsvpc_task_limit(c6g, true) == 10);
  CHECK(c.instance_price("us-east-1", "c6g.large")->on_demand_hour == Approx(0.068).margin(1e-12));

  const InstanceType& t3 = c.instance_types.at("t3.medium");
  CHECK(t3.burstable);
  CHECK(t3.vcpu == 2);
  CHECK(t3.memory_mib == 4096);
  CHECK(t3.max_enis == 3);
  CHECK(t3.ipv4_per_eni == 6);
  // Not trunking-compatible: asking for trunking keeps the ordinary limit.
  CHECK(t3.trunk_eni_tasks == 0);
  CHECK(awsvpc_task_limit(t3, true) == 2);
  CHECK(c.instance_price("us-east-1", "t3.medium")->on_demand_hour == Approx(0.0416).margin(1e-12));
}

TEST_CASE("every family and size from large to 4xlarge is priced in us-east-1 and eu-west-1", "[catalog]") {
  Catalog c = Catalog::built_in();
  for (const char* family : kFamilies) {
    for (const char* size : kSizes) {
      std::string name = std::string(family) + "." + size;
      INFO(name);
      if (!exists(family, size)) {
        CHECK_FALSE(c.instance_types.count(name));
        continue;
      }
      REQUIRE(c.instance_types.count(name));
      const InstanceType& t = c.instance_types.at(name);
      CHECK(t.name == name);
      CHECK(t.architecture == (std::string(family).back() == 'g' ? "arm64" : "x86_64"));
      CHECK(t.burstable == (std::string(family) == "t3"));
      CHECK(t.network_gbps > 0);
      for (const char* region : {"us-east-1", "eu-west-1"}) {
        INFO(region);
        const InstancePrice* p = c.instance_price(region, name);
        REQUIRE(p != nullptr);
        CHECK(p->on_demand_hour > 0);
        CHECK(p->spot_hour == Approx(p->on_demand_hour * (1 - kDefaultSpotDiscount)));
      }
      // Ireland costs 5-20% more than N. Virginia for every type listed here.
      double ratio =
          c.instance_price("eu-west-1", name)->on_demand_hour / c.instance_price("us-east-1", name)->on_demand_hour;
      CHECK(ratio > 1.05);
      CHECK(ratio < 1.20);
    }
  }
  CHECK(c.instance_price("mars-north-1", "m5.large") == nullptr);
  CHECK(c.instance_price("us-east-1", "m5.metal") == nullptr);
}

TEST_CASE("within a family each size step doubles vCPU, memory and price", "[catalog]") {
  Catalog c = Catalog::built_in();
  for (const char* family : kFamilies) {
    for (std::size_t i = 1; i < std::size(kSizes); ++i) {
      if (!exists(family, kSizes[i])) continue;
      std::string small = std::string(family) + "." + kSizes[i - 1];
      std::string big = std::string(family) + "." + kSizes[i];
      INFO(small << " -> " << big);
      const InstanceType& a = c.instance_types.at(small);
      const InstanceType& b = c.instance_types.at(big);
      CHECK(b.vcpu == 2 * a.vcpu);
      CHECK(b.memory_mib == 2 * a.memory_mib);
      CHECK(b.max_enis >= a.max_enis);
      for (const char* region : {"us-east-1", "eu-west-1"}) {
        CHECK(c.instance_price(region, big)->on_demand_hour ==
              Approx(2 * c.instance_price(region, small)->on_demand_hour));
      }
    }
  }
}

TEST_CASE("registered memory reproduces the ECS guide's 8 GiB example", "[catalog]") {
  Catalog c = Catalog::built_in();
  // ECS-DG memory-management.md: an m4.large (8 GiB) registers "about" 7985 MiB. The exact figure depends on the
  // AMI's kernel, so a few MiB either way would still match the guide; the built-in rule hits it exactly.
  InstanceType eight_gib{"m4.large", 2, 8192, 2, 10, 0, 0.45, "x86_64", false};
  CHECK(registered_memory_mib(eight_gib, c.container_instance) == Approx(7985).margin(4));
  CHECK(registered_memory_mib(eight_gib, c.container_instance) == 7985);
  // m5.large is also 8 GiB; the kernel's share grows with memory, so r5.4xlarge (128 GiB) loses 2127 MiB.
  CHECK(registered_memory_mib(c.instance_types.at("m5.large"), c.container_instance) == 7985);
  CHECK(registered_memory_mib(c.instance_types.at("r5.4xlarge"), c.container_instance) == 131072 - 2048 - 79);
  // ECS_RESERVED_MEMORY defaults to 0 and comes straight off the registered figure.
  CHECK(c.container_instance.reserved_memory_mib == 0);
  RegistrationRule reserved = c.container_instance;
  reserved.reserved_memory_mib = 256;
  CHECK(registered_memory_mib(eight_gib, reserved) == 7985 - 256);
  // Never negative, however large the reservation.
  reserved.reserved_memory_mib = 100000;
  CHECK(registered_memory_mib(eight_gib, reserved) == 0);
}

TEST_CASE("overrides add an instance type and change a price", "[catalog]") {
  Catalog c = Catalog::built_in();
  json section = json::parse(R"({
    "instanceTypes": {
      "m7g.large": {"vcpu": 2, "memoryMiB": 8192, "maxEnis": 3, "ipv4PerEni": 10, "networkGbps": 0.937,
                    "architecture": "arm64", "trunkEniTasks": 10,
                    "prices": {"us-east-1": {"onDemandHour": 0.0816}}},
      "m5.large": {"prices": {"us-east-1": {"onDemandHour": 0.1, "spotHour": 0.03}}},
      "c5.large": {"prices": {"eu-west-1": {"spotHour": 0.02}}, "maxEnis": 4}
    },
    "containerInstance": {"reservedMemoryMiB": 128}
  })");
  c.apply_overrides(section, "/catalog");

  const InstanceType& m7g = c.instance_types.at("m7g.large");
  CHECK(m7g.name == "m7g.large");
  CHECK(m7g.vcpu == 2);
  CHECK(m7g.architecture == "arm64");
  CHECK_FALSE(m7g.burstable);
  CHECK(awsvpc_task_limit(m7g, true) == 10);
  CHECK(c.instance_price("us-east-1", "m7g.large")->on_demand_hour == Approx(0.0816));
  // No spotHour given: the typical discount applies.
  CHECK(c.instance_price("us-east-1", "m7g.large")->spot_hour == Approx(0.0816 * 0.35));
  CHECK(c.instance_price("eu-west-1", "m7g.large") == nullptr);

  CHECK(c.instance_price("us-east-1", "m5.large")->on_demand_hour == Approx(0.1));
  CHECK(c.instance_price("us-east-1", "m5.large")->spot_hour == Approx(0.03));
  // Other regions and fields untouched.
  CHECK(c.instance_price("eu-west-1", "m5.large")->on_demand_hour == Approx(0.107));
  CHECK(c.instance_types.at("m5.large").vcpu == 2);

  CHECK(c.instance_types.at("c5.large").max_enis == 4);
  CHECK(c.instance_price("eu-west-1", "c5.large")->on_demand_hour == Approx(0.096));
  CHECK(c.instance_price("eu-west-1", "c5.large")->spot_hour == Approx(0.02));

  CHECK(c.container_instance.reserved_memory_mib == 128);
  CHECK(registered_memory_mib(c.instance_types.at("m5.large"), c.container_instance) == 7985 - 128);

  // Overrides do not leak into the next built-in catalogue.
  CHECK(Catalog::built_in().instance_price("us-east-1", "m5.large")->on_demand_hour == Approx(0.096));
  CHECK_FALSE(Catalog::built_in().instance_types.count("m7g.large"));
}

TEST_CASE("bad instance-type overrides are located errors", "[catalog]") {
  SECTION("negative vcpu") {
    json section = {{"instanceTypes", {{"m5.large", {{"vcpu", -2}}}}}};
    Diagnostic v = first_validation_error(section);
    CHECK(v.pointer == "/catalog/instanceTypes/m5.large/vcpu");
    CHECK_THAT(v.message, Catch::Contains("from 1 to 1024"));
    Diagnostic a = apply_error(section);
    CHECK(a.pointer == "/catalog/instanceTypes/m5.large/vcpu");
    CHECK(a.message == v.message);
  }
  SECTION("unknown field, with a suggestion") {
    json section = {{"instanceTypes", {{"c6g.large", {{"vcpus", 4}}}}}};
    Diagnostic v = first_validation_error(section);
    CHECK(v.pointer == "/catalog/instanceTypes/c6g.large/vcpus");
    CHECK_THAT(v.message, Catch::Contains("unknown field \"vcpus\"") && Catch::Contains("did you mean \"vcpu\"?"));
    Diagnostic a = apply_error(section);
    CHECK(a.pointer == "/catalog/instanceTypes/c6g.large/vcpus");
  }
  SECTION("a new type without its required fields") {
    // Structurally fine (the fields are optional for known types), so only apply_overrides can refuse it.
    json section = {{"instanceTypes", {{"m5.larg", {{"vcpu", 2}}}}}};
    ShapeSet shapes;
    ValidationReport report;
    validate_shape(section, *Catalog::section_shape(shapes), "/catalog", report);
    CHECK(report.errors.empty());
    Diagnostic a = apply_error(section);
    CHECK(a.pointer == "/catalog/instanceTypes/m5.larg");
    CHECK_THAT(a.message, Catch::Contains("\"memoryMiB\"") && Catch::Contains("did you mean \"m5.large\"?"));
  }
  SECTION("a price in a new region without onDemandHour") {
    json section = {{"instanceTypes", {{"m5.large", {{"prices", {{"ap-south-1", {{"spotHour", 0.03}}}}}}}}}};
    Diagnostic a = apply_error(section);
    CHECK(a.pointer == "/catalog/instanceTypes/m5.large/prices/ap-south-1");
    CHECK_THAT(a.message, Catch::Contains("onDemandHour"));
  }
  SECTION("an unknown architecture") {
    json section = {{"instanceTypes", {{"m5.large", {{"architecture", "arm"}}}}}};
    Diagnostic v = first_validation_error(section);
    CHECK(v.pointer == "/catalog/instanceTypes/m5.large/architecture");
    CHECK_THAT(v.message, Catch::Contains("arm64"));
  }
  SECTION("a negative memory reservation") {
    json section = {{"containerInstance", {{"reservedMemoryMiB", -1}}}};
    Diagnostic a = apply_error(section);
    CHECK(a.pointer == "/catalog/containerInstance/reservedMemoryMiB");
  }
}

TEST_CASE("the printed catalogue lists instance types with the region's prices", "[catalog]") {
  Catalog c = Catalog::built_in();
  nlohmann::ordered_json one = c.to_json("eu-west-1");
  const auto& m5 = one["instanceTypes"]["m5.large"];
  CHECK(m5["vcpu"] == 2);
  CHECK(m5["memoryMiB"] == 8192);
  CHECK(m5["registeredCpuUnits"] == 2048);
  CHECK(m5["registeredMemoryMiB"] == 7985);
  CHECK(m5["trunkEniTasks"] == 10);
  CHECK(m5["prices"].size() == 1);
  CHECK(m5["prices"]["eu-west-1"]["onDemandHour"].get<double>() == Approx(0.107));
  CHECK(one["instanceTypes"].size() == 32);
  CHECK(one["containerInstance"]["reservedMemoryMiB"] == 0);
  // Every region's prices when no region is asked for.
  CHECK(c.to_json("")["instanceTypes"]["t3.medium"]["prices"].size() == 2);
  // The existing parts are still there.
  CHECK(one["fargate"]["prices"].contains("eu-west-1"));
}
