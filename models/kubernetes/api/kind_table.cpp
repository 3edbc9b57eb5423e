#include "models/kubernetes/api/kind_table.hpp"

namespace fleetsim::kube {

const std::vector<KindInfo>& known_kinds() {
  using enum KindHandling;
  static const std::vector<KindInfo> kinds = {
      {"Namespace", {"v1"}, "namespaces", false, kRead},
      {"Pod", {"v1"}, "pods", true, kRead},
      {"Service", {"v1"}, "services", true, kRead},
      {"Deployment", {"apps/v1"}, "deployments.apps", true, kRead},
      {"Ingress", {"networking.k8s.io/v1"}, "ingresses.networking.k8s.io", true, kRead},
      {"PodDisruptionBudget", {"policy/v1"}, "poddisruptionbudgets.policy", true, kRead},
      {"Job", {"batch/v1"}, "jobs.batch", true, kRead},
      {"CronJob", {"batch/v1"}, "cronjobs.batch", true, kRead},
      {"PriorityClass", {"scheduling.k8s.io/v1"}, "priorityclasses.scheduling.k8s.io", false, kRead},
      {"HorizontalPodAutoscaler",
       {"autoscaling/v2", "autoscaling/v1"},
       "horizontalpodautoscalers.autoscaling",
       true,
       kDeferred},
      {"NodePool", {"karpenter.sh/v1", "karpenter.sh/v1beta1"}, "nodepools.karpenter.sh", false, kDeferred},
      {"EC2NodeClass",
       {"karpenter.k8s.aws/v1", "karpenter.k8s.aws/v1beta1"},
       "ec2nodeclasses.karpenter.k8s.aws",
       false,
       kDeferred},
      {"ScaledObject", {"keda.sh/v1alpha1"}, "scaledobjects.keda.sh", true, kDeferred},
      {"ConfigMap", {"v1"}, "configmaps", true, kIgnored},
      {"Secret", {"v1"}, "secrets", true, kIgnored},
      {"ServiceAccount", {"v1"}, "serviceaccounts", true, kIgnored},
      {"PersistentVolumeClaim", {"v1"}, "persistentvolumeclaims", true, kIgnored},
      {"LimitRange", {"v1"}, "limitranges", true, kIgnored},
      {"ResourceQuota", {"v1"}, "resourcequotas", true, kIgnored},
      {"Role", {"rbac.authorization.k8s.io/v1"}, "roles.rbac.authorization.k8s.io", true, kIgnored},
      {"RoleBinding", {"rbac.authorization.k8s.io/v1"}, "rolebindings.rbac.authorization.k8s.io", true, kIgnored},
      {"ClusterRole", {"rbac.authorization.k8s.io/v1"}, "clusterroles.rbac.authorization.k8s.io", false, kIgnored},
      {"ClusterRoleBinding",
       {"rbac.authorization.k8s.io/v1"},
       "clusterrolebindings.rbac.authorization.k8s.io",
       false,
       kIgnored},
      {"NetworkPolicy", {"networking.k8s.io/v1"}, "networkpolicies.networking.k8s.io", true, kIgnored},
      {"IngressClass", {"networking.k8s.io/v1"}, "ingressclasses.networking.k8s.io", false, kIgnored},
      {"StorageClass", {"storage.k8s.io/v1"}, "storageclasses.storage.k8s.io", false, kIgnored},
      {"CustomResourceDefinition",
       {"apiextensions.k8s.io/v1"},
       "customresourcedefinitions.apiextensions.k8s.io",
       false,
       kIgnored},
      {"ServiceMonitor", {"monitoring.coreos.com/v1"}, "servicemonitors.monitoring.coreos.com", true, kIgnored},
      {"PodMonitor", {"monitoring.coreos.com/v1"}, "podmonitors.monitoring.coreos.com", true, kIgnored},
      {"IngressClassParams", {"elbv2.k8s.aws/v1beta1"}, "ingressclassparams.elbv2.k8s.aws", false, kIgnored},
      {"TriggerAuthentication", {"keda.sh/v1alpha1"}, "triggerauthentications.keda.sh", true, kIgnored},
      {"ClusterTriggerAuthentication", {"keda.sh/v1alpha1"}, "clustertriggerauthentications.keda.sh", false, kIgnored},
      {"StatefulSet", {"apps/v1"}, "statefulsets.apps", true, kNotSimulated},
      {"DaemonSet", {"apps/v1"}, "daemonsets.apps", true, kNotSimulated},
      {"ReplicaSet", {"apps/v1"}, "replicasets.apps", true, kNotSimulated},
      {"ReplicationController", {"v1"}, "replicationcontrollers", true, kNotSimulated},
      {"ScaledJob", {"keda.sh/v1alpha1"}, "scaledjobs.keda.sh", true, kNotSimulated},
      {"VerticalPodAutoscaler",
       {"autoscaling.k8s.io/v1"},
       "verticalpodautoscalers.autoscaling.k8s.io",
       true,
       kNotSimulated},
      {"TargetGroupBinding", {"elbv2.k8s.aws/v1beta1"}, "targetgroupbindings.elbv2.k8s.aws", true, kNotSimulated},
  };
  return kinds;
}

const KindInfo* find_kind(std::string_view kind) {
  for (const KindInfo& k : known_kinds()) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

}  // namespace fleetsim::kube
