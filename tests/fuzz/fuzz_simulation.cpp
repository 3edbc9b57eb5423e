/// libFuzzer target: whatever loads is simulated for at most 10 minutes and 100,000 events.

#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/fuzz_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fleetsim::fuzz::load_build_run(std::string(reinterpret_cast<const char*>(data), size), {}, true);
  return 0;
}
