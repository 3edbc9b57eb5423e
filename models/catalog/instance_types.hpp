#pragma once
/// EC2 instance types for the capacity model: the built-in table, hourly prices by region, what a
/// container instance registers with ECS, and the `instanceTypes` / `containerInstance` parts of the
/// scenario's `catalog` section.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/scenario/shape.hpp"

namespace fleetsim {

/// One EC2 instance type as the capacity model sees it.
struct InstanceType {
  std::string name;          ///< "m5.large"
  int vcpu = 0;              ///< vCPUs
  int memory_mib = 0;        ///< nominal memory, MiB
  int max_enis = 0;          ///< network interfaces, the primary included
  int ipv4_per_eni = 0;      ///< private IPv4 addresses per interface
  int trunk_eni_tasks = 0;   ///< awsvpc tasks with ENI trunking on; 0 if the type does not support trunking
  double network_gbps = 0;   ///< baseline (not burst) network bandwidth, Gbit/s; bounds image pull time
  std::string architecture;  ///< "x86_64" or "arm64"
  bool burstable = false;    ///< CPU-credit type (T family)
};

/// Linux hourly prices of one instance type in one region, USD.
struct InstancePrice {
  double on_demand_hour = 0;  ///< on-demand
  double spot_hour = 0;       ///< a typical Spot price; the real one floats
};

/// Instance prices: region -> instance type -> price.
using InstancePriceTable = std::map<std::string, std::map<std::string, InstancePrice>>;

/// How much of an instance's memory the ECS agent registers for placement.
struct RegistrationRule {
  int overhead_mib = 0;          ///< fixed part of what the kernel and firmware keep, MiB
  double overhead_fraction = 0;  ///< part of the nominal memory the kernel keeps (page tables and the like)
  int reserved_memory_mib = 0;   ///< ECS_RESERVED_MEMORY
};

/// Spot price = (1 - this) x on-demand, for built-in prices and overrides that give no spotHour.
inline constexpr double kDefaultSpotDiscount = 0.65;

/// ECS CPU units a container instance registers: 1024 per vCPU.
int registered_cpu_units(const InstanceType& type);
/// MiB a container instance registers: nominal less the kernel's share and ECS_RESERVED_MEMORY, never below 0.
int registered_memory_mib(const InstanceType& type, const RegistrationRule& rule);
/// awsvpc tasks one instance can hold: one ENI per task, the primary ENI excluded; the trunk limit with trunking.
int awsvpc_task_limit(const InstanceType& type, bool trunking);

/// The built-in registration rule (memory-management example of the ECS developer guide).
RegistrationRule built_in_registration_rule();
/// The built-in instance types, keyed by name.
const std::map<std::string, InstanceType>& built_in_instance_types();
/// The built-in prices (us-east-1 and eu-west-1).
const InstancePriceTable& built_in_instance_prices();

/// The shape of `catalog.instanceTypes`: an object keyed by type name.
const Shape* instance_types_shape(ShapeSet& shapes);
/// The shape of `catalog.containerInstance`.
const Shape* container_instance_shape(ShapeSet& shapes);

/// Applies `catalog.instanceTypes` at `pointer`: fields of a known type are overridden, an unknown type is added
/// (then vcpu, memoryMiB, maxEnis, ipv4PerEni, networkGbps and architecture are required). Throws ScenarioError.
void apply_instance_type_overrides(const nlohmann::json& section, const std::string& pointer,
                                   std::map<std::string, InstanceType>& types, InstancePriceTable& prices);
/// Applies `catalog.containerInstance` at `pointer`. Throws ScenarioError.
void apply_container_instance_overrides(const nlohmann::json& section, const std::string& pointer,
                                        RegistrationRule& rule);

/// One type as `fleetsim catalog` prints it, with its prices in `region` (every region when empty).
nlohmann::ordered_json instance_type_json(const InstanceType& type, const InstancePriceTable& prices,
                                          const RegistrationRule& rule, const std::string& region);

}  // namespace fleetsim
