#pragma once
/// Registers the `fileSystems` section (efs CreateFileSystem).
namespace fleetsim {
class ModelRegistry;
/// Adds the `fileSystems` section and the build step that creates the file systems.
void register_efs(ModelRegistry& registry);
}  // namespace fleetsim
