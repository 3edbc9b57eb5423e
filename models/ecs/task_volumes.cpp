#include "models/ecs/task_volumes.hpp"

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

const Shape* volumes_shape(ShapeSet& s) {
  const Shape* enabled = s.one_of_strings("ENABLED or DISABLED", {"ENABLED", "DISABLED"});
  Shape& auth = s.object("an EFS authorization config", "EFSAuthorizationConfig.");
  auth.field("accessPointId", s.string(), "access point (fsap-...) of the file system to mount through")
      .field("iam", enabled, "use the task role's IAM authorization (not simulated: accepted)");
  Shape& efs = s.object("an EFS volume configuration", "EFSVolumeConfiguration.");
  efs.required("fileSystemId", s.string(), "the file system (a `fileSystems` entry)")
      .field("rootDirectory", s.string(), "directory mounted as the volume's root (default /)")
      .field("transitEncryption", enabled, "TLS to the mount target; required with an access point or IAM")
      .field("transitEncryptionPort", s.integer(0, 65535), "port of the TLS tunnel (not simulated: accepted)")
      .field("authorizationConfig", &auth, "access point and IAM authorization");
  Shape& volume = s.object("a volume", "ECS Volume.");
  volume.required("name", s.string(), "volume name containers' mountPoints use")
      .field("efsVolumeConfiguration", &efs, "an EFS file system mounted into the task")
      .ignored({"host", "dockerVolumeConfiguration", "fsxWindowsFileServerVolumeConfiguration", "configuredAtLaunch"});
  return s.array_of(&volume, 1000);
}

const Shape* mount_points_shape(ShapeSet& s) {
  Shape& mount = s.object("a mount point", "ECS MountPoint.");
  mount.required("sourceVolume", s.string(), "the task definition volume to mount")
      .field("containerPath", s.string(), "where the container sees it")
      .field("readOnly", s.boolean(), "read-only mount (not simulated: accepted)");
  return s.array_of(&mount, 1000);
}

std::vector<EfsVolume> read_efs_volumes(const nlohmann::json& td, const std::string& p) {
  std::vector<EfsVolume> out;
  auto volumes = td.find("volumes");
  if (volumes == td.end()) return out;
  for (std::size_t i = 0; i < volumes->size(); ++i) {
    const nlohmann::json& v = (*volumes)[i];
    auto cfg = v.find("efsVolumeConfiguration");
    if (cfg == v.end()) continue;
    EfsVolume vol;
    vol.name = v["name"].get<std::string>();
    vol.pointer = append_pointer(append_pointer(append_pointer(p, "volumes"), i), "efsVolumeConfiguration");
    vol.file_system_id = name_from_reference((*cfg)["fileSystemId"].get<std::string>());
    vol.root_directory = cfg->value("rootDirectory", std::string());
    vol.transit_encryption = cfg->value("transitEncryption", std::string("DISABLED")) == "ENABLED";
    bool iam = false;
    if (auto auth = cfg->find("authorizationConfig"); auth != cfg->end()) {
      vol.access_point_id = auth->value("accessPointId", std::string());
      iam = auth->value("iam", std::string("DISABLED")) == "ENABLED";
    }
    // RegisterTaskDefinition's rules (ECS API reference, EFSVolumeConfiguration): an access point or IAM
    // authorization needs transit encryption, and with an access point rootDirectory must be omitted or "/".
    if ((iam || !vol.access_point_id.empty()) && !vol.transit_encryption) {
      throw ScenarioError(append_pointer(vol.pointer, "transitEncryption"),
                          "must be ENABLED when an access point or IAM authorization is used");
    }
    if (!vol.access_point_id.empty() && !vol.root_directory.empty() && vol.root_directory != "/") {
      throw ScenarioError(append_pointer(vol.pointer, "rootDirectory"),
                          "must be omitted or \"/\" when an access point is used (the access point sets it)");
    }
    out.push_back(std::move(vol));
  }
  return out;
}

std::vector<std::string> read_mount_points(const nlohmann::json& c, const std::string& p, const nlohmann::json& td) {
  std::vector<std::string> out;
  auto mounts = c.find("mountPoints");
  if (mounts == c.end()) return out;
  for (std::size_t i = 0; i < mounts->size(); ++i) {
    std::string source = (*mounts)[i]["sourceVolume"].get<std::string>();
    bool defined = false;
    if (auto volumes = td.find("volumes"); volumes != td.end()) {
      for (const auto& v : *volumes) defined = defined || v["name"] == source;
    }
    if (!defined) {
      throw ScenarioError(append_pointer(append_pointer(append_pointer(p, "mountPoints"), i), "sourceVolume"),
                          "\"" + source + "\" is not a volume of this task definition");
    }
    out.push_back(std::move(source));
  }
  return out;
}

}  // namespace fleetsim
