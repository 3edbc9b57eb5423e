#pragma once
/// Task definitions' EFS volumes (`volumes[].efsVolumeConfiguration`) and containers' `mountPoints`: their shapes,
/// their reading with RegisterTaskDefinition's rules, and the file systems they name.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/scenario/shape.hpp"

namespace fleetsim {

class FileStorage;

/// One `volumes` entry with an efsVolumeConfiguration.
struct EfsVolume {
  std::string name;                 ///< the name mountPoints' sourceVolume uses
  std::string file_system_id;       ///< efsVolumeConfiguration.fileSystemId
  std::string root_directory;       ///< rootDirectory ("" when absent: the file system's root)
  bool transit_encryption = false;  ///< transitEncryption ENABLED
  std::string access_point_id;      ///< authorizationConfig.accessPointId, or ""
  std::string pointer;              ///< where the volume was declared, for errors
  FileStorage* storage = nullptr;   ///< the file system, once the ECS wiring linked it
};

/// The shape of a task definition's `volumes` array.
const Shape* volumes_shape(ShapeSet& s);
/// The shape of a container's `mountPoints` array.
const Shape* mount_points_shape(ShapeSet& s);
/// The EFS volumes of the task definition `td` at `p` (volumes of other kinds are accepted and not simulated);
/// throws ScenarioError where RegisterTaskDefinition refuses the configuration.
std::vector<EfsVolume> read_efs_volumes(const nlohmann::json& td, const std::string& p);
/// The volumes container `c` at `p` mounts; throws ScenarioError for a sourceVolume `td` does not define.
std::vector<std::string> read_mount_points(const nlohmann::json& c, const std::string& p, const nlohmann::json& td);

}  // namespace fleetsim
