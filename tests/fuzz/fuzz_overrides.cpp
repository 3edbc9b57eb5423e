/// libFuzzer target: command-line overrides on a valid scenario (the quickstart). Each input line is one
/// override: "seed N", "duration TEXT", or "/json/pointer=VALUE" as given to --set.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/fuzz/fuzz_harness.hpp"

namespace {

const std::string& quickstart() {
  static const std::string text = [] {
    std::ifstream in(FLEETSIM_SOURCE_ROOT "/scenarios/quickstart.json", std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }();
  return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fleetsim::ScenarioOverrides overrides;
  std::istringstream lines(std::string(reinterpret_cast<const char*>(data), size));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("seed ", 0) == 0) {
      overrides.seed = std::strtoull(line.c_str() + 5, nullptr, 10);
    } else if (line.rfind("duration ", 0) == 0) {
      overrides.duration = line.substr(9);
    } else {
      overrides.sets.push_back(line);
    }
  }
  fleetsim::fuzz::load_build_run(quickstart(), overrides, false);
  return 0;
}
