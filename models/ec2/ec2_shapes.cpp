#include "models/ec2/ec2_shapes.hpp"

#include "models/registry.hpp"

namespace fleetsim {

namespace {

/// CreateAutoScalingGroup's shape, as the section's entries and AutoScalingGroups requests take it.
const Shape& auto_scaling_group_shape(ShapeSet& s) {
  Shape& lt_override = s.object("a launch template override", "autoscaling LaunchTemplateOverrides.");
  lt_override.field("InstanceType", s.string(), "instance type")
      .ignored({"WeightedCapacity", "LaunchTemplateSpecification", "InstanceRequirements"});
  Shape& lt = s.object("a mixed-instances launch template", "autoscaling LaunchTemplate.");
  lt.field("Overrides", s.array_of(&lt_override, 40), "instance types, the first one launched")
      .ignored({"LaunchTemplateSpecification"});
  Shape& dist = s.object("an instances distribution", "autoscaling InstancesDistribution.");
  dist.field("OnDemandBaseCapacity", s.integer(0, 100000), "on-demand instances first (default 0)")
      .field("OnDemandPercentageAboveBaseCapacity", s.integer(0, 100),
             "on-demand share above the base, percent (default 100)")
      .ignored({"OnDemandAllocationStrategy", "SpotAllocationStrategy", "SpotInstancePools", "SpotMaxPrice"});
  Shape& mixed = s.object("a mixed instances policy", "autoscaling MixedInstancesPolicy.");
  mixed.field("LaunchTemplate", &lt, "instance types")
      .field("InstancesDistribution", &dist, "on-demand and Spot split");
  Shape& x = s.object("fleetsim knobs of a group", "Simulation-only settings of an Auto Scaling group.");
  x.field("cluster", s.string(),
          "the ECS cluster its instances join when no capacity provider uses the group (default: default)")
      .field("spotInstanceDraining", s.boolean(),
             "ECS_ENABLE_SPOT_INSTANCE_DRAINING in the instances' user data: Spot instances drain on the "
             "interruption notice (default false, the agent's; a capacity provider's managed draining also drains)");
  Shape& group = s.object("an Auto Scaling group", "autoscaling CreateAutoScalingGroup.");
  group.required("AutoScalingGroupName", s.string(), "group name")
      .required("MinSize", s.integer(0, 100000), "minimum instances")
      .required("MaxSize", s.integer(0, 100000), "maximum instances")
      .field("DesiredCapacity", s.integer(0, 100000), "instances to start with (default MinSize)")
      .field("InstanceType", s.string(), "instance type, as a launch configuration has it")
      .field("MixedInstancesPolicy", &mixed, "instance types and the on-demand/Spot split")
      .field("AvailabilityZones", s.array_of(s.string(), 32), "AZs (default: every AZ of the scenario)")
      .field("VPCZoneIdentifier", s.string(), "comma-separated subnet ids (their AZs come from the subnets section)")
      .field("NewInstancesProtectedFromScaleIn", s.boolean(), "scale-in protection of new instances")
      .field("SecurityGroups", s.array_of(s.string(), 5),
             "the instances' security groups, as a launch configuration has them")
      .field("IamInstanceProfile", s.string(),
             "the instances' instance profile (name or ARN), as a launch configuration has it; checked with roles")
      .field("x-fleetsim", &x, "simulation-only settings")
      .ignored({"LaunchTemplate", "LaunchConfigurationName", "InstanceId", "DefaultCooldown", "HealthCheckType",
                "HealthCheckGracePeriod", "LoadBalancerNames", "TargetGroupARNs", "TerminationPolicies",
                "PlacementGroup", "CapacityRebalance", "LifecycleHookSpecificationList", "Tags", "ServiceLinkedRoleARN",
                "MaxInstanceLifetime", "Context", "DesiredCapacityType", "DefaultInstanceWarmup", "TrafficSources",
                "InstanceMaintenancePolicy", "AutoScalingGroupARN", "Instances", "CreatedTime", "Status",
                // read-only or DescribeAutoScalingGroups-only: what the group is doing now
                "SuspendedProcesses", "EnabledMetrics", "WarmPoolConfiguration", "WarmPoolSize", "PredictedCapacity",
                "AvailabilityZoneDistribution", "AvailabilityZoneImpairmentPolicy",
                "CapacityReservationSpecification"});
  return group;
}

}  // namespace

const Shape& auto_scaling_group_request_shape() {
  static ShapeSet set;
  static const Shape& shape = auto_scaling_group_shape(set);
  return shape;
}

void declare_ec2_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  r.add_section(
      "autoScalingGroups",
      s.array_of(&auto_scaling_group_shape(s), 1000,
                 AwsOutput{"aws autoscaling describe-auto-scaling-groups", "AutoScalingGroups", false, {"NextToken"}}),
      "EC2 Auto Scaling groups");

  Shape& spot =
      s.object("a spotInterruption action",
               "EC2 reclaims Spot capacity: Spot instances of a group (a two-minute notice, the agent drains, then "
               "termination), or Fargate Spot tasks (SIGTERM with the notice; the service replaces them).");
  spot.field("autoScalingGroup", s.string(), "group name")
      .field("capacityProvider", s.string(), "\"FARGATE_SPOT\"")
      .required("count", s.integer(1, 100000), "instances or tasks interrupted");
  r.add_timeline_action("spotInterruption", spot);
  Shape& term =
      s.object("a terminateInstances action", "Instances of a group terminate at once; the group replaces them.");
  term.required("autoScalingGroup", s.string(), "group name")
      .required("count", s.integer(1, 100000), "instances terminated");
  r.add_timeline_action("terminateInstances", term);
}

}  // namespace fleetsim
