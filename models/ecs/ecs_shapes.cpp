#include "models/ecs/ecs_shapes.hpp"

#include "models/ecs/task_definition.hpp"
#include "models/registry.hpp"

namespace fleetsim {

void declare_ecs_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& cluster = s.object("a cluster", "ecs CreateCluster.");
  Shape& provider = s.object("a capacity provider strategy item", "ecs CapacityProviderStrategyItem.");
  provider.required("capacityProvider", s.string(), "FARGATE, FARGATE_SPOT or an Auto Scaling group capacity provider")
      .field("weight", s.integer(0, 1000), "relative share (default 0)")
      .field("base", s.integer(0, 100000), "tasks placed here first (default 0)");
  cluster.required("clusterName", s.string(), "cluster name")
      .field("capacityProviders", s.array_of(s.string(), 20), "capacity providers associated with the cluster")
      .field("defaultCapacityProviderStrategy", s.array_of(&provider, 20),
             "strategy of services that give neither launchType nor strategy")
      .ignored({"tags", "settings", "configuration", "serviceConnectDefaults",
                // read-only: describe-clusters prints them
                "clusterArn", "status", "registeredContainerInstancesCount", "runningTasksCount", "pendingTasksCount",
                "activeServicesCount", "statistics", "attachments", "attachmentsStatus"});
  r.add_section("clusters",
                s.array_of(&cluster, 1000, AwsOutput{"aws ecs describe-clusters", "clusters", false, {"failures"}}),
                "ECS clusters (a cluster named default always exists)");
  r.add_section("taskDefinitions", TaskDefinitionTable::section_shape(s), "ECS task definitions");

