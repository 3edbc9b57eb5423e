#pragma once
/// The built-in catalogue: regions, Fargate prices and latencies, image defaults, EC2 instance types
/// and their prices. Every value a source does not pin down is a default here that a scenario's
/// `catalog` section can override.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/catalog/instance_types.hpp"
#include "models/catalog/scaling_catalog.hpp"
#include "models/catalog/scheduler_catalog.hpp"
#include "models/eks/eks_catalog.hpp"
#include "sim/random/distribution.hpp"
#include "sim/scenario/shape.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// Fargate on-demand Linux prices of one region, in USD.
struct FargatePrice {
  double vcpu_hour = 0;      ///< per vCPU-hour, X86_64
  double gb_hour = 0;        ///< per GB-hour of memory, X86_64
  double arm_vcpu_hour = 0;  ///< per vCPU-hour, ARM64 (Graviton)
  double arm_gb_hour = 0;    ///< per GB-hour of memory, ARM64
};
/// ARM64 Fargate rates as a fraction of X86_64 where the catalogue has no figure of its own.
inline constexpr double kFargateArmPriceRatio = 0.8;

/// What the catalogue knows about Fargate.
struct FargateCatalog {
  Distribution provisioning_s = Distribution::constant(0);    ///< PROVISIONING stage, seconds
  Distribution deprovisioning_s = Distribution::constant(0);  ///< DEPROVISIONING stage, seconds
  double pull_bandwidth_mibps = 1;                            ///< image pull rate, MiB per second
  double spot_discount = 0;                                   ///< Fargate Spot price = (1 - discount) x on-demand
  std::map<std::string, FargatePrice> prices;                 ///< by region
};

/// What the catalogue knows about EC2 container instances beyond their types.
struct Ec2Catalog {
  Distribution boot_s = Distribution::constant(0);          ///< RunInstances to the instance running, seconds
  Distribution registration_s = Distribution::constant(0);  ///< running to the ECS agent registered, seconds
  double max_pull_mibps = 1;  ///< image pull throughput cap per instance, MiB/s (the type's network bounds it too)
  int ephemeral_first = 0;    ///< first host port Docker hands out for hostPort 0
  int ephemeral_last = 0;     ///< last one
  Duration spot_warning;      ///< Spot interruption notice before termination
};

/// What the catalogue knows about Application Load Balancers.
struct AlbCatalog {
  /// RegisterTargets until the target is registered (state `initial`, Elb.RegistrationInProgress), seconds.
  Distribution target_registration_s = Distribution::constant(0);
};

/// A region's Availability Zones.
struct RegionInfo {
  std::vector<std::string> availability_zones;  ///< in AWS's order
};

/// The whole catalogue of a run.
struct Catalog {
  FargateCatalog fargate;             ///< Fargate prices and latencies
  Ec2Catalog ec2;                     ///< EC2 container-instance latencies and limits
  AlbCatalog alb;                     ///< ALB target registration latency
  double default_image_size_mib = 0;  ///< size of an image the scenario does not list
  /// ECR repositories: how long after an image meets a lifecycle rule it is expired, and storage's price.
  struct Ecr {
    Duration lifecycle_delay;                 ///< between lifecycle evaluations (an image goes within this long)
    double storage_usd_gb_month = 0;          ///< private repository storage, USD per GB-month
  } ecr;                                      ///< ECR lifecycle and storage
  std::map<std::string, RegionInfo> regions;  ///< known regions
  std::map<std::string, InstanceType> instance_types;  ///< EC2 instance types by name
  InstancePriceTable instance_prices;                  ///< EC2 prices: region -> type -> price
  RegistrationRule container_instance;                 ///< what a container instance registers with ECS
  ScalingCatalog autoscaling;                          ///< CloudWatch alarm and Application Auto Scaling defaults
  SchedulerCatalog ecs;                                ///< ECS service scheduler defaults
  EksCatalog eks;                                      ///< EKS and Kubernetes defaults

  /// The price of `type` in `region`, or nullptr when the catalogue has none.
  const InstancePrice* instance_price(const std::string& region, const std::string& type) const;

  /// The built-in values.
  static Catalog built_in();
  /// The shape of the scenario's `catalog` section.
  static const Shape* section_shape(ShapeSet& shapes);
  /// Applies a validated `catalog` section; throws ScenarioError on values the shape cannot check.
  void apply_overrides(const nlohmann::json& section, const std::string& pointer);
  /// The catalogue as `fleetsim catalog` prints it; one region only when `region` is not empty.
  nlohmann::ordered_json to_json(const std::string& region) const;
};

}  // namespace fleetsim
