#pragma once
/// Private addresses for tasks and pods that take one of their own (awsvpc ENIs, the VPC CNI).

#include <cstdint>
#include <string>

namespace fleetsim {

/// Hands out addresses of 10.B.0.0/16 in order, skipping the first four of each /24 (AWS reserves them).
class IpAllocator {
 public:
  /// Addresses of 10.`second_octet`.0.0/16.
  explicit IpAllocator(int second_octet = 0) : prefix_("10." + std::to_string(second_octet) + ".") {}
  /// The next address.
  std::string next();

 private:
  std::string prefix_;
  std::uint32_t next_ = 0;
};

}  // namespace fleetsim
