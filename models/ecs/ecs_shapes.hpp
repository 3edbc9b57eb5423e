#pragma once
/// The shape of ecs's scenario sections and timeline actions (what `fleetsim schema` prints and validation checks).

namespace fleetsim {

class ModelRegistry;

/// Declares ecs's sections and timeline actions in `r`.
void declare_ecs_shapes(ModelRegistry& r);

}  // namespace fleetsim
