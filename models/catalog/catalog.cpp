#include "models/catalog/catalog.hpp"

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

Catalog Catalog::built_in() {
  Catalog c;
  // Launch latency is undocumented; users report ~20-60 s per Fargate task, ~60 s for a 250 MB image
  // (aws-facts §5.3 "Task launch latency", [OBS]). Split here as ~15 s provisioning plus the pull.
  c.fargate.provisioning_s = Distribution::lognormal(15, 5);
  // ECR pull throughput is undocumented (aws-facts §9, [UNVERIFIED]); 8 MiB/s makes a 250 MiB image
  // take ~31 s, inside the reported 20-40 s of pulling.
  c.fargate.pull_bandwidth_mibps = 8;
  // Not documented [UNVERIFIED]: a few seconds to release the ENI and capacity.
  c.fargate.deprovisioning_s = Distribution::constant(5);
  // "up to 70%" off on-demand (aws-facts §5.2, [AWS-2nd]); the real price floats.
  c.fargate.spot_discount = 0.7;
  // Linux/x86 rates and Linux/ARM (Graviton) rates (aws-facts §5.2, [AWS-2nd], us-east-1: ARM $0.03238
  // per vCPU-hour, $0.00356 per GB-hour, 20 % below x86). Other regions: [UNVERIFIED], ARM at
  // kFargateArmPriceRatio of x86; override in a scenario.
  c.fargate.prices["us-east-1"] = {0.04048, 0.004445, 0.03238, 0.00356};
  c.fargate.prices["us-east-2"] = {0.04048, 0.004445, 0.03238, 0.00356};
  c.fargate.prices["us-west-2"] = {0.04048, 0.004445, 0.03238, 0.00356};
  c.fargate.prices["eu-west-1"] = {0.04656, 0.00511, 0.04656 * kFargateArmPriceRatio, 0.00511 * kFargateArmPriceRatio};
  c.fargate.prices["eu-central-1"] = {0.04656, 0.00511, 0.04656 * kFargateArmPriceRatio,
                                      0.00511 * kFargateArmPriceRatio};
  // EC2 boot is undocumented; benchmarks give RunInstances to SSH in ~20-40 s (aws-facts "Boot time", [OBS]).
  c.ec2.boot_s = Distribution::lognormal(30, 8);
  // The ECS agent's start and registration "adds time on top" (same fact); a few seconds [UNVERIFIED].
  c.ec2.registration_s = Distribution::lognormal(8, 3);
  // ECR pull throughput on EC2 is undocumented ([UNVERIFIED]); below most types' network.
  c.ec2.max_pull_mibps = 50;
  // The ECS-optimised AMI's example ephemeral range 32768-61000 (aws-facts "Ephemeral range"); the kernel's
  // default upper bound is 60999.
  c.ec2.ephemeral_first = 32768;
  c.ec2.ephemeral_last = 60999;
  // Spot's two-minute interruption notice (aws-facts "Spot interruption notice").
  c.ec2.spot_warning = Duration::seconds(120);
  // ALB target registration: AWS names the state (initial, Elb.RegistrationInProgress: "the target is in the
  // process of being registered", elbv2 API TargetHealth) but documents no duration (aws-facts §7 "Target
  // registration latency", [OBS]: ALB targets healthy "soon after registration"; NLB's 70-120 s in 2019-2023).
  // 10 s is an assumption [UNVERIFIED]; the first health check follows one interval later.
  c.alb.target_registration_s = Distribution::constant(10);
  c.default_image_size_mib = 250;
  // "Once a lifecycle policy is applied ... the affected images will expire within 24 hours" (aws-facts §9
  // "Lifecycle policies", ECR-UG LifecyclePolicies.md): the whole 24 h, evaluated every 24 h from the start.
  c.ecr.lifecycle_delay = Duration::seconds(24 * 3600);
  // ECR private repository storage, $0.10 per GB-month (https://aws.amazon.com/ecr/pricing/, every commercial region).
  c.ecr.storage_usd_gb_month = 0.10;
  c.regions["us-east-1"] = {{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"}};
  c.regions["us-east-2"] = {{"us-east-2a", "us-east-2b", "us-east-2c"}};
  c.regions["us-west-2"] = {{"us-west-2a", "us-west-2b", "us-west-2c", "us-west-2d"}};
  c.regions["eu-west-1"] = {{"eu-west-1a", "eu-west-1b", "eu-west-1c"}};
  c.regions["eu-central-1"] = {{"eu-central-1a", "eu-central-1b", "eu-central-1c"}};
  // Built once from static rows (models/catalog/instance_types.cpp, sources there); copying them is cheap.
  c.instance_types = built_in_instance_types();
  c.instance_prices = built_in_instance_prices();
  c.container_instance = built_in_registration_rule();
  return c;
}

const Shape* Catalog::section_shape(ShapeSet& s) {
  const Shape* dist = distribution_shape(s);
  Shape& price = s.object("a Fargate price", "Linux/x86 on-demand prices in USD.");
  price.required("vcpuHour", s.number(0, 1000), "USD per vCPU-hour")
      .required("gbHour", s.number(0, 1000), "USD per GB-hour")
      .field("arm64VcpuHour", s.number(0, 1000), "USD per vCPU-hour on ARM64 (default: 80 % of vcpuHour)")
      .field("arm64GbHour", s.number(0, 1000), "USD per GB-hour on ARM64 (default: 80 % of gbHour)");
  Shape& fargate = s.object("a Fargate catalogue entry", "Fargate latencies and prices.");
  fargate.field("provisioningSeconds", dist, "PROVISIONING stage duration, seconds")
      .field("deprovisioningSeconds", dist, "DEPROVISIONING stage duration, seconds")
      .field("pullBandwidthMiBps", s.number(0.001, 1e6), "image pull throughput, MiB/s")
      .field("spotDiscount", s.number(0, 0.99), "Fargate Spot discount as a fraction of on-demand")
      .field("prices", s.map_of(&price), "prices by region");
  Shape& ec2 = s.object("an EC2 catalogue entry", "EC2 container-instance latencies and limits.");
  ec2.field("bootSeconds", dist, "RunInstances until the instance runs, seconds")
      .field("registrationSeconds", dist, "instance running until the ECS agent registers it, seconds")
      .field("pullBandwidthMiBps", s.number(0.001, 1e6), "image pull throughput cap per instance, MiB/s")
      .field("ephemeralPortFirst", s.integer(1024, 65535), "first dynamic host port (bridge mode)")
      .field("ephemeralPortLast", s.integer(1024, 65535), "last dynamic host port")
      .field("spotWarningSeconds", s.integer(0, 3600), "Spot interruption notice, seconds");
  Shape& alb = s.object("an ALB catalogue entry", "Application Load Balancer latencies.");
  alb.field("targetRegistrationSeconds", dist,
            "RegisterTargets until the target is registered (state initial) and its health checks start, seconds");
  Shape& images = s.object("an image catalogue entry", "Registry defaults.");
  images.field("defaultSizeMiB", s.number(0.001, 1e6), "size of images the scenario does not list")
      .field("lifecycleEvaluationInterval", s.duration(), "ECR lifecycle policies expire images this often")
      .field("storageUsdPerGbMonth", s.number(0, 1000), "ECR storage price, USD per GB-month");
  Shape& section = s.object("the catalog section", "Additions to or overrides of the built-in catalogue.");
  section.field("fargate", &fargate, "Fargate")
      .field("ec2", &ec2, "EC2 container instances")
      .field("alb", &alb, "Application Load Balancers")
      .field("images", &images, "ECR images")
      .field("instanceTypes", instance_types_shape(s),
             "EC2 instance types by name: overrides of built-in ones, or new ones")
      .field("containerInstance", container_instance_shape(s), "what an EC2 container instance registers with ECS")
      .field("autoscaling", ScalingCatalog::section_shape(s), "CloudWatch alarm and Application Auto Scaling defaults")
      .field("ecs", SchedulerCatalog::section_shape(s), "ECS service scheduler defaults")
      .field("eks", EksCatalog::section_shape(s), "EKS and Kubernetes defaults");
  return &section;
}

void Catalog::apply_overrides(const nlohmann::json& section, const std::string& pointer) {
  if (auto f = section.find("fargate"); f != section.end()) {
    std::string p = append_pointer(pointer, "fargate");
    if (f->contains("provisioningSeconds")) {
      fargate.provisioning_s =
          read_distribution(f->at("provisioningSeconds"), append_pointer(p, "provisioningSeconds"));
    }
    if (f->contains("deprovisioningSeconds")) {
      fargate.deprovisioning_s =
          read_distribution(f->at("deprovisioningSeconds"), append_pointer(p, "deprovisioningSeconds"));
    }
    if (f->contains("pullBandwidthMiBps")) fargate.pull_bandwidth_mibps = f->at("pullBandwidthMiBps").get<double>();
    if (f->contains("spotDiscount")) fargate.spot_discount = f->at("spotDiscount").get<double>();
    if (auto prices = f->find("prices"); prices != f->end()) {
      for (auto it = prices->begin(); it != prices->end(); ++it) {
        const double vcpu = it->at("vcpuHour").get<double>(), gb = it->at("gbHour").get<double>();
        fargate.prices[it.key()] = {vcpu, gb, it->value("arm64VcpuHour", vcpu * kFargateArmPriceRatio),
                                    it->value("arm64GbHour", gb * kFargateArmPriceRatio)};
      }
    }
  }
  if (auto e = section.find("ec2"); e != section.end()) {
    std::string p = append_pointer(pointer, "ec2");
    if (e->contains("bootSeconds"))
      ec2.boot_s = read_distribution(e->at("bootSeconds"), append_pointer(p, "bootSeconds"));
    if (e->contains("registrationSeconds")) {
      ec2.registration_s = read_distribution(e->at("registrationSeconds"), append_pointer(p, "registrationSeconds"));
    }
    if (e->contains("pullBandwidthMiBps")) ec2.max_pull_mibps = e->at("pullBandwidthMiBps").get<double>();
    if (e->contains("ephemeralPortFirst")) ec2.ephemeral_first = e->at("ephemeralPortFirst").get<int>();
    if (e->contains("ephemeralPortLast")) ec2.ephemeral_last = e->at("ephemeralPortLast").get<int>();
    if (e->contains("spotWarningSeconds")) ec2.spot_warning = Duration::seconds(e->at("spotWarningSeconds").get<int>());
    if (ec2.ephemeral_last < ec2.ephemeral_first) {
      throw ScenarioError(append_pointer(p, "ephemeralPortLast"), "expected a port at or above ephemeralPortFirst (" +
                                                                      std::to_string(ec2.ephemeral_first) + ")");
    }
  }
  if (auto a = section.find("alb"); a != section.end() && a->contains("targetRegistrationSeconds")) {
    alb.target_registration_s =
        read_distribution(a->at("targetRegistrationSeconds"),
                          append_pointer(append_pointer(pointer, "alb"), "targetRegistrationSeconds"));
  }
  if (auto i = section.find("images"); i != section.end()) {
    if (i->contains("defaultSizeMiB")) default_image_size_mib = i->at("defaultSizeMiB").get<double>();
    if (i->contains("lifecycleEvaluationInterval")) {
      ecr.lifecycle_delay =
          read_duration(i->at("lifecycleEvaluationInterval"),
                        append_pointer(append_pointer(pointer, "images"), "lifecycleEvaluationInterval"));
      if (ecr.lifecycle_delay <= Duration::seconds(0))
        throw ScenarioError(append_pointer(append_pointer(pointer, "images"), "lifecycleEvaluationInterval"),
                            "expected a positive duration");
    }
    if (i->contains("storageUsdPerGbMonth")) ecr.storage_usd_gb_month = i->at("storageUsdPerGbMonth").get<double>();
  }
  if (auto t = section.find("instanceTypes"); t != section.end()) {
    apply_instance_type_overrides(*t, append_pointer(pointer, "instanceTypes"), instance_types, instance_prices);
  }
  if (auto a = section.find("autoscaling"); a != section.end()) autoscaling.apply_overrides(*a);
  if (auto e = section.find("ecs"); e != section.end()) ecs.apply_overrides(*e);
  if (auto e = section.find("eks"); e != section.end()) eks.apply_overrides(*e);
  if (auto ci = section.find("containerInstance"); ci != section.end()) {
    apply_container_instance_overrides(*ci, append_pointer(pointer, "containerInstance"), container_instance);
  }
}

const InstancePrice* Catalog::instance_price(const std::string& region, const std::string& type) const {
  auto r = instance_prices.find(region);
  if (r == instance_prices.end()) return nullptr;
  auto p = r->second.find(type);
  return p == r->second.end() ? nullptr : &p->second;
}

nlohmann::ordered_json Catalog::to_json(const std::string& region) const {
  nlohmann::ordered_json out;
  nlohmann::ordered_json prices = nlohmann::ordered_json::object();
  nlohmann::ordered_json regions_out = nlohmann::ordered_json::object();
  for (const auto& [name, info] : regions) {
    if (!region.empty() && name != region) continue;
    regions_out[name] = {{"availabilityZones", info.availability_zones}};
    if (auto p = fargate.prices.find(name); p != fargate.prices.end()) {
      prices[name] = {{"vcpuHour", p->second.vcpu_hour},
                      {"gbHour", p->second.gb_hour},
                      {"arm64VcpuHour", p->second.arm_vcpu_hour},
                      {"arm64GbHour", p->second.arm_gb_hour}};
    }
  }
  out["regions"] = regions_out;
  out["fargate"] = {{"provisioningSeconds", fargate.provisioning_s.describe()},
                    {"deprovisioningSeconds", fargate.deprovisioning_s.describe()},
                    {"pullBandwidthMiBps", fargate.pull_bandwidth_mibps},
                    {"spotDiscount", fargate.spot_discount},
                    {"prices", prices}};
  out["ec2"] = {{"bootSeconds", ec2.boot_s.describe()},     {"registrationSeconds", ec2.registration_s.describe()},
                {"pullBandwidthMiBps", ec2.max_pull_mibps}, {"ephemeralPortFirst", ec2.ephemeral_first},
                {"ephemeralPortLast", ec2.ephemeral_last},  {"spotWarningSeconds", ec2.spot_warning.us() / 1000000}};
  out["alb"] = {{"targetRegistrationSeconds", alb.target_registration_s.describe()}};
  out["images"] = {{"defaultSizeMiB", default_image_size_mib},
                   {"lifecycleEvaluationInterval", ecr.lifecycle_delay.seconds_f()},
                   {"storageUsdPerGbMonth", ecr.storage_usd_gb_month}};
  out["containerInstance"] = {{"registeredMemoryOverheadMiB", container_instance.overhead_mib},
                              {"registeredMemoryOverheadFraction", container_instance.overhead_fraction},
                              {"reservedMemoryMiB", container_instance.reserved_memory_mib}};
  nlohmann::ordered_json types = nlohmann::ordered_json::object();
  for (const auto& [name, type] : instance_types) {
    types[name] = instance_type_json(type, instance_prices, container_instance, region);
  }
  out["instanceTypes"] = types;
  out["autoscaling"] = autoscaling.to_json();
  out["ecs"] = ecs.to_json();
  out["eks"] = eks.to_json();
  return out;
}

}  // namespace fleetsim
