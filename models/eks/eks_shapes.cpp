#include "models/eks/eks_shapes.hpp"

#include "models/registry.hpp"

namespace fleetsim {

void register_eks_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& vpc = s.object("a VPC configuration", "eks CreateCluster resourcesVpcConfig.");
  vpc.field("subnetIds", s.array_of(s.string()), "subnets of the cluster (their AZs hold nodes and Fargate pods)")
      .ignored({"securityGroupIds", "endpointPublicAccess", "endpointPrivateAccess", "publicAccessCidrs",
                "clusterSecurityGroupId", "vpcId"});
  Shape& cluster = s.object("an EKS cluster", "eks CreateCluster.");
  cluster.required("name", s.string(), "cluster name (nodegroups, fargateProfiles and kubernetes name it)")
      .field("version", s.string(), "Kubernetes version, e.g. \"1.31\" (recorded, not simulated)")
      .field("resourcesVpcConfig", &vpc, "the cluster's subnets")
      .ignored({"roleArn", "kubernetesNetworkConfig", "logging", "tags", "encryptionConfig", "accessConfig",
                "upgradePolicy", "bootstrapSelfManagedAddons", "outpostConfig", "clientRequestToken", "arn", "status",
                "endpoint", "createdAt", "certificateAuthority", "identity", "platformVersion"})
      // Also printed by describe-cluster (API Cluster): read-only, or settings fleetsim does not simulate.
      .ignored({"health", "id", "connectorConfig", "zonalShiftConfig", "computeConfig", "storageConfig",
                "remoteNetworkConfig"});
  // describe-cluster prints {"cluster": {...}} (AWS CLI examples, eks describe-cluster).
  r.add_section("eksClusters", s.array_of(&cluster, 100, AwsOutput{"aws eks describe-cluster", "cluster", true, {}}),
                "EKS clusters (control planes billed per hour)");

  Shape& scaling = s.object("a node group scaling config", "eks CreateNodegroup scalingConfig.");
  scaling.field("minSize", s.integer(0, 1000), "fewest nodes (default 1)")
      .field("maxSize", s.integer(1, 1000), "most nodes (default 2)")
      .field("desiredSize", s.integer(0, 1000), "nodes at the start (default: minSize)");
  Shape& taint = s.object("a node taint", "eks Taint.");
  taint.required("key", s.string(), "taint key")
      .field("value", s.string(), "taint value")
      .required("effect", s.one_of_strings("a taint effect", {"NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"}),
                "EKS's spelling of the effect");
  Shape& nodegroup = s.object("a managed node group",
                              "eks CreateNodegroup: an Auto Scaling group whose instances join the cluster as nodes.");
  nodegroup.required("clusterName", s.string(), "the EKS cluster")
      .required("nodegroupName", s.string(), "node group name (also its Auto Scaling group's name)")
      .field("scalingConfig", &scaling, "node counts")
      .field("instanceTypes", s.array_of(s.string(), 20), "instance types (default [\"t3.medium\"])")
      .field("capacityType", s.one_of_strings("a capacity type", {"ON_DEMAND", "SPOT"}), "default ON_DEMAND")
      .field("subnets", s.array_of(s.string()), "subnets (default: the cluster's)")
      .field("labels", s.map_of(s.string()), "Kubernetes labels of its nodes")
      .field("taints", s.array_of(&taint, 50), "Kubernetes taints of its nodes")
      .ignored({"nodeRole", "amiType", "diskSize", "remoteAccess", "launchTemplate", "updateConfig", "tags",
                "releaseVersion", "version", "clientRequestToken", "nodeRepairConfig", "nodegroupArn", "status",
                "resources", "health", "createdAt", "modifiedAt"});
  r.add_section("nodegroups",
                s.array_of(&nodegroup, 1000, AwsOutput{"aws eks describe-nodegroup", "nodegroup", true, {}}),
                "EKS managed node groups");

  Shape& selector = s.object("a Fargate profile selector", "eks FargateProfileSelector.");
  selector.required("namespace", s.string(), "pods of this namespace")
      .field("labels", s.map_of(s.string()), "and with all these labels");
  Shape& profile = s.object("a Fargate profile", "eks CreateFargateProfile.");
  profile.required("clusterName", s.string(), "the EKS cluster")
      .required("fargateProfileName", s.string(), "profile name")
      .required("selectors", s.array_of(&selector, 5), "pods matching any selector run on Fargate")
      .field("subnets", s.array_of(s.string()), "subnets (default: the cluster's)")
      .ignored(
          {"podExecutionRoleArn", "tags", "clientRequestToken", "fargateProfileArn", "status", "createdAt", "health"});
  r.add_section("fargateProfiles",
                s.array_of(&profile, 100, AwsOutput{"aws eks describe-fargate-profile", "fargateProfile", true, {}}),
                "EKS Fargate profiles");

  Shape& ca = s.object("Cluster Autoscaler settings", "The Cluster Autoscaler's command line.");
  ca.field("args", s.array_of(s.string(), 200), "flags as passed to cluster-autoscaler");
  Shape& objects = s.object("a cluster's Kubernetes objects", "The objects inside one EKS cluster.");
  objects.required("cluster", s.string(), "the EKS cluster")
      .field("manifests", s.array_of(s.string(), 1000), "YAML files as kubectl takes them, relative to the scenario")
      .field("objects", s.array_of(s.any(), 100000), "inline objects in Kubernetes' own shape")
      .field("clusterAutoscaler", &ca, "runs the Cluster Autoscaler over the cluster's node groups");
  r.add_section("kubernetes", s.array_of(&objects, 100), "Kubernetes objects per EKS cluster");

  Shape& apply = s.object("a kubectlApply action", "Changes objects as kubectl apply does.");
  apply.required("cluster", s.string(), "the EKS cluster")
      .field("objects", s.array_of(s.any(), 10000), "objects in Kubernetes' own shape")
      .field("manifests", s.array_of(s.string(), 1000), "YAML files, relative to the scenario");
  r.add_timeline_action("kubectlApply", apply);
  Shape& drain = s.object("a drainNode action", "Cordons nodes and evicts their pods as kubectl drain does.");
  drain.required("cluster", s.string(), "the EKS cluster")
      .field("node", s.string(), "node name")
      .field("nodegroup", s.string(), "or nodes of this node group")
      .field("count", s.integer(1, 1000), "how many of the group's nodes (default 1)");
  r.add_timeline_action("drainNode", drain);
}

}  // namespace fleetsim
