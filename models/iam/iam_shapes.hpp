#pragma once
/// The shapes of the `roles`, `instanceProfiles` and `secrets` sections (what `fleetsim schema` prints and
/// validation checks), policy documents included.

namespace fleetsim {

class ModelRegistry;

/// Declares the three sections in `r`.
void declare_iam_shapes(ModelRegistry& r);

}  // namespace fleetsim
