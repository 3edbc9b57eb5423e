#pragma once
/// The shape of the `images` section (what `fleetsim schema` prints and validation checks).

namespace fleetsim {

class ModelRegistry;

/// Declares the images section in `r`.
void declare_ecr_shapes(ModelRegistry& r);

}  // namespace fleetsim