  Shape& lb = s.object("a service load balancer", "ecs LoadBalancer.");
  lb.field("targetGroupArn", s.string(), "target group name or ARN")
      .field("containerName", s.string(), "container receiving traffic")
      .field("containerPort", s.integer(0, 65535), "its port")
      .ignored({"loadBalancerName"});
  Shape& managed = s.object("managed scaling", "ecs ManagedScaling.");
  managed.field("status", s.one_of_strings("a status", {"ENABLED", "DISABLED"}), "managed scaling on or off")
      .field("targetCapacity", s.integer(1, 100), "CapacityProviderReservation target, percent (default 100)")
      .field("minimumScalingStepSize", s.integer(1, 10000), "instances per scale-out at least (default 1)")
      .field("maximumScalingStepSize", s.integer(1, 10000), "instances per scale-out at most (default 10000)")
      .field("instanceWarmupPeriod", s.integer(0, 10000),
             "seconds a new instance blocks further scale-out (default 300)");
  Shape& asg_provider = s.object("an Auto Scaling group provider", "ecs AutoScalingGroupProvider.");
  asg_provider.required("autoScalingGroupArn", s.string(), "Auto Scaling group name or ARN")
      .field("managedScaling", &managed, "cluster auto scaling")
      .field("managedTerminationProtection", s.one_of_strings("a status", {"ENABLED", "DISABLED"}),
             "keep instances with tasks from scale-in")
      .field("managedDraining", s.one_of_strings("a status", {"ENABLED", "DISABLED"}),
             "Spot instances drain on the interruption notice (default ENABLED)");
  Shape& cp = s.object("a capacity provider", "ecs CreateCapacityProvider.");
  cp.required("name", s.string(), "capacity provider name")
      .required("autoScalingGroupProvider", &asg_provider, "the group it scales")
      .ignored({"tags", "capacityProviderArn", "status", "updateStatus", "updateStatusReason", "type", "cluster"});
  r.add_section(
      "capacityProviders",
      s.array_of(
          &cp, 100,
          AwsOutput{"aws ecs describe-capacity-providers", "capacityProviders", false, {"failures", "nextToken"}}),
      "ECS capacity providers backed by Auto Scaling groups");
  Shape& strategy_item = s.object("a placement strategy", "ecs PlacementStrategy.");
  strategy_item
      .required("type", s.one_of_strings("a strategy type", {"binpack", "spread", "random"}),
                "binpack, spread or random")
      .field("field", s.string(), "binpack: cpu or memory; spread: instanceId, host or attribute:NAME");
  Shape& constraint = s.object("a placement constraint", "ecs PlacementConstraint.");
  constraint
      .required("type", s.one_of_strings("a constraint type", {"distinctInstance", "memberOf"}),
                "distinctInstance or memberOf")
      .field("expression", s.string(), "memberOf: a cluster query language expression");
  Shape& awsvpc = s.object("an awsvpc configuration", "ecs AwsVpcConfiguration.");
  awsvpc.field("subnets", s.array_of(s.string(), 16), "subnet ids (their AZs come from the subnets section)")
      .field("securityGroups", s.array_of(s.string(), 5),
             "the tasks' security groups (checked against the securityGroups section)")
      .ignored({"assignPublicIp"});
  Shape& network = s.object("a network configuration", "ecs NetworkConfiguration.");
  network.field("awsvpcConfiguration", &awsvpc, "awsvpc settings");
  Shape& breaker = s.object("a deployment circuit breaker", "ecs DeploymentCircuitBreaker.");
  breaker.required("enable", s.boolean(), "count failed tasks and fail the deployment at the threshold")
      .required("rollback", s.boolean(), "on failure, redeploy the last completed revision");
  Shape& deployment = s.object("a deployment configuration", "ecs DeploymentConfiguration.");
  deployment
      .field("minimumHealthyPercent", s.integer(0, 100),
             "healthy tasks kept during a deployment, percent of desiredCount rounded up (default 100)")
      .field("maximumPercent", s.integer(0, 2147483647),
             "RUNNING + PENDING tasks allowed, percent of desiredCount rounded down (default 200)")
      .field("deploymentCircuitBreaker", &breaker, "circuit breaker")
      .ignored(
          {"alarms", "bakeTimeInMinutes", "lifecycleHooks", "strategy", "canaryConfiguration", "linearConfiguration"});
  Shape& controller = s.object("a deployment controller", "ecs DeploymentController.");
  controller.required("type", s.one_of_strings("a controller type", {"ECS", "CODE_DEPLOY", "EXTERNAL"}),
                      "ECS (rolling update)");
  Shape& svc = s.object("a service", "ecs CreateService.");
  svc.required("serviceName", s.string(), "service name")
      .field("cluster", s.string(), "cluster name or ARN (default: default)")
      .field("clusterArn", s.string(), "the cluster, as describe-services prints it (when \"cluster\" is absent)")
      .required("taskDefinition", s.string(), "family, family:revision or ARN")
      .field("desiredCount", s.integer(0, 5000),
             "tasks to keep running (at most 5,000, ECS's default tasks-per-service quota)")
      .field("launchType", s.one_of_strings("a launch type", {"EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"}),
             "launch type")
      .field("capacityProviderStrategy", s.array_of(&provider, 20), "capacity provider strategy")
      .field("loadBalancers", s.array_of(&lb, 5), "target groups")
      .field("networkConfiguration", &network, "awsvpc subnets")
      .field("healthCheckGracePeriodSeconds", s.integer(0, 2147483647),
             "ELB health ignored this long after RUNNING (default 0)")
      .field("placementStrategy", s.array_of(&strategy_item, 5), "EC2 placement strategies, in order")
      .field("placementConstraints", s.array_of(&constraint, 10), "EC2 placement constraints")
      .field("deploymentConfiguration", &deployment, "rolling update bounds and circuit breaker")
      .field("deploymentController", &controller, "deployment controller (only ECS, the rolling update, is simulated)")
      .field("platformVersion", s.string(),
             "Fargate platform version, LATEST or 1.x.0: EFS volumes need 1.4.0 or later")
      .ignored({"serviceRegistries",
                "clientToken",
                "role",
                "schedulingStrategy",
                "tags",
                "enableECSManagedTags",
                "propagateTags",
                "enableExecuteCommand",
                "serviceConnectConfiguration",
                "volumeConfigurations",
                "availabilityZoneRebalancing",
                "serviceArn",
                "status",
                "runningCount",
                "pendingCount",
                "deployments",
                "events",
                "createdAt",
                "roleArn",
                "createdBy",
                "platformFamily",
                "taskSets"});
  r.add_section("services",
                s.array_of(&svc, 10000, AwsOutput{"aws ecs describe-services", "services", false, {"failures"}}),
                "ECS services");

  Shape& update = s.object("an updateService action", "Changes a service (ecs UpdateService fields).");
  update.required("service", s.string(), "service name")
      .field("desiredCount", s.integer(0, 5000), "new desired count (at most 5,000)")
      .field("taskDefinition", s.string(), "new revision: starts a rolling deployment")
      .field("forceNewDeployment", s.boolean(), "deploy even when the revision is unchanged");
  r.add_timeline_action("updateService", update);
  Shape& kill = s.object("a killTasks action",
                         "Tasks of a service die at once (their containers exit); the service replaces them.");
  kill.required("service", s.string(), "service name")
      .field("count", s.integer(1, 200000), "tasks killed")
      .field("percent", s.number(0, 100), "share of the running tasks killed, rounded up");
  r.add_timeline_action("killTasks", kill);
}

}  // namespace fleetsim
