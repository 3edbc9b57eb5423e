#pragma once
/// The shape of the `workloads` section and the setRate timeline action (what `fleetsim schema` prints and
/// validation checks).

namespace fleetsim {

class ModelRegistry;

/// Declares the workloads section and the setRate action in `r`.
void declare_workload_shapes(ModelRegistry& r);

}  // namespace fleetsim
