#pragma once
/// The pure reader of the `fileSystems` section: one validated CreateFileSystem entry in, a FileSystemConfig out,
/// no World; subnets are looked up through a function the wiring answers.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/efs/efs_catalog.hpp"

namespace fleetsim {

/// One file system as the simulation uses it.
struct FileSystemConfig {
  std::string id;  ///< FileSystemId
  ThroughputMode mode = ThroughputMode::kBursting;
  double provisioned_mibps = 0;  ///< ProvisionedThroughputInMibps (provisioned mode)
  std::string performance_mode = "generalPurpose";
  double size_gib = 0;                    ///< x-fleetsim.sizeGiB: data stored (AWS meters it; the scenario states it)
  std::optional<double> initial_credits;  ///< x-fleetsim.initialBurstCreditsGiB, in MiB; else the catalogue's
  std::optional<double> elastic_limit;    ///< x-fleetsim.throughputLimitMiBps (elastic); else the catalogue's
  std::map<std::string, std::string> mount_targets;  ///< Availability Zone -> SubnetId, one per zone
  std::vector<std::string> access_points;            ///< AccessPointId values
};

/// The AZ of a subnet id, or nothing when no `subnets` entry names it.
using SubnetZone = std::function<std::optional<std::string>(const std::string& subnet_id)>;

/// The file system `fs` at pointer `p`; throws ScenarioError at the field's pointer for what AWS refuses
/// (an unknown subnet, two mount targets in one zone, provisioned throughput out of range or without its mode).
FileSystemConfig read_file_system(const nlohmann::json& fs, const std::string& p, const EfsCatalog& catalog,
                                  const SubnetZone& zone_of);

}  // namespace fleetsim
