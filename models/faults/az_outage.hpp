#pragma once
/// The `azOutage` timeline action: an Availability Zone goes dark for a while. The action only flips the
/// zone in World::zone_health; the models with capacity there react through their own subscriptions.
/// It also measures each outage for summary.json (`faults`).
namespace fleetsim {
class ModelRegistry;
/// Adds the action and its build step (before the timeline's, which calls the action's handler).
void register_az_outage(ModelRegistry& registry);
}  // namespace fleetsim
