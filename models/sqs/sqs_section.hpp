#pragma once
/// Registers the `queues` section (sqs CreateQueue).
namespace fleetsim {
class ModelRegistry;
/// Adds the `queues` section and the build step that creates the queues.
void register_sqs(ModelRegistry& registry);
}  // namespace fleetsim
