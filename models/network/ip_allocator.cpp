#include "models/network/ip_allocator.hpp"

namespace fleetsim {

std::string IpAllocator::next() {
  std::uint32_t n = next_++ % 65000;
  // Skip .0-.3 of each /24: AWS reserves the first addresses of a subnet.
  return prefix_ + std::to_string(n / 250) + "." + std::to_string(n % 250 + 4);
}

}  // namespace fleetsim
