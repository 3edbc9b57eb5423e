#include "models/efs/efs_reader.hpp"

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

ThroughputMode read_mode(const std::string& mode) {
  if (mode == "elastic") return ThroughputMode::kElastic;
  if (mode == "provisioned") return ThroughputMode::kProvisioned;
  return ThroughputMode::kBursting;
}

void read_throughput(const nlohmann::json& fs, const std::string& p, const EfsCatalog& catalog, FileSystemConfig& out) {
  out.mode = read_mode(fs.value("ThroughputMode", std::string("bursting")));
  out.performance_mode = fs.value("PerformanceMode", std::string("generalPurpose"));
  auto provisioned = fs.find("ProvisionedThroughputInMibps");
  if (out.mode == ThroughputMode::kProvisioned) {
    if (provisioned == fs.end())
      throw ScenarioError(p, "ThroughputMode \"provisioned\" needs ProvisionedThroughputInMibps (EFS refuses it)");
    out.provisioned_mibps = provisioned->get<double>();
    if (out.provisioned_mibps < 1 || out.provisioned_mibps > catalog.max_provisioned_mibps) {
      throw ScenarioError(
          append_pointer(p, "ProvisionedThroughputInMibps"),
          "EFS accepts 1-" + std::to_string(static_cast<int>(catalog.max_provisioned_mibps)) + " MiB/s");
    }
  } else if (provisioned != fs.end()) {
    throw ScenarioError(append_pointer(p, "ProvisionedThroughputInMibps"),
                        "only a file system with ThroughputMode \"provisioned\" takes it (EFS refuses it)");
  }
  // EFS: "Max I/O performance mode is not supported on file systems using Elastic throughput" (performance page).
  if (out.mode == ThroughputMode::kElastic && out.performance_mode == "maxIO")
    throw ScenarioError(append_pointer(p, "PerformanceMode"), "Elastic throughput does not support maxIO");
}

void read_mount_targets(const nlohmann::json& fs, const std::string& p, const SubnetZone& zone_of,
                        FileSystemConfig& out) {
  auto targets = fs.find("MountTargets");
  if (targets == fs.end()) return;
  std::string one_zone = fs.value("AvailabilityZoneName", std::string());
  for (std::size_t i = 0; i < targets->size(); ++i) {
    std::string tp = append_pointer(append_pointer(p, "MountTargets"), i);
    std::string subnet = (*targets)[i]["SubnetId"].get<std::string>();
    std::optional<std::string> zone = zone_of(subnet);
    std::string sp = append_pointer(tp, "SubnetId");
    if (!zone) throw ScenarioError(sp, "subnet \"" + subnet + "\" is not defined in \"subnets\" (SubnetNotFound)");
    if (!one_zone.empty() && *zone != one_zone) {
      throw ScenarioError(sp, "a One Zone file system in " + one_zone + " cannot have a mount target in " + *zone +
                                  " (AvailabilityZonesMismatch)");
    }
    // CreateMountTarget: one mount target per Availability Zone (MountTargetConflict).
    if (!out.mount_targets.emplace(*zone, subnet).second) {
      throw ScenarioError(sp, "file system already has a mount target in " + *zone + " (subnet \"" +
                                  out.mount_targets[*zone] + "\"): MountTargetConflict");
    }
  }
}

}  // namespace

FileSystemConfig read_file_system(const nlohmann::json& fs, const std::string& p, const EfsCatalog& catalog,
                                  const SubnetZone& zone_of) {
  FileSystemConfig out;
  out.id = fs["FileSystemId"].get<std::string>();
  read_throughput(fs, p, catalog, out);
  if (auto k = fs.find("x-fleetsim"); k != fs.end()) {
    out.size_gib = k->value("sizeGiB", 0.0);
    if (k->contains("initialBurstCreditsGiB"))
      out.initial_credits = k->at("initialBurstCreditsGiB").get<double>() * 1024;
    if (k->contains("throughputLimitMiBps")) {
      if (out.mode != ThroughputMode::kElastic) {
        throw ScenarioError(append_pointer(append_pointer(p, "x-fleetsim"), "throughputLimitMiBps"),
                            "only an elastic file system takes it");
      }
      out.elastic_limit = k->at("throughputLimitMiBps").get<double>();
    }
  }
  read_mount_targets(fs, p, zone_of, out);
  if (auto aps = fs.find("AccessPoints"); aps != fs.end()) {
    for (const auto& ap : *aps) out.access_points.push_back(ap["AccessPointId"].get<std::string>());
  }
  return out;
}

}  // namespace fleetsim
