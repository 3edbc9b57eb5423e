#pragma once
/// The `externalPolicies` section: scaling policies run as separate programs (only with --allow-exec).

namespace fleetsim {

class ModelRegistry;

/// Registers the section's shape and its builder (rank 115: after autoscaling, whose targets it finds).
void register_external_policies(ModelRegistry& registry);

}  // namespace fleetsim
