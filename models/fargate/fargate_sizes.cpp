#include "models/fargate/fargate_sizes.hpp"

namespace fleetsim {

namespace {
struct SizeRow {
  int cpu;
  int min_gb;
  int max_gb;
  int step_gb;
};
// 256 is special: 0.5, 1 and 2 GB. The rest are ranges in whole-GB steps (1 GB = 1024 MiB).
constexpr SizeRow kRows[] = {{512, 1, 4, 1},   {1024, 2, 8, 1},   {2048, 4, 16, 1},
                             {4096, 8, 30, 1}, {8192, 16, 60, 4}, {16384, 32, 120, 8}};
}  // namespace

std::vector<int> fargate_memory_options(int cpu_units) {
  if (cpu_units == 256) return {512, 1024, 2048};
  for (const SizeRow& r : kRows) {
    if (r.cpu != cpu_units) continue;
    std::vector<int> out;
    for (int gb = r.min_gb; gb <= r.max_gb; gb += r.step_gb) out.push_back(gb * 1024);
    return out;
  }
  return {};
}

std::string check_fargate_size(int cpu_units, int memory_mib) {
  std::vector<int> options = fargate_memory_options(cpu_units);
  if (options.empty())
    return "Fargate accepts task cpu 256, 512, 1024, 2048, 4096, 8192 or 16384, got " + std::to_string(cpu_units);
  for (int m : options) {
    if (m == memory_mib) return "";
  }
  std::string list;
  if (options.size() <= 3) {
    for (std::size_t i = 0; i < options.size(); ++i) list += (i ? ", " : "") + std::to_string(options[i]);
  } else {
    list = std::to_string(options.front()) + " to " + std::to_string(options.back()) + " in steps of " +
           std::to_string(options[1] - options[0]);
  }
  return "Fargate task cpu " + std::to_string(cpu_units) + " takes memory " + list + " MiB, got " +
         std::to_string(memory_mib);
}

nlohmann::ordered_json fargate_sizes_json() {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (int cpu : {256, 512, 1024, 2048, 4096, 8192, 16384}) {
    out.push_back({{"cpu", cpu}, {"memoryMiB", fargate_memory_options(cpu)}});
  }
  return out;
}

}  // namespace fleetsim
