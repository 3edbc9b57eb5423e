#pragma once
/// Registers the `roles`, `instanceProfiles` and `secrets` sections.
namespace fleetsim {
class ModelRegistry;
/// Adds the three sections and the build step that provides Permissions ("iam") when the scenario has roles.
void register_iam(ModelRegistry& registry);
}  // namespace fleetsim
