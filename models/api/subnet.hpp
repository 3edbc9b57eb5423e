#pragma once
/// A subnet as other models see it, provided under its SubnetId.

#include <string>

namespace fleetsim {

/// Where a subnet's addresses live.
struct Subnet {
  std::string availability_zone;  ///< the AZ the subnet is in
};

}  // namespace fleetsim
