#pragma once
/// The valid Fargate task sizes (aws-facts §5.1, ECS-DG AWS_Fargate.md [DOC]).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fleetsim {

/// The memory sizes (MiB) Fargate accepts for `cpu_units`; empty when the CPU value itself is invalid.
std::vector<int> fargate_memory_options(int cpu_units);

/// An error message naming the valid memory values, or "" when (cpu, memory) is a valid Fargate size.
std::string check_fargate_size(int cpu_units, int memory_mib);

/// The table, for `fleetsim catalog`.
nlohmann::ordered_json fargate_sizes_json();

}  // namespace fleetsim
