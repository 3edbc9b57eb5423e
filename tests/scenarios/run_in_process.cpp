#include "tests/scenarios/run_in_process.hpp"

#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fleetsim::testing {

std::filesystem::path source_root() { return FLEETSIM_SOURCE_ROOT; }

const ModelRegistry& registry() {
  static const ModelRegistry* models = [] {
    auto* r = new ModelRegistry();
    register_models(*r);
    return r;
  }();
  return *models;
}

std::vector<std::filesystem::path> example_scenarios() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(source_root() / "scenarios")) {
    if (e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

int run_scenario(const std::filesystem::path& scenario, const std::filesystem::path& out,
                 const ScenarioOverrides& extra) {
  RunOptions options;
  options.allow_exec = true;  // scenarios/external-policy.json starts scenarios/policies/predictive.py
  options.out_dir = out.string();
  options.quiet = true;
  return run_command(registry(), scenario.string(), extra, options);
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<CsvMetric> read_metrics(const std::filesystem::path& file) {
  std::vector<CsvMetric> rows;
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream ls(line);
    CsvMetric m;
    std::string ts, value;
    std::getline(ls, ts, ',');
    std::getline(ls, m.name_space, ',');
    std::getline(ls, m.metric, ',');
    std::getline(ls, m.dimensions, ',');
    std::getline(ls, m.statistic, ',');
    std::getline(ls, value, ',');
    m.timestamp = std::stoll(ts);
    m.value = std::stod(value);
    rows.push_back(m);
  }
  return rows;
}

}  // namespace fleetsim::testing
