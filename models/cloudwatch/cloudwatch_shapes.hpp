#pragma once
/// The shape of CloudWatch's `alarms` section (what `fleetsim schema` prints and validation checks).

namespace fleetsim {

class ModelRegistry;

/// Declares the `alarms` section in `r`.
void declare_cloudwatch_shapes(ModelRegistry& r);

}  // namespace fleetsim
