#include "models/catalog/instance_types.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/validator.hpp"

namespace fleetsim {

namespace {

/// One row of the built-in table.
struct Row {
  const char* name;
  int vcpu;
  int memory_mib;
  int max_enis;
  int ipv4_per_eni;
  int trunk_eni_tasks;
  double network_gbps;
  const char* architecture;
  bool burstable;
  double us_east_1;  // on-demand USD/h, Linux
  double eu_west_1;  // on-demand USD/h, Linux [UNVERIFIED], see below
};

constexpr const char* kX86 = "x86_64";
constexpr const char* kArm = "arm64";

// Sources, per column (aws-facts §4, §12 hold the rows it quotes exactly: m5.large, m5.xlarge, c5.large, c6g.large,
// t3.medium):
// - vcpu, memory_mib: the AWS instance-type specifications, as repeated by many consistent public tables; within a
//   family memory per vCPU is fixed (m 4 GiB, c 2 GiB, r 8 GiB; t3 as listed).
// - max_enis, ipv4_per_eni: Karpenter (aws/karpenter-provider-aws) pkg/providers/instancetype/zz_generated.vpclimits.go
//   ("Interface", "IPv4PerInterface"; generated 2025-10-10). max_enis also equals "task limit without ENI trunking"
//   + 1 in the ECS developer guide, doc_source/container-instance-eni.md.
// - trunk_eni_tasks: ECS developer guide, container-instance-eni.md, "Task limit with ENI trunking". The t3 family is
//   not in that table (not trunking-compatible), hence 0.
// - network_gbps: Karpenter pkg/providers/instancetype/zz_generated.bandwidth.go (baseline Mbit/s / 1000); the "up
//   to" burst figures are not used, because a sustained image pull runs at the baseline.
// - us_east_1: Karpenter pkg/providers/pricing/zz_generated.pricing_aws.go (AWS Pricing API, us-east-1,
//   generated 2026-02-09).
// - eu_west_1 [UNVERIFIED]: no generated or AWS-published table was reachable. The .large prices come from several
//   third-party hard-coded price tables that agree (m5 0.107, m6g 0.086, c5 0.096, c6g 0.076, t3.medium 0.0456,
//   t3.large 0.0912); r5.large 0.141 from the same kind of tables, which disagree by 0.001. m6i and c6i cost the
//   same as m5 and c5 in us-east-1 and are assumed to do so in eu-west-1. Larger sizes double, as every us-east-1
//   row here does. Net effect: eu-west-1 is 10-13% above us-east-1.
// t3 has no 4xlarge; its table starts at medium because aws-facts quotes t3.medium.
constexpr Row kRows[] = {
    // name          vcpu  MiB     ENIs IPv4 trunk Gbps   arch  burst  us-east-1 eu-west-1
    {"m5.large", 2, 8192, 3, 10, 10, 0.75, kX86, false, 0.096, 0.107},
    {"m5.xlarge", 4, 16384, 4, 15, 20, 1.25, kX86, false, 0.192, 0.214},
    {"m5.2xlarge", 8, 32768, 4, 15, 40, 2.5, kX86, false, 0.384, 0.428},
    {"m5.4xlarge", 16, 65536, 8, 30, 60, 5.0, kX86, false, 0.768, 0.856},
    {"m6i.large", 2, 8192, 3, 10, 10, 0.781, kX86, false, 0.096, 0.107},
    {"m6i.xlarge", 4, 16384, 4, 15, 20, 1.562, kX86, false, 0.192, 0.214},
    {"m6i.2xlarge", 8, 32768, 4, 15, 40, 3.125, kX86, false, 0.384, 0.428},
    {"m6i.4xlarge", 16, 65536, 8, 30, 60, 6.25, kX86, false, 0.768, 0.856},
    {"m6g.large", 2, 8192, 3, 10, 10, 0.75, kArm, false, 0.077, 0.086},
    {"m6g.xlarge", 4, 16384, 4, 15, 20, 1.25, kArm, false, 0.154, 0.172},
    {"m6g.2xlarge", 8, 32768, 4, 15, 40, 2.5, kArm, false, 0.308, 0.344},
    {"m6g.4xlarge", 16, 65536, 8, 30, 60, 5.0, kArm, false, 0.616, 0.688},
    {"c5.large", 2, 4096, 3, 10, 10, 0.75, kX86, false, 0.085, 0.096},
    {"c5.xlarge", 4, 8192, 4, 15, 20, 1.25, kX86, false, 0.170, 0.192},
    {"c5.2xlarge", 8, 16384, 4, 15, 40, 2.5, kX86, false, 0.340, 0.384},
    {"c5.4xlarge", 16, 32768, 8, 30, 60, 5.0, kX86, false, 0.680, 0.768},
    {"c6i.large", 2, 4096, 3, 10, 10, 0.781, kX86, false, 0.085, 0.096},
    {"c6i.xlarge", 4, 8192, 4, 15, 20, 1.562, kX86, false, 0.170, 0.192},
    {"c6i.2xlarge", 8, 16384, 4, 15, 40, 3.125, kX86, false, 0.340, 0.384},
    {"c6i.4xlarge", 16, 32768, 8, 30, 60, 6.25, kX86, false, 0.680, 0.768},
    {"c6g.large", 2, 4096, 3, 10, 10, 0.75, kArm, false, 0.068, 0.076},
    {"c6g.xlarge", 4, 8192, 4, 15, 20, 1.25, kArm, false, 0.136, 0.152},
    {"c6g.2xlarge", 8, 16384, 4, 15, 40, 2.5, kArm, false, 0.272, 0.304},
    {"c6g.4xlarge", 16, 32768, 8, 30, 60, 5.0, kArm, false, 0.544, 0.608},
    {"r5.large", 2, 16384, 3, 10, 10, 0.75, kX86, false, 0.126, 0.141},
    {"r5.xlarge", 4, 32768, 4, 15, 20, 1.25, kX86, false, 0.252, 0.282},
    {"r5.2xlarge", 8, 65536, 4, 15, 40, 2.5, kX86, false, 0.504, 0.564},
    {"r5.4xlarge", 16, 131072, 8, 30, 60, 5.0, kX86, false, 1.008, 1.128},
    {"t3.medium", 2, 4096, 3, 6, 0, 0.256, kX86, true, 0.0416, 0.0456},
    {"t3.large", 2, 8192, 3, 12, 0, 0.512, kX86, true, 0.0832, 0.0912},
    {"t3.xlarge", 4, 16384, 4, 15, 0, 1.024, kX86, true, 0.1664, 0.1824},
    {"t3.2xlarge", 8, 32768, 4, 15, 0, 2.048, kX86, true, 0.3328, 0.3648},
};

InstancePrice price_with_typical_spot(double on_demand_hour) {
  // AWS only promises "up to 90%" off (aws-facts §12, [AWS-2nd]); 65% is a middle-of-the-road figure for these
  // families [UNVERIFIED]. Scenarios that care give spotHour.
  return {on_demand_hour, on_demand_hour * (1 - kDefaultSpotDiscount)};
}

// Fields a type that is not built in must state; the rest have defaults (no trunking, not burstable).
constexpr const char* kRequiredForNew[] = {"vcpu", "memoryMiB", "maxEnis", "ipv4PerEni", "networkGbps", "architecture"};

/// The shapes apply_* re-check against, so a caller that skipped structural validation still gets located errors.
struct OwnShapes {
  ShapeSet set;
  const Shape* types = instance_types_shape(set);
  const Shape* container = container_instance_shape(set);
};

const OwnShapes& own_shapes() {
  static const OwnShapes kShapes;
  return kShapes;
}

std::string missing_fields_message(const std::string& name, const char* missing,
                                   const std::map<std::string, InstanceType>& types) {
  std::string msg = "instance type \"" + name + "\" is not in the catalogue, so it must give \"" + missing +
                    "\" (a new type needs vcpu, memoryMiB, maxEnis, ipv4PerEni, networkGbps and architecture)";
  std::vector<std::string> known;
  for (const auto& entry : types) known.push_back(entry.first);
  if (auto near = closest_name(name, known)) msg += "; did you mean \"" + *near + "\"?";
  return msg;
}

void apply_prices(const nlohmann::json& by_region, const std::string& pointer, const std::string& type,
                  InstancePriceTable& prices) {
  for (auto it = by_region.begin(); it != by_region.end(); ++it) {
    const nlohmann::json& entry = it.value();
    InstancePrice price;
    bool known = false;
    if (auto region = prices.find(it.key()); region != prices.end()) {
      if (auto p = region->second.find(type); p != region->second.end()) {
        price = p->second;
        known = true;
      }
    }
    if (entry.contains("onDemandHour")) {
      price = price_with_typical_spot(entry.at("onDemandHour").get<double>());
    } else if (!known) {
      throw ScenarioError(append_pointer(pointer, it.key()), "the catalogue has no price for \"" + type + "\" in \"" +
                                                                 it.key() + "\": give \"onDemandHour\"");
    }
    if (entry.contains("spotHour")) price.spot_hour = entry.at("spotHour").get<double>();
    prices[it.key()][type] = price;
  }
}

}  // namespace

int registered_cpu_units(const InstanceType& type) { return type.vcpu * 1024; }

int registered_memory_mib(const InstanceType& type, const RegistrationRule& rule) {
  int kernel = rule.overhead_mib + static_cast<int>(std::floor(type.memory_mib * rule.overhead_fraction));
  return std::max(0, type.memory_mib - kernel - rule.reserved_memory_mib);
}

int awsvpc_task_limit(const InstanceType& type, bool trunking) {
  // With trunking on, a type that does not support it keeps the ordinary limit, as ECS does.
  if (trunking && type.trunk_eni_tasks > 0) return type.trunk_eni_tasks;
  return std::max(0, type.max_enis - 1);
}

RegistrationRule built_in_registration_rule() {
  // The agent registers what the kernel reports as total memory (less ECS_RESERVED_MEMORY, default 0), and the
  // kernel keeps some of the nominal memory for itself. ECS-DG memory-management.md gives one data point: an
  // m4.large (8 GiB = 8192 MiB) registers about 7985 MiB, i.e. 207 MiB less (aws-facts §4, [DOC]). Split as a
  // share that grows with memory - the kernel's page descriptors, 64 bytes per 4 KiB page = 1/64 - plus a fixed
  // 79 MiB (kernel image, firmware-reserved ranges): 8192 - 128 - 79 = 7985. The split itself is [UNVERIFIED];
  // only the 8 GiB point is documented.
  return RegistrationRule{79, 1.0 / 64, 0};
}

const std::map<std::string, InstanceType>& built_in_instance_types() {
  static const std::map<std::string, InstanceType> kTypes = [] {
    std::map<std::string, InstanceType> out;
    for (const Row& r : kRows) {
      out[r.name] =
          InstanceType{r.name,         r.vcpu,         r.memory_mib, r.max_enis, r.ipv4_per_eni, r.trunk_eni_tasks,
                       r.network_gbps, r.architecture, r.burstable};
    }
    return out;
  }();
  return kTypes;
}

const InstancePriceTable& built_in_instance_prices() {
  static const InstancePriceTable kPrices = [] {
    InstancePriceTable out;
    for (const Row& r : kRows) {
      out["us-east-1"][r.name] = price_with_typical_spot(r.us_east_1);
      out["eu-west-1"][r.name] = price_with_typical_spot(r.eu_west_1);
    }
    return out;
  }();
  return kPrices;
}

const Shape* instance_types_shape(ShapeSet& s) {
  Shape& price = s.object("an EC2 price", "Linux hourly prices in USD. spotHour defaults to 35% of onDemandHour.");
  price
      .field("onDemandHour", s.number(0, 10000),
             "on-demand USD per hour; required for a type or region without a price")
      .field("spotHour", s.number(0, 10000), "typical Spot USD per hour");
  Shape& type = s.object("an instance type",
                         "Overrides of a built-in type, or a new type (then vcpu, memoryMiB, maxEnis, ipv4PerEni, "
                         "networkGbps and architecture are required).");
  type.field("vcpu", s.integer(1, 1024), "vCPUs; ECS registers 1024 CPU units each")
      .field("memoryMiB", s.integer(1, 33554432), "nominal memory, MiB")
      .field("maxEnis", s.integer(1, 1000), "network interfaces, the primary included")
      .field("ipv4PerEni", s.integer(1, 1000), "private IPv4 addresses per interface")
      .field("trunkEniTasks", s.integer(0, 10000), "awsvpc tasks with ENI trunking; 0 if unsupported (default)")
      .field("networkGbps", s.number(0.001, 10000), "baseline network bandwidth, Gbit/s")
      .field("architecture", s.one_of_strings("an architecture", {"x86_64", "arm64"}), "CPU architecture")
      .field("burstable", s.boolean(), "a CPU-credit (T family) type; default false")
      .field("prices", s.map_of(&price), "prices by region");
  return s.map_of(&type);
}

const Shape* container_instance_shape(ShapeSet& s) {
  Shape& ci = s.object("container-instance defaults", "How much of an instance ECS registers for placement.");
  ci.field("registeredMemoryOverheadMiB", s.integer(0, 1048576), "fixed MiB the kernel keeps below nominal memory")
      .field("registeredMemoryOverheadFraction", s.number(0, 0.5), "share of nominal memory the kernel keeps")
      .field("reservedMemoryMiB", s.integer(0, 1048576), "ECS_RESERVED_MEMORY: MiB the agent does not register");
  return &ci;
}

void apply_instance_type_overrides(const nlohmann::json& section, const std::string& pointer,
                                   std::map<std::string, InstanceType>& types, InstancePriceTable& prices) {
  require_shape(section, *own_shapes().types, pointer);
  for (auto it = section.begin(); it != section.end(); ++it) {
    const std::string& name = it.key();
    const nlohmann::json& e = it.value();
    std::string p = append_pointer(pointer, name);
    auto found = types.find(name);
    if (found == types.end()) {
      for (const char* field : kRequiredForNew) {
        if (!e.contains(field)) throw ScenarioError(p, missing_fields_message(name, field, types));
      }
      InstanceType fresh;
      fresh.name = name;
      found = types.emplace(name, fresh).first;
    }
    InstanceType& t = found->second;
    if (e.contains("vcpu")) t.vcpu = e.at("vcpu").get<int>();
    if (e.contains("memoryMiB")) t.memory_mib = e.at("memoryMiB").get<int>();
    if (e.contains("maxEnis")) t.max_enis = e.at("maxEnis").get<int>();
    if (e.contains("ipv4PerEni")) t.ipv4_per_eni = e.at("ipv4PerEni").get<int>();
    if (e.contains("trunkEniTasks")) t.trunk_eni_tasks = e.at("trunkEniTasks").get<int>();
    if (e.contains("networkGbps")) t.network_gbps = e.at("networkGbps").get<double>();
    if (e.contains("architecture")) t.architecture = e.at("architecture").get<std::string>();
    if (e.contains("burstable")) t.burstable = e.at("burstable").get<bool>();
    if (auto pr = e.find("prices"); pr != e.end()) apply_prices(*pr, append_pointer(p, "prices"), name, prices);
  }
}

void apply_container_instance_overrides(const nlohmann::json& section, const std::string& pointer,
                                        RegistrationRule& rule) {
  require_shape(section, *own_shapes().container, pointer);
  if (section.contains("registeredMemoryOverheadMiB"))
    rule.overhead_mib = section.at("registeredMemoryOverheadMiB").get<int>();
  if (section.contains("registeredMemoryOverheadFraction")) {
    rule.overhead_fraction = section.at("registeredMemoryOverheadFraction").get<double>();
  }
  if (section.contains("reservedMemoryMiB")) rule.reserved_memory_mib = section.at("reservedMemoryMiB").get<int>();
}

nlohmann::ordered_json instance_type_json(const InstanceType& t, const InstancePriceTable& prices,
                                          const RegistrationRule& rule, const std::string& region) {
  nlohmann::ordered_json by_region = nlohmann::ordered_json::object();
  for (const auto& [name, table] : prices) {
    if (!region.empty() && name != region) continue;
    if (auto p = table.find(t.name); p != table.end()) {
      by_region[name] = {{"onDemandHour", p->second.on_demand_hour}, {"spotHour", p->second.spot_hour}};
    }
  }
  return {{"vcpu", t.vcpu},
          {"memoryMiB", t.memory_mib},
          {"maxEnis", t.max_enis},
          {"ipv4PerEni", t.ipv4_per_eni},
          {"trunkEniTasks", t.trunk_eni_tasks},
          {"networkGbps", t.network_gbps},
          {"architecture", t.architecture},
          {"burstable", t.burstable},
          {"registeredCpuUnits", registered_cpu_units(t)},
          {"registeredMemoryMiB", registered_memory_mib(t, rule)},
          {"prices", by_region}};
}

}  // namespace fleetsim
