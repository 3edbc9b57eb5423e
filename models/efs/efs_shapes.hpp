#pragma once
/// The shape of the `fileSystems` section (what `fleetsim schema` prints and validation checks).

namespace fleetsim {

class ModelRegistry;

/// Declares the fileSystems section in `r`.
void declare_efs_shapes(ModelRegistry& r);

}  // namespace fleetsim
