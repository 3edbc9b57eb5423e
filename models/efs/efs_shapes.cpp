#include "models/efs/efs_shapes.hpp"

#include "models/registry.hpp"

namespace fleetsim {

void declare_efs_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& mount_target = s.object("a mount target", "efs CreateMountTarget: the file system's address in one subnet.");
  mount_target.required("SubnetId", s.string(), "subnet (a `subnets` entry): tasks in its Availability Zone can mount")
      .ignored({"FileSystemId", "MountTargetId", "IpAddress", "IpAddressType", "Ipv6Address", "SecurityGroups",
                "LifeCycleState", "AvailabilityZoneId", "AvailabilityZoneName", "NetworkInterfaceId", "OwnerId",
                "VpcId"});
  Shape& access_point = s.object("an access point", "efs CreateAccessPoint (describe-access-points output).");
  access_point.required("AccessPointId", s.string(), "id an efsVolumeConfiguration's authorizationConfig names")
      .ignored({"ClientToken", "Tags", "FileSystemId", "PosixUser", "RootDirectory", "AccessPointArn", "Name",
                "OwnerId", "LifeCycleState"});
  Shape& knobs = s.object("the file system's x-fleetsim knobs", "What AWS measures rather than configures.");
  knobs.field("sizeGiB", s.number(0, 1e9), "data stored, GiB: sets the bursting baseline and the storage bill")
      .field("initialBurstCreditsGiB", s.number(0, 1e9),
             "burst credits at the start, GiB (default 2.1 TiB, what a new file system gets)")
      .field("throughputLimitMiBps", s.number(1, 1e7),
             "elastic: the file system's throughput ceiling, MiB/s (default the catalogue's 1024)");
  Shape& fs = s.object("a file system", "efs CreateFileSystem (or describe-file-systems output).");
  fs.required("FileSystemId", s.string(), "id (fs-...) task definitions' efsVolumeConfiguration names")
      .field("ThroughputMode", s.one_of_strings("a throughput mode", {"bursting", "elastic", "provisioned"}),
             "bursting (default), elastic or provisioned")
      .field("ProvisionedThroughputInMibps", s.number(0, 1e7), "provisioned mode: MiB/s (1-3414)")
      .field("PerformanceMode", s.one_of_strings("a performance mode", {"generalPurpose", "maxIO"}),
             "generalPurpose (default) or maxIO; does not change the simulated throughput")
      .field("AvailabilityZoneName", s.string(), "One Zone file systems: the only zone its mount target may be in")
      .field("MountTargets", s.array_of(&mount_target, 1000), "mount targets, at most one per Availability Zone")
      .field("AccessPoints", s.array_of(&access_point, 10000), "access points")
      .field("x-fleetsim", &knobs, "simulation-only figures")
      .ignored({"CreationToken", "Encrypted", "KmsKeyId", "Backup", "Tags", "Name", "OwnerId", "FileSystemArn",
                "LifeCycleState", "NumberOfMountTargets", "SizeInBytes", "CreationTime", "AvailabilityZoneId",
                "FileSystemProtection"});
  r.add_section("fileSystems", s.array_of(&fs, 1000), "EFS file systems");
}

}  // namespace fleetsim
