#pragma once
/// The shape of autoscaling's scenario sections and timeline actions (what `fleetsim schema` prints and validation
/// checks).

namespace fleetsim {

class ModelRegistry;

/// Declares autoscaling's sections and timeline actions in `r`.
void declare_autoscaling_shapes(ModelRegistry& r);

}  // namespace fleetsim
