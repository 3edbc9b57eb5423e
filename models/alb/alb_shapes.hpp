#pragma once
/// The shape of the `targetGroups` and `loadBalancers` sections (what `fleetsim schema` prints and validation
/// checks), and the CreateTargetGroup, CreateListener and CreateRule shapes that LoadBalancerFactory requests are
/// checked against (they skip the scenario's validation).

namespace fleetsim {

class ModelRegistry;
struct Shape;

/// Declares the ALB's sections in `r`.
void declare_alb_shapes(ModelRegistry& r);
/// CreateTargetGroup's shape, with Attributes, as the section's entries take it; built once.
const Shape& target_group_request_shape();
/// CreateListener's shape, with its Rules, as the section's load balancers take it; built once.
const Shape& listener_request_shape();
/// CreateRule's shape, as a listener's Rules take it; built once.
const Shape& rule_request_shape();

}  // namespace fleetsim
