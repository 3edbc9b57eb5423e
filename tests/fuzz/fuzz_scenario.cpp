/// libFuzzer target: whole scenario documents through the loader, the validator and every model's build step.

#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/fuzz_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fleetsim::fuzz::load_build_run(std::string(reinterpret_cast<const char*>(data), size), {}, false);
  return 0;
}
