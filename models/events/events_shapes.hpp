#pragma once
/// The shape of EventBridge's `rules` section (what `fleetsim schema` prints and validation checks).

namespace fleetsim {

class ModelRegistry;

/// Declares the `rules` section in `r`.
void declare_events_shapes(ModelRegistry& r);

}  // namespace fleetsim
