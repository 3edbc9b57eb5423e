#pragma once
/// The shape of the `subnets` and `securityGroups` sections (what `fleetsim schema` prints and validation checks).

namespace fleetsim {

class ModelRegistry;

/// Declares the `subnets` and `securityGroups` sections in `r`.
void declare_network_shapes(ModelRegistry& r);

}  // namespace fleetsim
